"""The fixed vocabulary of the model: channels, contact reasons and resident segments.

These are definitions, not numbers: every number about them lives in ``defaults/``.
Order matters: arrays in the model use these tuples as their axes.
"""

from __future__ import annotations

#: Channels, in array order.
CHANNELS: tuple[str, ...] = ("balie", "telefoon", "email", "chat", "whatsapp_social", "webformulier", "post")

#: Dutch display names of the channels.
CHANNEL_LABELS: dict[str, str] = {
    "balie": "Balie",
    "telefoon": "Telefoon",
    "email": "E-mail",
    "chat": "Chat",
    "whatsapp_social": "WhatsApp/social media",
    "webformulier": "Webformulier/MijnOmgeving",
    "post": "Post",
}

#: Channels served by staff ("bemand"); the rest is self-service.
ASSISTED_CHANNELS: frozenset[str] = frozenset({"balie", "telefoon", "email", "chat", "whatsapp_social", "post"})

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

#: Levers in the order they are applied (and drawn in a waterfall).
LEVERS: tuple[str, ...] = ("status_portal", "repeat_contacts", "channel_shift")

LEVER_LABELS: dict[str, str] = {
    "status_portal": "Statusportaal (MijnServices)",
    "repeat_contacts": "Minder herhaalcontact",
    "channel_shift": "Kanaalverschuiving",
}

ASSISTED_MASK = tuple(c in ASSISTED_CHANNELS for c in CHANNELS)
STATUS = REASONS.index("statusvraag")
