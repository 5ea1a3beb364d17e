"""The mission's headline, reproduced from explicit inputs through the model.

The claim (VNG MijnServices pilot, told in a Gebruiker Centraal podcast, 2024-2025):
"EUR 11 at 30% status questions gives well over EUR 65 million" nationally. It rests on a
national phone volume that the claim does not state, and on every status call being
avoided (reach 100%, adoption 100%, no residual contact). :func:`headline` makes those
inputs explicit; :func:`national_estimate` sets the default per-inhabitant estimate and
its range next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import params
from .domain import CHANNELS
from .gemeenten import gemeenten
from .model import Baseline, CostModel, Scenario, StatusPortal, evaluate, evaluate_national, set_status_share

#: The claimed national saving [EUR/year]: "ruim 65 miljoen" (VNG MijnServices pilot, podcast Gebruiker Centraal
#: 2024-2025); the calls per inhabitant it implies are shown as an assumption, not a published figure.
HEADLINE_CLAIM_EUR_PER_YEAR = 65_000_000.0

#: The portal that avoids every status question: the headline's implicit assumption.
FULL_PORTAL = Scenario(name="Alle statusvragen vermeden", status_portal=StatusPortal(1.0, 1.0, 0.0))


@dataclass(frozen=True)
class HeadlineResult:
    """The headline computed from explicit inputs."""

    population: int
    calls_per_year: float
    status_question_share: float
    cost_eur_per_call: float
    saving_eur_per_year: float

    @property
    def calls_per_inhabitant_per_year(self) -> float:
        return self.calls_per_year / self.population


def national_population() -> int:
    """Inhabitants of the Netherlands on 1-1-2024: the sum over the 342 CBS municipalities (17,942,942)."""
    return int(gemeenten()["population"].sum())


def headline(
    calls_per_year: float, *, status_question_share: float | None = None, cost_eur_per_call: float | None = None
) -> HeadlineResult:
    """National saving when every status call is avoided by a status portal.

    Parameters
    ----------
    calls_per_year : float
        Phone calls to all municipalities per year [calls/year].
    status_question_share : float, optional
        Share of calls that are status questions [-]; default: the shipped phone share (0.30).
    cost_eur_per_call : float, optional
        Cost per call [EUR/call]; default: the shipped top-down phone cost (EUR 11).

    Examples
    --------
    >>> round(headline(19_700_000).saving_eur_per_year / 1e6, 1)   # EUR 11 x 30% x 19.7 million calls
    65.0
    """
    share = (
        params.default_value("reason_share", channel="telefoon", reason="statusvraag")
        if status_question_share is None
        else status_question_share
    )
    cost = (
        params.default_value("cost_eur_per_contact", channel="telefoon")
        if cost_eur_per_call is None
        else cost_eur_per_call
    )
    pop = national_population()
    base = Baseline.from_channel_volumes({"telefoon": calls_per_year}, population=pop, name="Nederland")
    base = base.with_status_question_share(share, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": cost})
    result = evaluate(base, FULL_PORTAL)
    return HeadlineResult(pop, calls_per_year, float(share), float(cost), result.saving_eur_per_year)


def implied_calls_per_year(
    saving_eur_per_year: float, *, status_question_share: float | None = None, cost_eur_per_call: float | None = None
) -> float:
    """The national phone volume a claimed saving implies [calls/year] (the inverse of :func:`headline`)."""
    unit = headline(1.0, status_question_share=status_question_share, cost_eur_per_call=cost_eur_per_call)
    return saving_eur_per_year / unit.saving_eur_per_year


def national_estimate() -> pd.DataFrame:
    """The same saving estimated from the shipped defaults, with its range.

    Rows ``laag``, ``basis``, ``hoog`` take the low, base and high default of the phone
    contacts per inhabitant, the status-question share and the phone cost per contact
    together; every municipality by its CBS 2024 population, every status call avoided.

    Examples
    --------
    >>> float(national_estimate().loc["basis", "calls_per_inhabitant_per_year"])
    0.8565
    """
    rows = {}
    for label, which in (("laag", "low"), ("basis", "value"), ("hoog", "high")):
        rate = params.default_value("contacts_per_inhabitant_per_year", channel="telefoon", which=which)
        share = params.default_value("reason_share", channel="telefoon", reason="statusvraag", which=which)
        cost = params.default_value("cost_eur_per_contact", channel="telefoon", which=which)
        shares = params.reason_shares()
        phone = CHANNELS.index("telefoon")
        shares[phone] = set_status_share(shares[phone], share)
        nat = evaluate_national(
            FULL_PORTAL,
            cost=CostModel(top_down_eur_per_contact={"telefoon": cost}),
            contacts_per_inhabitant_per_year={c: (rate if c == "telefoon" else 0.0) for c in CHANNELS},
            reason_shares=shares,
        )
        rows[label] = {
            "calls_per_inhabitant_per_year": rate,
            "calls_per_year": float(nat.per_gemeente["contacts_before_per_year"].sum()),
            "status_question_share": share,
            "cost_eur_per_call": cost,
            "saving_eur_per_year": nat.saving_eur_per_year,
        }
    return pd.DataFrame(rows).T


__all__ = [
    "FULL_PORTAL",
    "HEADLINE_CLAIM_EUR_PER_YEAR",
    "HeadlineResult",
    "headline",
    "implied_calls_per_year",
    "national_estimate",
    "national_population",
]
