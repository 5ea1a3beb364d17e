"""Lever: channel shifts — move contacts of a reason from one channel to another, within the
inclusion floors of the resident segments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import inclusion
from ..domain import CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS
from ..errors import InputError
from .base import Lever, Outcome, Values, check_fields

_SPECS = {"share": "shift_share"}
#: What a shift reports per item, (..., shifts) each [contacts/year].
DETAILS = (
    "requested_per_year",
    "moved_per_year",
    "kept_in_person_per_year",
    "kept_unsuitable_per_year",
    "kept_by_uwv_per_year",
    "kept_by_floor_per_year",
)


@dataclass(frozen=True)
class ChannelShift:
    """Move ``share`` of the contacts of ``reason`` (all reasons if None) from one channel to another.

    The shift leaves what must stay in person (passports at the counter), the contacts of a
    reason the to-channel cannot handle (an *aanvraag* by chat), the contacts of segments to whom
    the UWV model does not allow the to-channel, and what would take a segment below its floor
    (see :mod:`omnicalc.inclusion`); each is reported.

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


def move(
    v: np.ndarray, shift: ChannelShift, share: np.ndarray, floor: np.ndarray, fixed: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """One shift on segment volumes (..., S, C, R), in place; what was asked, moved and kept, (...) each.

    Per segment and reason the shift moves ``share`` of the contacts on the from-channel, except:
    the part that must stay there in person (``fixed``, (..., S, C, R), e.g. passports at the
    counter); every contact of a reason the to-channel cannot handle
    (:func:`omnicalc.inclusion.suitable`); every contact of a segment to whom the UWV model does
    not allow the to-channel's role at that reason's complexity; and, from one of the segment's
    floor channels to another kind, what would take the segment below its floor (:func:`omnicalc.inclusion.floor_room`).
    """
    a, b = CHANNELS.index(shift.from_channel), CHANNELS.index(shift.to_channel)
    want = np.asarray(share)[..., None, None] * v[..., a, :] * _reason_mask(shift.reason)  # (..., S, R)
    movable = want if fixed is None else np.minimum(want, np.maximum(0.0, v[..., a, :] - fixed[..., a, :]))
    suited = np.where(inclusion.suitable()[b], movable, 0.0)
    allowed = np.where(inclusion.allowed()[:, b, :], suited, 0.0)
    mask = inclusion.floor_mask()
    limited = (mask[:, a] & ~mask[:, b])[:, None]  # (S, 1): leaving this segment's floor channels
    moved = np.where(limited, np.minimum(allowed, inclusion.floor_room(v, floor)), allowed)
    v[..., a, :] -= moved
    v[..., b, :] += moved
    total = lambda x: x.sum(axis=(-2, -1))
    return {
        "requested_per_year": total(want),
        "moved_per_year": total(moved),
        "kept_in_person_per_year": total(want - movable),
        "kept_unsuitable_per_year": total(movable - suited),
        "kept_by_uwv_per_year": total(suited - allowed),
        "kept_by_floor_per_year": total(allowed - moved),
    }


class ChannelShiftLever(Lever):
    key = "channel_shift"
    section = "channel_shifts"
    label_nl = "Kanaalverschuiving"
    short_nl = "kanaalverschuiving"
    explanation_nl = (
        "Een deel van de contacten van een reden gaat van het ene naar het andere kanaal, in de gegeven "
        "volgorde. De verschuiving laat staan wat persoonlijk moet (paspoort, ID-kaart, rijbewijs aan de balie), "
        "wat het doelkanaal niet kan afhandelen (een aanvraag via chat), wat het UWV-kanaalsturingsmodel "
        "een inwonersgroep niet toestaat, en wat een groep onder haar inclusievloer zou brengen."
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
        return {k: np.zeros(batch_shape + (0,)) for k in DETAILS}

    def apply(self, v: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        if settings and v.shape[-3] == 1:
            raise ValueError("channel shifts need the segment split")
        fixed = None
        in_person = inclusion.in_person_share()
        if any(in_person[CHANNELS.index(s.from_channel)].any() for s in settings):
            from ..model import split_segments  # the baseline's own split: what must stay is of the baseline

            fixed = split_segments(m.volume, m.segment_share, m.assisted_floor_share) * in_person
        rows: dict[str, list[np.ndarray]] = {k: [] for k in DETAILS}
        for k, shift in enumerate(settings):
            for key, value in move(v, shift, x[f"{self.section}[{k}].share"], m.assisted_floor_share, fixed).items():
                rows[key].append(value)
        shape = v.shape[:-3]
        return Outcome(
            volume=v,
            details={
                key: np.stack(values, axis=-1) if values else np.zeros(shape + (0,)) for key, values in rows.items()
            },
        )


__all__ = [
    "ChannelShift",
    "ChannelShiftLever",
    "move",
]
