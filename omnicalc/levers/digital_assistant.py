"""Lever: a digital assistant (chatbot, e.g. VNG's *Gem*) answers information questions without staff.

Of the information questions that arrive by chat or web form, ``reach_share`` is first asked to the assistant;
it answers ``answered_share`` of those without a member of staff (they are avoided); the rest is passed on to a
member of staff on the same channel and costs more than a direct contact (``escalation_extra_share`` of the
channel's cost per contact: reading the conversation back, the resident asking again). Applied after the status
levers and before fewer repeat contacts, on the volume they leave.

Inclusion: an answer by the assistant is self-service, so it is allowed only to segments the UWV model allows
self-service for an information question, and not below a segment's floor (:func:`omnicalc.inclusion.
avoidable_share`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..domain import CHANNELS, REASONS
from .base import Lever, Outcome, Values, check_fields

#: The channels on which the assistant answers, and the reason it answers.
ASSISTANT_CHANNELS: tuple[str, ...] = ("chat", "webformulier")
ASSISTANT_REASON = "informatievraag"

_SPECS = {
    "reach_share": "assistant_reach_share",
    "answered_share": "assistant_answered_share",
    "escalation_extra_share": "escalation_extra_share",
    "licence_eur_per_year": "recurring_cost_eur_per_year",
    "investment_eur": "investment_eur",
}


@dataclass(frozen=True)
class DigitalAssistant:
    """A digital assistant on the chat and the web form: avoided information questions =
    information questions on chat and web form x reach x answered share; the passed-on part costs
    ``escalation_extra_share`` more per contact.

    Parameters
    ----------
    reach_share : float
        Share of the information questions on chat and web form first asked to the assistant [-], 0-1.
    answered_share : float
        Share of those the assistant answers well without staff [-], 0-1.
    escalation_extra_share : float
        Extra cost of a conversation passed on to staff, as a share of the channel's cost per contact [-], 0-1.
    licence_eur_per_year : float
        Licence and content upkeep [EUR/year].
    investment_eur : float
        One-off cost at t = 0: implementation and first content [EUR].
    """

    reach_share: float = 0.0
    answered_share: float = 0.0
    escalation_extra_share: float = 0.0
    licence_eur_per_year: float = 0.0
    investment_eur: float = 0.0

    def __post_init__(self) -> None:
        check_fields(self, _SPECS, "digital_assistant")


class DigitalAssistantLever(Lever):
    key = "digital_assistant"
    section = "digital_assistant"
    label_nl = "Digitale assistent"
    short_nl = "digitale assistent"
    explanation_nl = (
        "Een digitale assistent (chatbot, zoals Gem) beantwoordt informatievragen via chat en webformulier zonder "
        "medewerker. Vermeden = informatievragen via chat en webformulier x bereik x deel dat de assistent goed "
        "beantwoordt. Wat de assistent doorzet, kost de medewerker meer dan een direct contact. Afhankelijke "
        "inwoners en de inclusievloer van beperkt zelfstandigen blijven bij een medewerker. Kosten: een eenmalige "
        "implementatie en een licentie met contentbeheer per jaar."
    )
    settings = DigitalAssistant
    ramped = ("reach_share",)
    specs = _SPECS
    behaviour = ("answered_share", "escalation_extra_share")
    labels_nl = {
        "reach_share": "Bereik digitale assistent",
        "answered_share": "Beantwoord door de assistent",
        "escalation_extra_share": "Meerkosten doorgezet gesprek",
        "licence_eur_per_year": "Licentie en content per jaar",
        "investment_eur": "Investering digitale assistent",
    }
    per_segment = True
    kept_nl = "informatievragen"

    def needs_segments(self, settings: Any) -> bool:
        return settings != self.default()

    def idle_details(self, batch_shape: tuple[int, ...]) -> dict[str, np.ndarray]:
        keys = ("asked_per_year", "answered_per_year", "passed_on_per_year", "kept_by_inclusion_per_year")
        return {k: np.zeros(batch_shape) for k in keys}

    def apply(self, v: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        from .. import inclusion

        p = self.section
        reach, answered = np.asarray(x[f"{p}.reach_share"], float), np.asarray(x[f"{p}.answered_share"], float)
        r = REASONS.index(ASSISTANT_REASON)
        on = np.array([c in ASSISTANT_CHANNELS for c in CHANNELS])
        questions = v[..., r] * on  # (..., S, C): the information questions on chat and web form
        asked = reach[..., None, None] * questions
        share = inclusion.avoidable_share(v, r, "self_service", m.assisted_floor_share, reach * answered, on)
        avoided = questions * share  # (..., S, C)
        passed_on = asked - asked * answered[..., None, None]  # to staff, on the same channel
        extra = (passed_on.sum(axis=-2) * m.cost_eur_per_contact).sum(axis=-1) * x[f"{p}.escalation_extra_share"]
        v[..., r] = v[..., r] - avoided
        want = (asked * answered[..., None, None]).sum(axis=(-2, -1))
        return Outcome(
            volume=v,
            running_cost_eur=extra + x[f"{p}.licence_eur_per_year"],
            details={
                "asked_per_year": asked.sum(axis=(-2, -1)),
                "answered_per_year": avoided.sum(axis=(-2, -1)),
                "passed_on_per_year": passed_on.sum(axis=(-2, -1)),
                "kept_by_inclusion_per_year": np.maximum(0.0, want - avoided.sum(axis=(-2, -1))),
            },
        )

    def one_off_eur(self, x: Values, settings: Any) -> np.ndarray | float:
        return x[f"{self.section}.investment_eur"]


__all__ = [
    "ASSISTANT_CHANNELS",
    "ASSISTANT_REASON",
    "DigitalAssistant",
    "DigitalAssistantLever",
]
