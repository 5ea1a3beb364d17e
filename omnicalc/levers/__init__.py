"""Levers as plug-ins: one module per lever, registered in :mod:`omnicalc.levers.registry`."""

from .base import Lever, LeverInput, Outcome
from .channel_shift import ChannelShift
from .proactive_status import ProactiveStatus
from .registry import BY_KEY, BY_SECTION, LEVER_KEYS, LEVER_LABELS, LEVERS, lever_for_path
from .repeat_contacts import RepeatContacts
from .status_portal import StatusPortal

__all__ = [
    "BY_KEY",
    "BY_SECTION",
    "LEVERS",
    "LEVER_KEYS",
    "LEVER_LABELS",
    "ChannelShift",
    "Lever",
    "LeverInput",
    "Outcome",
    "ProactiveStatus",
    "RepeatContacts",
    "StatusPortal",
    "lever_for_path",
]
