"""The national headline: omnicalc's own estimate with its band, and what the pilot's claim needs.

The claim (VNG MijnServices pilot, told in a Gebruiker Centraal podcast, 2024-2025):
"EUR 11 at 30% status questions gives well over EUR 65 million" nationally. It rests on a
national phone volume that the claim does not state, on the low end of the published cost
range (EUR 11 in EUR 11-31) and of the status share (30% in 30-40%), and on every status call
being avoided (reach 100%, adoption 100%, no residual contact).

- :func:`national_headline` is omnicalc's estimate of the same quantity (phone status calls,
  every one avoided): the deterministic value from the sourced defaults per gemeente
  (:func:`omnicalc.model.evaluate_national` over the 342 CBS gemeenten) and low/central/high =
  P10/P50/P90 of :func:`omnicalc.uncertainty.simulate_national`. The central value is the
  deterministic one when it lies between its own P25 and P75, otherwise the P50 (and the
  sentence says so).
- :func:`claim_from_pilot` keeps the claim reproducible as a named preset (*claim uit de
  pilot*); :func:`claim_needs_calls_per_inhabitant` says what it needs in phone calls per
  inhabitant, beside the published range of that rate.

:func:`headline` computes the saving from explicit inputs (the claim's EUR 11 and 30% unless
given); :func:`national_estimate` keeps the older low/base/high table of the defaults' extremes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import fmt, params
from .domain import CHANNELS
from .gemeenten import gemeenten
from .model import Baseline, CostModel, Scenario, Segments, StatusPortal, evaluate, evaluate_national, set_status_share

#: The claimed national saving [EUR/year]: "ruim 65 miljoen" (VNG MijnServices pilot, podcast Gebruiker Centraal
#: 2024-2025); the calls per inhabitant it implies are shown as an assumption, not a published figure.
HEADLINE_CLAIM_EUR_PER_YEAR = 65_000_000.0

#: The claim's cost per phone call [EUR/call] (same source): the low end of the published EUR 11-31.
CLAIM_COST_EUR_PER_CALL = 11.0

#: The claim's status-question share of phone calls [-] (same source): the low end of the published 30-40%.
CLAIM_STATUS_QUESTION_SHARE = 0.30

#: The published cost of a phone call [EUR/call] (same source): EUR 11-31. omnicalc's own default is EUR 12 in
#: EUR 9-31 (what a call costs in its staffing view, parameters.csv); the claim rests on the published low end.
PUBLISHED_PHONE_COST_EUR = (11.0, 31.0)

#: Name of the preset that reproduces the claim.
CLAIM_PRESET_NL = "claim uit de pilot"

#: The portal that avoids every status question the residents can look up themselves: the headline's premise.
#: omnicalc keeps the inclusion rules (no self-service for *afhankelijk* residents, the floor of *beperkt
#: zelfstandig*); the claim's own arithmetic assumes every resident can (:data:`EVERYONE_SELF_RELIANT`).
FULL_PORTAL = Scenario(name="Alle statusvragen vermeden", status_portal=StatusPortal(1.0, 1.0, 0.0))

#: The claim's implicit assumption about residents: every one of them can use a portal (segment shares).
SELF_RELIANT_SHARES = {"zelfstandig": 1.0, "beperkt_zelfstandig": 0.0, "afhankelijk": 0.0}


@lru_cache(maxsize=1)
def _everyone_self_reliant() -> Segments:
    return Segments(share=SELF_RELIANT_SHARES)


def __getattr__(name: str) -> Segments:
    """``EVERYONE_SELF_RELIANT``: the :class:`Segments` of :data:`SELF_RELIANT_SHARES`, built on first use (the
    defaults are not read at import)."""
    if name == "EVERYONE_SELF_RELIANT":
        return _everyone_self_reliant()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    """National saving when every status call is avoided by a status portal: the claim's arithmetic, with its
    assumption that every resident can use the portal (:data:`EVERYONE_SELF_RELIANT`).

    Parameters
    ----------
    calls_per_year : float
        Phone calls to all municipalities per year [calls/year].
    status_question_share : float, optional
        Share of calls that are status questions [-]; default: the claim's 30%
        (:data:`CLAIM_STATUS_QUESTION_SHARE`).
    cost_eur_per_call : float, optional
        Cost per call [EUR/call]; default: the claim's EUR 11 (:data:`CLAIM_COST_EUR_PER_CALL`).

    Examples
    --------
    >>> round(headline(19_700_000).saving_eur_per_year / 1e6, 1)   # EUR 11 x 30% x 19.7 million calls
    65.0
    """
    share = CLAIM_STATUS_QUESTION_SHARE if status_question_share is None else status_question_share
    cost = CLAIM_COST_EUR_PER_CALL if cost_eur_per_call is None else cost_eur_per_call
    pop = national_population()
    base = Baseline.from_channel_volumes(
        {"telefoon": calls_per_year}, population=pop, name="Nederland", segments=_everyone_self_reliant()
    )
    base = base.with_status_question_share(share, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": cost})
    result = evaluate(base, FULL_PORTAL)
    return HeadlineResult(pop, calls_per_year, float(share), float(cost), result.saving_eur_per_year)


def implied_calls_per_year(
    saving_eur_per_year: float, *, status_question_share: float | None = None, cost_eur_per_call: float | None = None
) -> float:
    """The national phone volume a claimed saving implies [calls/year] (the inverse of :func:`headline`)."""
    unit = headline(1.0, status_question_share=status_question_share, cost_eur_per_call=cost_eur_per_call)
    return saving_eur_per_year / unit.saving_eur_per_year


def claim_needs_calls_per_inhabitant(
    saving_eur_per_year: float = HEADLINE_CLAIM_EUR_PER_YEAR,
    *,
    status_question_share: float = CLAIM_STATUS_QUESTION_SHARE,
    cost_eur_per_call: float = CLAIM_COST_EUR_PER_CALL,
) -> float:
    """Phone calls per inhabitant per year [calls/inhabitant/year] that ``saving_eur_per_year`` needs.

    Parameters
    ----------
    saving_eur_per_year : float
        The national saving to explain [EUR/year]; default the pilot's claim.
    status_question_share : float
        Share of calls that are status questions [-]; default the claim's 30%.
    cost_eur_per_call : float
        Cost per call [EUR/call]; default the claim's EUR 11.

    Examples
    --------
    >>> round(claim_needs_calls_per_inhabitant(), 4)   # 65e6 / (11 x 0.30 x 17,942,942)
    1.0978
    """
    calls = implied_calls_per_year(
        saving_eur_per_year, status_question_share=status_question_share, cost_eur_per_call=cost_eur_per_call
    )
    return calls / national_population()


def claim_from_pilot() -> HeadlineResult:
    """The preset *claim uit de pilot*: EUR 11 x 30% with every status call avoided, on the phone volume the
    claim needs (:func:`claim_needs_calls_per_inhabitant`); reproduces the "ruim EUR 65 miljoen".

    It rests on the low end of the published cost range (EUR 11 in EUR 11-31), see :func:`claim_label_nl`.
    """
    return headline(claim_needs_calls_per_inhabitant() * national_population())


def claim_label_nl() -> str:
    """The Dutch label of the preset: what it rests on."""
    low, high = PUBLISHED_PHONE_COST_EUR
    s_low, s_high = (
        params.default_value("reason_share", channel="telefoon", reason="statusvraag", which=w) for w in ("low", "high")
    )
    return (
        f"{CLAIM_PRESET_NL.capitalize()}: {fmt.eur(CLAIM_COST_EUR_PER_CALL)} × "
        f"{fmt.pct(CLAIM_STATUS_QUESTION_SHARE, 0)} en elke statusvraag vermeden; rust op de onderkant van de "
        f"gepubliceerde kosten per telefoontje ({fmt.eur(low)}–{fmt.eur(high)}) en van het aandeel statusvragen "
        f"({fmt.pct(s_low, 0)}–{fmt.pct(s_high, 0)}), en op een aantal telefoontjes per inwoner dat de claim niet "
        "noemt en op de aanname dat elke inwoner het portaal kan gebruiken (aannames)"
    )


def _millions(eur: float, decimals: int = 0) -> str:
    return f"€ {fmt.num(eur / 1e6, decimals)} miljoen"


@dataclass(frozen=True)
class NationalHeadline:
    """omnicalc's national saving of a portal that avoids every phone status question, with its band, and
    what the pilot's claim needs.

    Parameters
    ----------
    deterministic_eur : float
        The sourced defaults per gemeente, :func:`omnicalc.model.evaluate_national` [EUR/year].
    percentiles_eur : pandas.Series
        P10, P25, P50, P75, P90 and the mean of the simulation [EUR/year].
    draws : int
        Monte Carlo draws [-].
    seed : int
        Seed of the simulation [-].
    calls_per_inhabitant : float
        The shipped phone rate [calls/inhabitant/year].
    published_calls_low : float
        Lowest published phone rate [calls/inhabitant/year].
    published_calls_high : float
        Highest published phone rate [calls/inhabitant/year].
    claim_eur : float
        The pilot's claim, :data:`HEADLINE_CLAIM_EUR_PER_YEAR` [EUR/year].
    claim_needs_calls_per_inhabitant : float
        What the claim needs at EUR 11 x 30% [calls/inhabitant/year].
    """

    deterministic_eur: float  # the sourced defaults per gemeente, evaluate_national
    percentiles_eur: pd.Series  # P10, P25, P50, P75, P90 and the mean of the simulation
    draws: int
    seed: int
    calls_per_inhabitant: float  # the shipped default (phone)
    published_calls_low: float  # its published range
    published_calls_high: float
    claim_eur: float  # HEADLINE_CLAIM_EUR_PER_YEAR
    claim_needs_calls_per_inhabitant: float

    @property
    def deterministic_in_iqr(self) -> bool:
        """The deterministic value lies between the simulation's P25 and P75."""
        p = self.percentiles_eur
        return bool(p["P25"] <= self.deterministic_eur <= p["P75"])

    @property
    def central_eur(self) -> float:
        """The deterministic value when it lies within P25-P75 of its simulation, otherwise the P50."""
        return self.deterministic_eur if self.deterministic_in_iqr else float(self.percentiles_eur["P50"])

    @property
    def low_eur(self) -> float:
        return float(self.percentiles_eur["P10"])

    @property
    def high_eur(self) -> float:
        return float(self.percentiles_eur["P90"])

    def sentence_nl(self) -> str:
        """The one Dutch sentence of the Statusvragen dashboard and the landing page.

        The central value is named for what it is: the *basisraming* (deterministic) when it lies within
        P25-P75 of its simulation, otherwise the median, with where the deterministic value lies.
        """
        band = f"P10–P90 € {fmt.num(self.low_eur / 1e6)}–{fmt.num(self.high_eur / 1e6)} miljoen"
        if self.deterministic_in_iqr:
            central = f"{_millions(self.central_eur, 1)} per jaar (basisraming, {band})"
        else:
            side = "onder P25" if self.deterministic_eur < self.percentiles_eur["P25"] else "boven P75"
            central = (
                f"{_millions(self.central_eur, 1)} per jaar (mediaan van {fmt.num(self.draws)} simulaties, {band}; "
                f"de basisraming uit de standaardwaarden, {_millions(self.deterministic_eur, 1)}, ligt {side} omdat "
                "die standaardwaarden niet in het midden van hun bandbreedte liggen)"
            )
        return (
            "Landelijk bespaart een statusportaal dat elke telefonische statusvraag voorkomt die inwoners zelf "
            "kunnen opzoeken (afhankelijke inwoners en een deel van de beperkt zelfstandigen blijven bellen) "
            "volgens omnicalc "
            f"{central}; de claim uit de pilot, ruim {_millions(self.claim_eur)}, vraagt "
            f"{fmt.num(self.claim_needs_calls_per_inhabitant, 2)} telefoontjes per inwoner per jaar, gepubliceerd "
            f"is {fmt.num(self.published_calls_low, 2)}–{fmt.num(self.published_calls_high, 2)}."
        )


def _phone_only() -> dict[str, float]:
    rate = params.default_value("contacts_per_inhabitant_per_year", channel="telefoon")
    return {c: (rate if c == "telefoon" else 0.0) for c in CHANNELS}


@lru_cache(maxsize=4)
def national_headline(draws: int = 1_000, seed: int | None = None) -> NationalHeadline:
    """omnicalc's national headline: every phone status call avoided, in all 342 gemeenten.

    Deterministic: :func:`omnicalc.model.evaluate_national` with the shipped defaults (phone
    contacts only, :data:`FULL_PORTAL`). Band: :func:`omnicalc.uncertainty.simulate_national` of the
    same scenario with the shipped ranges, the other channels' volume fixed at zero (their
    ``baseline.volume_factor`` range 0-0-0), so the simulation counts the same calls, and the
    portal's settings fixed (every status call avoided is the premise, not residents' behaviour). Its contacts
    per inhabitant are drawn per gemeente, so their spread partly averages out nationally; the
    published range of the rate is stated beside the estimate.

    Parameters
    ----------
    draws : int
        Monte Carlo draws [-].
    seed : int or None
        Seed; None: :data:`omnicalc.uncertainty.DEFAULT_SEED`.
    """
    from .uncertainty import DEFAULT_SEED, Range, simulate_national

    seed = DEFAULT_SEED if seed is None else seed
    det = evaluate_national(FULL_PORTAL, contacts_per_inhabitant_per_year=_phone_only()).saving_eur_per_year
    zero = Range(0.0, 0.0, 0.0)
    fixed = {i.path: Range(i.value, i.value, i.value) for i in FULL_PORTAL.inputs()}  # the premise, not behaviour
    sim = simulate_national(
        FULL_PORTAL,
        draws=draws,
        seed=seed,
        ranges={f"baseline.volume_factor.{c}": zero for c in CHANNELS if c != "telefoon"} | fixed,
    )
    q = [0.10, 0.25, 0.50, 0.75, 0.90]
    x = sim.national_saving_eur
    per = pd.Series([*np.quantile(x, q), float(x.mean())], index=["P10", "P25", "P50", "P75", "P90", "mean"])
    rate = {
        w: params.default_value("contacts_per_inhabitant_per_year", channel="telefoon", which=w)
        for w in ("value", "low", "high")
    }
    return NationalHeadline(
        float(det),
        per,
        draws,
        seed,
        rate["value"],
        rate["low"],
        rate["high"],
        HEADLINE_CLAIM_EUR_PER_YEAR,
        claim_needs_calls_per_inhabitant(),
    )


def national_estimate() -> pd.DataFrame:
    """The same saving from the shipped defaults at their low, base and high ends together.

    Rows ``laag``, ``basis``, ``hoog`` take the low, base and high default of the phone
    contacts per inhabitant, the status-question share and the phone cost per contact
    together; every municipality by its CBS 2024 population, every status call avoided.
    Multiplying three extremes is not a band (``hoog`` is far beyond any plausible P90): for
    the headline use :func:`national_headline`, whose band comes from the simulation.

    Examples
    --------
    >>> float(national_estimate().loc["basis", "calls_per_inhabitant_per_year"])
    0.9744
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
    "SELF_RELIANT_SHARES",
    "CLAIM_COST_EUR_PER_CALL",
    "CLAIM_PRESET_NL",
    "CLAIM_STATUS_QUESTION_SHARE",
    "PUBLISHED_PHONE_COST_EUR",
    "FULL_PORTAL",
    "HEADLINE_CLAIM_EUR_PER_YEAR",
    "HeadlineResult",
    "NationalHeadline",
    "claim_from_pilot",
    "claim_label_nl",
    "claim_needs_calls_per_inhabitant",
    "headline",
    "implied_calls_per_year",
    "national_estimate",
    "national_headline",
    "national_population",
]
