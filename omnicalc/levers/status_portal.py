"""Lever: a status portal (MijnServices) where residents look up the state of their case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import Lever, Outcome, Values, avoid_status, check_fields

_SPECS = {
    "reach_share": "reach_share",
    "adoption_share": "adoption_share",
    "residual_contact_share": "residual_contact_share",
}


def avoided(reach: Any, adoption: Any, residual: Any) -> Any:
    """Share of status questions avoided: reach x adoption x (1 - residual contact); arrays broadcast."""
    return reach * adoption * (1.0 - residual)


@dataclass(frozen=True)
class StatusPortal:
    """A status portal (MijnServices): avoided status questions =
    status questions x reach x adoption x (1 - residual contact), on every channel.

    Parameters
    ----------
    reach_share : float
        Share of residents with status questions whom the portal can serve [-], 0-1.
    adoption_share : float
        Share of those who use it instead of asking [-], 0-1.
    residual_contact_share : float
        Share of portal users who still contact the gemeente [-], 0-1.
    """

    reach_share: float = 0.0
    adoption_share: float = 0.0
    residual_contact_share: float = 0.0

    def __post_init__(self) -> None:
        check_fields(self, _SPECS, "status_portal")

    @property
    def avoided_share(self) -> float:
        """Share of status questions avoided [-]."""
        return float(avoided(self.reach_share, self.adoption_share, self.residual_contact_share))


class StatusPortalLever(Lever):
    key = "status_portal"
    section = "status_portal"
    label_nl = "Statusportaal (MijnServices)"
    short_nl = "statusportaal"
    explanation_nl = (
        "Inwoners zien de stand van hun zaak in een portaal in plaats van te bellen of te mailen. "
        "Vermeden statusvragen = statusvragen x bereik x adoptie x (1 - restcontact), op elk kanaal. Een portaal "
        "is selfservice: het vermijdt geen statusvragen van afhankelijke inwoners, en bij beperkt zelfstandigen "
        "niet meer dan hun inclusievloer toelaat (UWV-kanaalsturingsmodel)."
    )
    settings = StatusPortal
    ramped = ("adoption_share",)
    specs = _SPECS
    behaviour = ("reach_share", "adoption_share", "residual_contact_share")
    labels_nl = {
        "reach_share": "Bereik statusportaal",
        "adoption_share": "Adoptie statusportaal",
        "residual_contact_share": "Restcontact statusportaal",
    }

    per_segment = True

    def needs_segments(self, settings: Any) -> bool:
        return settings != self.default()

    def idle_details(self, batch_shape: tuple[int, ...]) -> dict[str, np.ndarray]:
        return {"kept_by_inclusion_per_year": np.zeros(batch_shape)}

    def apply(self, v: np.ndarray, x: Values, m: Any, settings: Any) -> Outcome:
        p = self.section
        share = avoided(x[f"{p}.reach_share"], x[f"{p}.adoption_share"], x[f"{p}.residual_contact_share"])
        v, _, kept = avoid_status(v, share, "self_service", m.assisted_floor_share)
        return Outcome(volume=v, details={"kept_by_inclusion_per_year": kept})


__all__ = [
    "StatusPortal",
    "StatusPortalLever",
]
