"""Lever: proactive status messages — the gemeente tells residents where their case stands
(SMS, e-mail, app or MijnOverheid Berichtenbox) at the moments they would otherwise call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Lever, Outcome, Values, avoid_status, check_fields

_SPECS = {
    "notification_moment_share": "notification_moment_share",
    "message_reach_share": "message_reach_share",
    "residual_contact_share": "residual_contact_share",
    "cost_eur_per_message": "cost_eur_per_message",
    "investment_eur": "investment_eur",
}


def avoided(moment: Any, reach: Any, residual: Any) -> Any:
    """Share of the remaining status questions avoided: moment x reach x (1 - residual); arrays broadcast."""
    return moment * reach * (1.0 - residual)


@dataclass(frozen=True)
class ProactiveStatus:
    """Proactive status messages: avoided status contacts =
    status contacts x share of cases with a notification moment x share of residents reached by
    the message x (1 - residual contact). Applied after the status portal, on the status
    questions that are left.

    One message is sent for each status contact that has a notification moment and whose
    resident can be reached (*aanname*: one message per status question that would have come).

    Parameters
    ----------
    notification_moment_share : float
        Share of status questions that follow a moment the gemeente can announce (received,
        decision taken, appointment, payment) [-], 0-1.
    message_reach_share : float
        Share of residents the message reaches (known mobile number, e-mail or Berichtenbox) [-], 0-1.
    residual_contact_share : float
        Share of reached residents who still contact the gemeente [-], 0-1.
    cost_eur_per_message : float
        Cost of sending one message [EUR/message] (SMS; e-mail and Berichtenbox cost about nothing).
    investment_eur : float
        One-off cost of the lever at t = 0: linking the case systems to the message service [EUR].
    """

    notification_moment_share: float = 0.0
    message_reach_share: float = 0.0
    residual_contact_share: float = 0.0
    cost_eur_per_message: float = 0.0
    investment_eur: float = 0.0

    def __post_init__(self) -> None:
        check_fields(self, _SPECS, "proactive_status")

    @property
    def avoided_share(self) -> float:
        """Share of the remaining status questions avoided [-]."""
        return float(avoided(self.notification_moment_share, self.message_reach_share, self.residual_contact_share))


class ProactiveStatusLever(Lever):
    key = "proactive_status"
    section = "proactive_status"
    label_nl = "Proactieve statusberichten"
    short_nl = "statusberichten"
    explanation_nl = (
        "De gemeente stuurt een bericht (sms, e-mail, app of Berichtenbox) op het moment dat een inwoner "
        "anders zou bellen: aanvraag ontvangen, besluit genomen, afspraak gepland. Vermeden statuscontacten = "
        "statuscontacten x aandeel zaken met een meldmoment x bereik van het bericht x (1 - restcontact). "
        "Kosten: een eenmalige koppeling en een bedrag per verstuurd bericht."
    )
    settings = ProactiveStatus
    ramped = ("message_reach_share",)
    specs = _SPECS
    behaviour = ("notification_moment_share", "message_reach_share", "residual_contact_share")
    labels_nl = {
        "notification_moment_share": "Zaken met meldmoment",
        "message_reach_share": "Bereik statusbericht",
        "residual_contact_share": "Restcontact na bericht",
        "cost_eur_per_message": "Kosten per bericht",
        "investment_eur": "Investering berichten",
    }

    per_segment = True

    def needs_segments(self, settings: Any) -> bool:
        return settings != self.default()

    def idle_details(self, batch_shape: tuple[int, ...]) -> dict[str, np.ndarray]:
        return {k: np.zeros(batch_shape) for k in ("messages_per_year", "kept_by_inclusion_per_year")}

    def apply(self, v: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        p = self.section
        moment, reach = x[f"{p}.notification_moment_share"], x[f"{p}.message_reach_share"]
        residual = np.asarray(x[f"{p}.residual_contact_share"], dtype=float)
        share = avoided(moment, reach, residual)
        v, avoided_contacts, kept = avoid_status(v, share, "assisted", m.assisted_floor_share)
        # a message goes to each reached resident with a notification moment; the residual contact comes after it
        with np.errstate(divide="ignore", invalid="ignore"):
            messages = np.where(residual < 1, avoided_contacts / (1.0 - residual), 0.0)
        return Outcome(
            volume=v,
            running_cost_eur=messages * x[f"{p}.cost_eur_per_message"],
            details={"messages_per_year": np.asarray(messages), "kept_by_inclusion_per_year": kept},
        )

    def one_off_eur(self, x: Values, settings: Any) -> np.ndarray | float:
        return x[f"{self.section}.investment_eur"]


__all__ = [
    "ProactiveStatus",
    "ProactiveStatusLever",
]
