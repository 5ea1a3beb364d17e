"""Inclusion: the UWV channel model, each segment's floor, and the part of a reason that must be in person.

"Online waar het kan, persoonlijk waar het moet" (VNG handreiking omnichannel). Three declared tables
say what no lever may break:

- **The UWV channel model** (``defaults/uwv_channel_model.csv``): per service complexity
  (*enkelvoudig / meervoudig / complex*) and resident segment, which channel roles are allowed
  (*self_service*, digital *assisted*, *personal*). Each contact reason has a complexity
  (``defaults/reason_complexity.csv``). Interpretations are labelled in the files.
- **Channel roles** (``defaults/channels.csv``): counter, phone and post are personal (post: no
  digital skill needed), e-mail, chat and WhatsApp/social digitally assisted, the web form self-service.
- **Floors** (:class:`omnicalc.model.Segments`): the least share of a segment's contacts (per reason)
  on its floor channels — personal channels for *afhankelijk* residents, staffed channels (assisted
  or personal) for the others (:data:`FLOOR_ROLES`).
- **Suitability per contact reason** (``defaults/channel_suitability.csv``): which channels can
  handle (complete) a contact of each reason. No lever sends contacts of a reason to a channel that
  cannot handle it (an *aanvraag* needs DigiD or a signature: not by phone, e-mail, chat or
  WhatsApp); contacts residents put there today stay part of the baseline.
- **In person by law or practice** (parameter ``in_person_share`` per channel and reason, e.g. 80%
  of the counter's *aanvragen*: passports, identity cards, driving licences): no lever moves or
  avoids that part.

Levers use :func:`avoidable_share` (a contact replaced by self-service or a message) and
:func:`shift_room` (a contact moved to another channel); both return what the rules leave, and the
levers report what they had to leave (``capped``), never silently.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from . import fmt, params
from .domain import CHANNEL_INFO, CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS, SEGMENT_LABELS, SEGMENTS

#: The channel roles of the UWV model, from most to least self-reliant.
ROLES: tuple[str, ...] = ("self_service", "assisted", "personal")
ROLE_LABELS_NL: dict[str, str] = {
    "self_service": "selfservice",
    "assisted": "digitaal ondersteund",
    "personal": "persoonlijk",
}
COMPLEXITIES: tuple[str, ...] = ("enkelvoudig", "meervoudig", "complex")

#: The roles whose contacts count toward a segment's floor: personal for residents who depend on
#: personal contact, any staffed channel for the others (VNG handreiking: "persoonlijk waar het moet").
FLOOR_ROLES: dict[str, tuple[str, ...]] = {
    "zelfstandig": ("assisted", "personal"),
    "beperkt_zelfstandig": ("assisted", "personal"),
    "afhankelijk": ("personal",),
}

#: Role of each channel, in CHANNELS order.
CHANNEL_ROLES: tuple[str, ...] = tuple(c.role for c in CHANNEL_INFO)


def _rows(name: str) -> list[dict[str, str]]:
    with resources.files("omnicalc").joinpath(f"defaults/{name}").open("r", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@cache
def uwv_rows() -> tuple[dict[str, str], ...]:
    """The UWV channel model as declared: complexity, segment, 0/1 per role, source."""
    return tuple(_rows("uwv_channel_model.csv"))


@cache
def suitability_rows() -> tuple[dict[str, str], ...]:
    """The suitability matrix as declared: reason, 0/1 per channel, source."""
    return tuple(_rows("channel_suitability.csv"))


@cache
def reason_complexity() -> dict[str, str]:
    """The complexity of each contact reason (*enkelvoudig / meervoudig / complex*)."""
    return {r["reason"]: r["complexity"] for r in _rows("reason_complexity.csv")}


def _read_only(a: np.ndarray) -> np.ndarray:
    a.setflags(write=False)
    return a


@cache
def allowed_roles() -> np.ndarray:
    """(segment, role, reason) bool: the UWV model, roles in :data:`ROLES` order (read-only)."""
    table = {(r["complexity"], r["segment"]): r for r in uwv_rows()}
    complexity = reason_complexity()
    return _read_only(
        np.array(
            [
                [[table[(complexity[reason], seg)][role] == "1" for reason in REASONS] for role in ROLES]
                for seg in SEGMENTS
            ]
        )
    )


@cache
def allowed() -> np.ndarray:
    """(segment, channel, reason) bool: the channel's role is allowed for the segment at the reason's complexity."""
    return _read_only(allowed_roles()[:, [ROLES.index(r) for r in CHANNEL_ROLES], :])


@cache
def suitable() -> np.ndarray:
    """(channel, reason) bool: the channel can handle a contact of the reason, as a lever's destination (read-only)."""
    rows = {r["reason"]: r for r in suitability_rows()}
    return _read_only(np.array([[rows[reason][c] == "1" for reason in REASONS] for c in CHANNELS]))


@cache
def floor_mask() -> np.ndarray:
    """(segment, channel) bool: the channels counting toward each segment's floor (read-only)."""
    return _read_only(np.array([[role in FLOOR_ROLES[s] for role in CHANNEL_ROLES] for s in SEGMENTS]))


@cache
def in_person_share() -> np.ndarray:
    """(channel, reason): the share of a cell's baseline contacts that must stay there in person (read-only)."""
    t = params.default_table()
    t = t[t["parameter"] == "in_person_share"]
    out = np.zeros((len(CHANNELS), len(REASONS)))
    for row in t.itertuples():
        out[CHANNELS.index(row.channel), REASONS.index(row.reason)] = row.value
    return _read_only(out)


def floor_room(v: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """(..., S, R): how many contacts each segment can take off its floor channels, per reason.

    ``v`` is (..., S, C, R), ``floor`` (..., S): floor-channel volume minus floor x all volume, at least 0.
    """
    weight = floor_mask() - floor[..., :, None]  # (..., S, C)
    return np.maximum(0.0, np.matmul(weight[..., None, :], v)[..., 0, :])


def avoidable_share(
    v: np.ndarray, reason: int, role: str, floor: np.ndarray, want: np.ndarray, on: np.ndarray | None = None
) -> np.ndarray:
    """The share (..., S, C) of reason ``reason``'s contacts a lever may avoid by replacing them with ``role``.

    A contact replaced by a portal (self-service) or a message (digitally assisted) is allowed only
    for segments the UWV model allows that role at the reason's complexity; and the replaced contacts
    on a segment's floor channels are limited to its room above its floor (:func:`floor_room`), so
    the segment's share on its floor channels never falls below the floor. ``want`` (...) is the
    share the lever asks for, on the channels ``on`` (C,) bool (default: every channel); the result is
    at most that on every channel.
    """
    ok = allowed_roles()[:, ROLES.index(role), reason]  # (S,)
    mask = floor_mask()  # (S, C)
    want = np.asarray(want, dtype=float)[..., None, None] * (1.0 if on is None else np.asarray(on, dtype=float))
    asked = (want * v[..., reason] * mask).sum(axis=-1)  # (..., S): asked off the floor channels
    room = floor_room(v, floor)[..., reason]  # (..., S)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k = np.where(asked <= room, 1.0, np.where(asked > 0, room / asked, 1.0))  # (..., S)
    share = np.where(ok[:, None], want, 0.0)  # (..., S, 1 or C)
    return np.where(mask, share * k[..., None], share)  # (..., S, C)


def _groups_nl(segments: list[str]) -> str:
    if not segments:
        return "geen groep"
    if len(segments) == len(SEGMENTS):
        return "alle groepen"
    return " en ".join(SEGMENT_LABELS[s].lower() for s in segments)


def rules_nl() -> dict[str, pd.DataFrame]:
    """The inclusion rules as tables with Dutch labels, for the *Aannames en bronnen* tab and the reports.

    ``"UWV-kanaalsturingsmodel"``: per service complexity and segment which channel roles are allowed (ja/nee),
    with the complexity of each contact reason and the source; ``"Geschikte kanalen per contactreden"``: which
    channels can handle each reason (ja/nee), with the source; ``"Kanaalrollen"``: each channel's role and whose floor
    it counts for (post is personal: an interpretation, stated). All as declared in ``defaults/``.
    """
    complexity = reason_complexity()
    uwv = pd.DataFrame(
        [
            {
                "Complexiteit": r["complexity"],
                "Contactredenen": ", ".join(REASON_LABELS[x] for x in REASONS if complexity[x] == r["complexity"]),
                "Inwonersgroep": SEGMENT_LABELS[r["segment"]],
                **{ROLE_LABELS_NL[role].capitalize(): "ja" if r[role] == "1" else "nee" for role in ROLES},
                "Bron en interpretatie": r["source"],
            }
            for r in uwv_rows()
        ]
    )
    suit = pd.DataFrame(
        [
            {
                "Contactreden": REASON_LABELS[r["reason"]],
                **{CHANNEL_LABELS[c]: "ja" if r[c] == "1" else "nee" for c in CHANNELS},
                "Bron en interpretatie": r["source"],
            }
            for r in suitability_rows()
        ]
    )
    roles = pd.DataFrame(
        [
            {
                "Kanaal": r["label_nl"],
                "Rol": ROLE_LABELS_NL[r["role"]],
                "Telt voor de vloer van": _groups_nl([seg for seg in SEGMENTS if r["role"] in FLOOR_ROLES[seg]]),
                "Bron en interpretatie": r["source"],
            }
            for r in _rows("channels.csv")
        ]
    )
    return {"UWV-kanaalsturingsmodel": uwv, "Geschikte kanalen per contactreden": suit, "Kanaalrollen": roles}


#: Why a channel cannot handle a reason, as channel_suitability.csv says (only the aanvraag is limited today).
_UNSUITABLE_WHY_NL = {
    "aanvraag": "identificatie met DigiD of handtekening",
}
_PLURAL_NL = {
    "statusvraag": "statusvragen",
    "informatievraag": "informatievragen",
    "aanvraag": "aanvragen",
    "melding": "meldingen",
    "klacht": "klachten",
    "overig": "overige contacten",
}
_ADJECTIVE_NL = {
    "zelfstandig": "zelfstandige",
    "beperkt_zelfstandig": "beperkt zelfstandige",
    "afhankelijk": "afhankelijke",
}


def shift_note_nl(shift: Any, row: Mapping[str, float]) -> str:
    """One Dutch sentence on what a channel shift left where it was, and why ("" when it moved all it asked).

    ``row`` holds the shift's ``requested_per_year``, ``moved_per_year`` and ``kept_*_per_year``.
    """
    asked, moved = float(row["requested_per_year"]), float(row["moved_per_year"])
    if asked <= 0 or moved >= asked - 1e-6:
        return ""
    frm, to = CHANNEL_LABELS[shift.from_channel], CHANNEL_LABELS[shift.to_channel]
    what = _PLURAL_NL[shift.reason] if shift.reason else "contacten"
    why = []
    if row["kept_in_person_per_year"] > 0.5:
        cells = [REASONS.index(shift.reason)] if shift.reason else range(len(REASONS))
        share = max(in_person_share()[CHANNELS.index(shift.from_channel), r] for r in cells)
        why.append(
            f"{fmt.pct(share, 0)} van de {what} via {frm.lower()} moet persoonlijk (paspoort, ID-kaart, rijbewijs)"
        )
    if row["kept_by_uwv_per_year"] > 0.5:
        role = CHANNEL_ROLES[CHANNELS.index(shift.to_channel)]
        who = [
            _ADJECTIVE_NL[s]
            for k, s in enumerate(SEGMENTS)
            if not allowed()[
                k, CHANNELS.index(shift.to_channel), [REASONS.index(shift.reason)] if shift.reason else slice(None)
            ].all()
        ]
        why.append(
            f"het UWV-kanaalsturingsmodel staat {ROLE_LABELS_NL[role]} niet toe voor {' en '.join(who)} inwoners"
        )
    if row["kept_unsuitable_per_year"] > 0.5:
        cells = [REASONS.index(shift.reason)] if shift.reason else range(len(REASONS))
        unsuited = [REASONS[r] for r in cells if not suitable()[CHANNELS.index(shift.to_channel), r]]
        because = "; ".join(_UNSUITABLE_WHY_NL.get(x, "zie Geschikte kanalen per contactreden") for x in unsuited)
        why.append(f"{to.lower()} kan geen {' en '.join(_PLURAL_NL[x] for x in unsuited)} afhandelen ({because})")
    if row["kept_by_floor_per_year"] > 0.5:
        why.append("anders komt een inwonersgroep onder haar inclusievloer")
    limit = float(shift.share) * moved / asked
    return (
        f"Verschuiving {frm} → {to} ({what}): {'; '.join(why)}. De verschuiving is beperkt tot {fmt.pct(limit, 0)} "
        f"({fmt.num(moved)} van de gevraagde {fmt.num(asked)} contacten per jaar)."
    )


__all__ = [
    "CHANNEL_ROLES",
    "COMPLEXITIES",
    "FLOOR_ROLES",
    "ROLES",
    "ROLE_LABELS_NL",
    "allowed",
    "allowed_roles",
    "avoidable_share",
    "floor_mask",
    "floor_room",
    "in_person_share",
    "reason_complexity",
    "rules_nl",
    "shift_note_nl",
    "suitability_rows",
    "suitable",
    "uwv_rows",
]
