"""Lever: channel shifts — move contacts of a reason from one channel to another, within the
inclusion floors of the resident segments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..domain import ASSISTED_MASK, CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS
from ..errors import InputError
from .base import Lever, Outcome, Values, check_fields

_SPECS = {"share": "shift_share"}
_ASSISTED = np.array(ASSISTED_MASK)


@dataclass(frozen=True)
class ChannelShift:
    """Move ``share`` of the contacts of ``reason`` (all reasons if None) from one channel to another.

    A shift from an assisted to a self-service channel stops where a resident segment
    would fall below its assisted-channel floor (see :class:`omnicalc.Segments`).

    Parameters
    ----------
    from_channel : str
        Channel the contacts leave (:data:`omnicalc.CHANNELS`), e.g. ``"telefoon"``.
    to_channel : str
        Channel the contacts go to, e.g. ``"webformulier"``.
    share : float
        Share of the contacts on ``from_channel`` (for ``reason``) that moves [-], 0-1; limited by
        each segment's assisted-channel floor.
    reason : str or None
        Contact reason (:data:`omnicalc.REASONS`); None: every reason.
    """

    from_channel: str
    to_channel: str
    share: float
    reason: str | None = None

    def __post_init__(self) -> None:
        for attr in ("from_channel", "to_channel"):
            if getattr(self, attr) not in CHANNELS:
                raise InputError(
                    f"channel_shift.{attr}",
                    getattr(self, attr),
                    f"channel must be one of {', '.join(CHANNELS)}",
                    allowed_nl=f"kies een kanaal uit: {', '.join(CHANNEL_LABELS.values())}",
                    label_nl="Kanaal",
                )
        if self.from_channel == self.to_channel:
            raise InputError(
                "channel_shift.to_channel",
                self.to_channel,
                "must differ from from_channel",
                allowed_nl="het doelkanaal moet anders zijn dan het bronkanaal",
                label_nl="Doelkanaal",
            )
        if self.reason is not None and self.reason not in REASONS:
            raise InputError(
                "channel_shift.reason",
                self.reason,
                f"reason must be one of {', '.join(REASONS)} or empty",
                allowed_nl=f"kies een contactreden uit: {', '.join(REASON_LABELS.values())}",
                label_nl="Contactreden",
            )
        check_fields(self, _SPECS, "channel_shift")


def _reason_mask(reason: str | None) -> np.ndarray:
    return np.ones(len(REASONS), bool) if reason is None else np.array([r == reason for r in REASONS])


def move(v: np.ndarray, shift: ChannelShift, share: np.ndarray, floor: np.ndarray) -> tuple[np.ndarray, ...]:
    """One shift on segment volumes (..., S, C, R), in place -> (the volumes, requested (...), moved (...)).

    From an assisted to a self-service channel, each segment keeps at least its floor share
    of all its contacts (per reason) on assisted channels.
    """
    a, b = CHANNELS.index(shift.from_channel), CHANNELS.index(shift.to_channel)
    want = np.asarray(share)[..., None, None] * v[..., a, :] * _reason_mask(shift.reason)  # (..., S, R)
    if _ASSISTED[a] and not _ASSISTED[b]:
        weight = _ASSISTED - floor[..., :, None]  # (..., S, C): assisted - floor x all channels
        room = np.maximum(0.0, np.matmul(weight[..., None, :], v)[..., 0, :])  # (..., S, R)
        moved = np.minimum(want, room)
    else:
        moved = want
    v[..., a, :] -= moved
    v[..., b, :] += moved
    return v, want.sum(axis=(-2, -1)), moved.sum(axis=(-2, -1))


class ChannelShiftLever(Lever):
    key = "channel_shift"
    section = "channel_shifts"
    label_nl = "Kanaalverschuiving"
    short_nl = "kanaalverschuiving"
    explanation_nl = (
        "Een deel van de contacten van een reden gaat van het ene naar het andere kanaal, in de gegeven "
        "volgorde. Naar een selfservicekanaal stopt de verschuiving waar een inwonersgroep onder haar "
        "inclusievloer (minimum bemand) zou komen."
    )
    settings = ChannelShift
    many = True
    per_segment = True
    ramped = ("share",)
    specs = _SPECS
    behaviour = ("share",)
    labels_nl = {"share": "Verschuiving"}

    def item_label_nl(self, item: Any, name: str) -> str:
        return f"Verschuiving {item.from_channel} → {item.to_channel}"

    def needs_segments(self, settings: Any) -> bool:
        return bool(settings)

    def idle_details(self, batch_shape: tuple[int, ...]) -> dict[str, np.ndarray]:
        return {k: np.zeros(batch_shape + (0,)) for k in ("requested_per_year", "moved_per_year")}

    def apply(self, v: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        if settings and v.shape[-3] == 1:
            raise ValueError("channel shifts need the segment split")
        requested, moved = [], []
        for k, shift in enumerate(settings):
            v, want, got = move(v, shift, x[f"{self.section}[{k}].share"], m.assisted_floor_share)
            requested.append(want)
            moved.append(got)
        shape = v.shape[:-3]
        return Outcome(
            volume=v,
            details={
                "requested_per_year": np.stack(requested, axis=-1) if requested else np.zeros(shape + (0,)),
                "moved_per_year": np.stack(moved, axis=-1) if moved else np.zeros(shape + (0,)),
            },
        )


__all__ = [
    "ChannelShift",
    "ChannelShiftLever",
    "move",
]
