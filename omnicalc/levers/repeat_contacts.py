"""Lever: fewer repeat contacts (better answers first time, clearer letters).

No double counting with the status levers: :func:`omnicalc.model.run_levers` applies the levers in
registry order on the volume the previous ones left, and this lever comes after the status portal
and the proactive status messages. Its reduction therefore works on the contacts that *remain*:
a status question (often a chasing call) that the portal already avoids is not avoided again as a
repeat contact. With a full portal on 30% status questions and 70% fewer repeats at a repeat share
of 20%, the calls fall by 30% + 70% x 20% x 70% = 39,8%, not 30% + 20% x 70% = 44%
(tests/test_overlap.py).

Declared assumption (*aanname*): the repeat-contact share is per channel, so within a channel the
remaining repeats are spread over the contact reasons like the remaining volume. If repeats are
even more concentrated in status questions than that, the lever still counts somewhat too much
after a portal; a per-reason repeat share would need its own sourced default.
"""

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
        "Vermeden = contacten x aandeel herhaalcontact van het kanaal x reductie, op de contacten die na het "
        "statusportaal en de statusberichten overblijven: een statusvraag die het portaal al voorkomt, telt "
        "niet nog eens als herhaalcontact."
    )
    settings = RepeatContacts
    ramped = ("reduction_share",)
    specs = _SPECS
    behaviour = ("reduction_share",)
    labels_nl = {"reduction_share": "Reductie herhaalcontact"}

    def factor(self, total: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        reduction = np.asarray(x[f"{self.section}.reduction_share"], dtype=float)
        return Outcome(volume=(1.0 - m.repeat_contact_share * reduction[..., None])[..., :, None])  # (..., C, 1)


__all__ = [
    "RepeatContacts",
    "RepeatContactsLever",
]
