"""The fixed vocabulary of the model: channels, contact reasons and resident segments.

These are definitions, not numbers: every number about them lives in ``defaults/``.
Order matters: arrays in the model use these tuples as their axes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Literal


@dataclass(frozen=True, kw_only=True)
class Channel:
    """How a channel behaves, from ``defaults/channels.csv`` (one row per channel).

    Parameters
    ----------
    key : str
        The channel's name in files and arrays, e.g. ``"telefoon"``.
    label_nl : str
        Dutch display name.
    role : {"personal", "assisted", "self_service"}
        Personal contact (counter, phone), assisted by staff in writing or chat, or self-service.
    staffing : {"queue", "slots", "backlog", "appointments"}
        Staffed as a live queue (Erlang C per interval), as live chat slots (Erlang C on the
        slots, agents = slots / concurrency), as a backlog or as appointments (hours of work);
        see :mod:`omnicalc.workforce`.
    concurrent : bool
        One agent handles ``cost.chat_concurrency`` contacts of this channel at once.
    """

    key: str
    label_nl: str
    role: Literal["personal", "assisted", "self_service"]
    staffing: Literal["queue", "slots", "backlog", "appointments"]
    concurrent: bool

    @property
    def assisted(self) -> bool:
        """Served by staff (*bemand*): every role but self-service."""
        return self.role != "self_service"


def _read_channels() -> tuple[Channel, ...]:
    with resources.files("omnicalc").joinpath("defaults/channels.csv").open("r", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(
        Channel(
            key=r["channel"],
            label_nl=r["label_nl"],
            role=r["role"],  # type: ignore[arg-type]
            staffing=r["staffing"],  # type: ignore[arg-type]
            concurrent=r["concurrent"] == "true",
        )
        for r in rows
    )


#: Every channel with its behaviour, in array order.
CHANNEL_INFO: tuple[Channel, ...] = _read_channels()

#: Channels, in array order.
CHANNELS: tuple[str, ...] = tuple(c.key for c in CHANNEL_INFO)

#: Dutch display names of the channels.
CHANNEL_LABELS: dict[str, str] = {c.key: c.label_nl for c in CHANNEL_INFO}

#: Channels served by staff ("bemand"); the rest is self-service.
ASSISTED_CHANNELS: frozenset[str] = frozenset(c.key for c in CHANNEL_INFO if c.assisted)

#: Channels where one agent handles several contacts at once (chat).
CONCURRENT_MASK: tuple[bool, ...] = tuple(c.concurrent for c in CHANNEL_INFO)

#: Contact reasons, in array order.
REASONS: tuple[str, ...] = ("statusvraag", "informatievraag", "aanvraag", "melding", "klacht", "overig")

REASON_LABELS: dict[str, str] = {
    "statusvraag": "Statusvraag",
    "informatievraag": "Informatievraag",
    "aanvraag": "Aanvraag/transactie",
    "melding": "Melding",
    "klacht": "Klacht",
    "overig": "Overig",
}

#: Resident segments after the UWV channel model (VNG handreiking omnichannel), in array order.
SEGMENTS: tuple[str, ...] = ("zelfstandig", "beperkt_zelfstandig", "afhankelijk")

SEGMENT_LABELS: dict[str, str] = {
    "zelfstandig": "Zelfstandig",
    "beperkt_zelfstandig": "Beperkt zelfstandig",
    "afhankelijk": "Afhankelijk",
}

ASSISTED_MASK = tuple(c in ASSISTED_CHANNELS for c in CHANNELS)
STATUS = REASONS.index("statusvraag")

__all__ = [
    "ASSISTED_CHANNELS",
    "ASSISTED_MASK",
    "CHANNELS",
    "CHANNEL_INFO",
    "CHANNEL_LABELS",
    "CONCURRENT_MASK",
    "REASONS",
    "REASON_LABELS",
    "SEGMENTS",
    "SEGMENT_LABELS",
    "STATUS",
    "Channel",
]
