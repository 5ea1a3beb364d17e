"""Lever: fewer repeat contacts (better answers first time, clearer letters)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Lever, Outcome, Values, check_fields

_SPECS = {"reduction_share": "reduction_share"}


@dataclass(frozen=True)
class RepeatContacts:
    """Fewer repeat contacts: avoided = contacts x repeat-contact share of the channel x reduction.

    Parameters
    ----------
    reduction_share : float
        Share of repeat contacts avoided [-], 0-1.
    """

    reduction_share: float = 0.0

    def __post_init__(self) -> None:
        check_fields(self, _SPECS, "repeat_contacts")


class RepeatContactsLever(Lever):
    key = "repeat_contacts"
    section = "repeat_contacts"
    label_nl = "Minder herhaalcontact"
    short_nl = "herhaalcontact"
    explanation_nl = (
        "Een deel van de contacten is een herhaling van een eerder contact over dezelfde vraag. "
        "Vermeden = contacten x aandeel herhaalcontact van het kanaal x reductie."
    )
    settings = RepeatContacts
    ramped = ("reduction_share",)
    specs = _SPECS
    labels_nl = {"reduction_share": "Reductie herhaalcontact"}

    def factor(self, total: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        reduction = np.asarray(x[f"{self.section}.reduction_share"], dtype=float)
        return Outcome(volume=(1.0 - m.repeat_contact_share * reduction[..., None])[..., :, None])  # (..., C, 1)


__all__ = [
    "RepeatContacts",
    "RepeatContactsLever",
]
