"""The BBV view: a *meerjarenraming* (multi-year budget estimate) beside the MKBA view, from the same case.

The MKBA view (:mod:`omnicalc.business_case`) is a social cost-benefit cash flow: constant
(real) euros, the investment as cash at t = 0, discounted at 2.25%. A controller reads a
business case as the budget does, after the *Besluit begroting en verantwoording* (BBV):
per *jaarschijf* (budget year), in current (nominal) euros, each line marked *structureel*
or *incidenteel*, investments as *kapitaallasten*. :func:`meerjarenraming` makes that view
from a :class:`~omnicalc.business_case.BusinessCaseResult`; it recomputes no savings, it
re-prices and re-times the case's own lines.

Conventions
-----------
- Jaarschijf 1 is the first year of the case (year 1 of the MKBA; its t = 0 is the start
  of jaarschijf 1). Amounts are in nominal euros; jaarschijf 1 is at the price level of the
  inputs (unindexed), jaarschijf t is indexed ``(1 + rate) ** (t - 1)``.
- Personnel lines (staff saving, *dubbele lasten*, *frictiekosten*) are indexed with the
  CAO gemeenten rate (``cao_wage_indexation_share``); the other lines (variable costs,
  recurring costs) with the price index (``price_indexation_share``). The case's own real
  wage growth (``wage_indexation_share``) is taken out first: the nominal rate replaces it.
  Investments, their *kapitaallasten* and *dekking* are nominal amounts as entered, not
  indexed.
- An investment of at least the *activeringsgrens* is activated at the start of jaarschijf
  1 and depreciated straight-line over the period of its kind (software, implementatie,
  hardware), from jaarschijf 1 on. Interest is the *omslagrente* on the book value at the
  start of each year (1 January), the classic BBV method: with amount A over n years, year
  k carries A / n depreciation and ``rate x A x (1 - (k - 1) / n)`` interest. An
  investment below the threshold is expensed in jaarschijf 1 (incidenteel). The levers'
  own one-off costs count as one investment of kind implementatie.
- Signs: + is *voordelig* (a saving or coverage), - is *nadelig* (a cost).
- *Structureel*: savings, recurring costs and kapitaallasten (during the asset's life; no
  replacement investment is assumed); *incidenteel*: expensed investments, frictiekosten
  and dubbele lasten. The structural effect is the structural lines of the final jaarschijf:
  what the budget carries from then on.
- The savings are the realisable ones (variable costs at once, staff as it is released),
  also when the MKBA cash flow counts the theoretical saving: a budget books what is
  realised. With *bezuinigen* the freed capacity is a structural saving (the formatie is
  cut) and the part not yet released is *dubbele lasten* (incidenteel), so that the two
  together equal the MKBA's staff saving; with *herinzetten* there is no staff line.
  The release rule's expected rounding loss (half a formatie-eenheid per team,
  :func:`omnicalc.business_case.released_fte`) stays as dubbele lasten to the final year.

>>> import omnicalc as oc
>>> round(float(capital_charges(400_000, 5, 0.02, 5)["interest_eur"].iloc[0]), 2)
8000.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from . import fmt, limits, params
from .business_case import ASSET_KINDS, BusinessCaseResult, _check, _whole
from .errors import InputError

#: One Dutch line on the two views, for every report (the MKBA discount rate is the shipped default).
MKBA_VS_BBV_NL = (
    "De MKBA rekent in constante euro's met 2,25% disconto (maatschappelijke waarde); de meerjarenraming (BBV) "
    "toont de jaarlijkse lasten en baten in lopende euro's zoals ze in de begroting komen."
)

#: Label of the coverage line while the user has not filled it in.
EMPTY_DEKKING_LABEL_NL = "Dekking (nog in te vullen, bijvoorbeeld vrijval formatie KCC)"

NATURES = ("structureel", "incidenteel")

#: The totals under the lines, in the order a raming shows them: Dutch label, column of ``balance``.
BALANCE_LINES_NL = (
    ("Structureel saldo", "structural_eur"),
    ("Incidenteel saldo", "incidental_eur"),
    ("Budgettair saldo", "balance_eur"),
    ("Dekking", "coverage_eur"),
    ("Saldo na dekking", "balance_after_coverage_eur"),
    ("Cumulatief saldo", "cumulative_eur"),
)


def mkba_vs_bbv_nl(discount_rate: float | None = None) -> str:
    """The Dutch line on MKBA versus BBV, with the case's discount rate.

    Parameters
    ----------
    discount_rate : float or None
        The MKBA's real discount rate [1/year]; None: the shipped default (2.25%).

    Examples
    --------
    >>> mkba_vs_bbv_nl() == MKBA_VS_BBV_NL
    True
    >>> mkba_vs_bbv_nl(0.03)[:47]
    "De MKBA rekent in constante euro's met 3% disco"
    """
    rate = params.default_value("discount_rate") if discount_rate is None else discount_rate
    return MKBA_VS_BBV_NL.replace("2,25%", fmt.pct(rate, 2).replace(",00%", "%"))


def _default(name: str) -> float:
    return params.default_value(name)


@dataclass(frozen=True)
class Dekking:
    """A coverage line of the meerjarenraming, filled in by the user (e.g. *vrijval formatie KCC*).

    Parameters
    ----------
    label : str
        Shown in the table.
    amount_eur_per_year : float
        Nominal amount in each year from ``start_year`` to ``end_year`` [EUR/year], at least 0.
    start_year : int
        First jaarschijf with coverage [year].
    end_year : int or None
        Last jaarschijf with coverage [year]; None: to the end of the horizon.
    nature : {"structureel", "incidenteel"}
        Whether the coverage is structural or incidental.
    """

    label: str
    amount_eur_per_year: float
    start_year: int = 1
    end_year: int | None = None
    nature: Literal["structureel", "incidenteel"] = "structureel"

    def __post_init__(self) -> None:
        limits.text(self.label, "dekking.label", label_nl="Omschrijving dekking")
        where = f"dekking '{self.label}'"
        _check(self, {"amount_eur_per_year": "dekking_eur_per_year", "start_year": "ramp_start_year"}, where)
        _whole(self, "start_year", where)
        if self.end_year is not None:
            _check(self, {"end_year": "ramp_start_year"}, where)
            _whole(self, "end_year", where)
            if self.end_year < self.start_year:
                raise InputError(
                    f"{where}.end_year",
                    self.end_year,
                    f"allowed is a year from start_year ({self.start_year}) on",
                    allowed_nl=f"toegestaan is een jaar vanaf het beginjaar ({self.start_year})",
                    label_nl="Laatste jaar dekking",
                )
        if self.nature not in NATURES:
            raise InputError(
                f"{where}.nature",
                self.nature,
                "allowed is 'structureel' or 'incidenteel'",
                allowed_nl="kies structureel of incidenteel",
                label_nl="Aard dekking",
            )

    def amounts(self, horizon_years: int) -> np.ndarray:
        """The amount in each jaarschijf 1..horizon [EUR]."""
        years = np.arange(1, horizon_years + 1)
        last = horizon_years if self.end_year is None else self.end_year
        return np.where((years >= self.start_year) & (years <= last), self.amount_eur_per_year, 0.0)


@dataclass(frozen=True, eq=False)
class BBVSettings:
    """The budget rules of the meerjarenraming; defaults from ``omnicalc/defaults/parameters.csv``.

    Parameters
    ----------
    cao_wage_indexation_share : float
        Nominal yearly wage indexation of the personnel lines [1/year] (CAO gemeenten).
    price_indexation_share : float
        Nominal yearly price indexation of the other lines [1/year] (CPB/meicirculaire).
    capitalisation_threshold_eur : float
        *Activeringsgrens*: an investment of at least this amount is activated [EUR].
    omslagrente_rate : float
        Interest on the book value at the start of each year [1/year].
    asset_life_software_years : int
        Depreciation period of software [years].
    asset_life_implementation_years : int
        Depreciation period of implementation and integration [years].
    asset_life_hardware_years : int
        Depreciation period of hardware [years].
    dekking : tuple of Dekking
        Coverage lines; empty: one line of zero with :data:`EMPTY_DEKKING_LABEL_NL`.
    """

    cao_wage_indexation_share: float = field(default_factory=lambda: _default("cao_wage_indexation_share"))
    price_indexation_share: float = field(default_factory=lambda: _default("price_indexation_share"))
    capitalisation_threshold_eur: float = field(default_factory=lambda: _default("capitalisation_threshold_eur"))
    omslagrente_rate: float = field(default_factory=lambda: _default("omslagrente_rate"))
    asset_life_software_years: int = field(default_factory=lambda: int(_default("asset_life_software_years")))
    asset_life_implementation_years: int = field(
        default_factory=lambda: int(_default("asset_life_implementation_years"))
    )
    asset_life_hardware_years: int = field(default_factory=lambda: int(_default("asset_life_hardware_years")))
    dekking: tuple[Dekking, ...] = ()

    NUMERIC = (
        "cao_wage_indexation_share",
        "price_indexation_share",
        "capitalisation_threshold_eur",
        "omslagrente_rate",
        "asset_life_software_years",
        "asset_life_implementation_years",
        "asset_life_hardware_years",
    )

    def __post_init__(self) -> None:
        _check(self, {k: k for k in self.NUMERIC}, "bbv")
        for kind in ASSET_KINDS:
            _whole(self, f"asset_life_{kind}_years", "bbv")
        dekking = tuple(self.dekking)
        for d in dekking:
            if not isinstance(d, Dekking):
                raise InputError("bbv.dekking", type(d).__name__, "a tuple of Dekking is required")
        object.__setattr__(self, "dekking", dekking)

    def life_years(self, asset_kind: str) -> int:
        """The depreciation period of an asset kind (``software``, ``implementation``, ``hardware``) [years]."""
        return int(getattr(self, f"asset_life_{asset_kind}_years"))


def index_factors(rate: float, horizon_years: int) -> np.ndarray:
    """Indexation factor of each jaarschijf 1..horizon: ``(1 + rate) ** (t - 1)``; jaarschijf 1 is unindexed [-].

    Parameters
    ----------
    rate : float
        Yearly indexation [1/year].
    horizon_years : int
        Number of jaarschijven [years].

    Examples
    --------
    >>> [round(float(f), 4) for f in index_factors(0.03, 3)]
    [1.0, 1.03, 1.0609]
    """
    return (1.0 + rate) ** np.arange(horizon_years)


def capital_charges(amount_eur: float, life_years: int, interest_rate: float, horizon_years: int) -> pd.DataFrame:
    """*Kapitaallasten* of one activated investment per jaarschijf: straight-line depreciation plus interest.

    Activated at the start of jaarschijf 1; depreciation ``amount / life`` in jaarschijf 1..life;
    interest at ``interest_rate`` on the book value at the start of each year (1 January),
    the classic BBV method. Years after the life carry nothing.

    Parameters
    ----------
    amount_eur : float
        The activated amount [EUR].
    life_years : int
        Depreciation period [years].
    interest_rate : float
        Omslagrente [1/year].
    horizon_years : int
        Number of jaarschijven shown [years].

    Returns
    -------
    pandas.DataFrame
        Index ``year`` 1..horizon; columns ``book_value_start_eur``, ``depreciation_eur``,
        ``interest_eur``, ``capital_charges_eur``, ``book_value_end_eur`` [EUR].

    Examples
    --------
    >>> c = capital_charges(400_000, 5, 0.02, 5)
    >>> c["interest_eur"].round(2).tolist()
    [8000.0, 6400.0, 4800.0, 3200.0, 1600.0]
    """
    years = np.arange(1, horizon_years + 1)
    depreciation = np.where(years <= life_years, amount_eur / life_years, 0.0)
    start = amount_eur - np.concatenate([[0.0], np.cumsum(depreciation)[:-1]])
    start = np.maximum(start, 0.0)
    interest = interest_rate * start
    return pd.DataFrame(
        {
            "book_value_start_eur": start,
            "depreciation_eur": depreciation,
            "interest_eur": interest,
            "capital_charges_eur": depreciation + interest,
            "book_value_end_eur": start - depreciation,
        },
        index=pd.Index(years, name="year"),
    )


#: Columns of :attr:`Meerjarenraming.lines` before the jaarschijven.
LINE_COLUMNS = ("label_nl", "category", "nature", "indexation")


@dataclass(frozen=True, eq=False)
class Meerjarenraming:
    """The BBV view of a business case, made by :func:`meerjarenraming`.

    Parameters
    ----------
    settings : BBVSettings
        The budget rules used.
    lines : pandas.DataFrame
        One row per budget line: ``label_nl``, ``category`` (``baten``, ``lasten`` or
        ``dekking``), ``nature`` (``structureel`` or ``incidenteel``), ``indexation``
        (``cao``, ``prijs`` or ``geen``), then one column per jaarschijf 1..horizon
        [EUR, nominal; + voordelig, - nadelig].
    capital : pandas.DataFrame
        Per activated investment (``asset``) and year: book value, depreciation, interest [EUR].
    note_nl : str
        What the raming counts, in Dutch.
    """

    settings: BBVSettings
    lines: pd.DataFrame
    capital: pd.DataFrame
    note_nl: str

    @property
    def years(self) -> list[int]:
        """The jaarschijven 1..horizon."""
        return [c for c in self.lines.columns if c not in LINE_COLUMNS]

    @cached_property
    def balance(self) -> pd.DataFrame:
        """Per jaarschijf [EUR]: ``structural_eur``, ``incidental_eur``, ``balance_eur`` (the *budgettair
        saldo* before coverage), ``coverage_eur``, ``balance_after_coverage_eur`` and ``cumulative_eur``
        (of the balance after coverage)."""
        lines, years = self.lines, self.years
        effects = lines[lines["category"] != "dekking"]
        structural = effects.loc[effects["nature"] == "structureel", years].sum()
        incidental = effects.loc[effects["nature"] == "incidenteel", years].sum()
        coverage = lines.loc[lines["category"] == "dekking", years].sum()
        after = structural + incidental + coverage
        return pd.DataFrame(
            {
                "structural_eur": structural,
                "incidental_eur": incidental,
                "balance_eur": structural + incidental,
                "coverage_eur": coverage,
                "balance_after_coverage_eur": after,
                "cumulative_eur": after.cumsum(),
            },
            index=pd.Index(years, name="year"),
        ).astype(float)

    @property
    def structural_effect_eur(self) -> float:
        """The structural balance of the final jaarschijf: what the budget carries from then on [EUR/year]."""
        return float(self.balance["structural_eur"].iloc[-1])

    def table_nl(self) -> pd.DataFrame:
        """The raming as people read it: one row per line and total, one column per jaarschijf, in Dutch."""
        years, b = self.years, self.balance
        rows: dict[str, list[str]] = {}
        for _, r in self.lines.iterrows():
            rows[f"{r['label_nl']} ({r['nature']})"] = [fmt.eur(float(r[y])) for y in years]
        for label, col in BALANCE_LINES_NL:
            rows[label] = [fmt.eur(float(v)) for v in b[col]]
        return pd.DataFrame(rows, index=pd.Index([f"Jaar {y}" for y in years], name="Jaarschijf")).T


def _line(
    label_nl: str, category: str, nature: str, indexation: str, amounts: np.ndarray
) -> dict[str | int, str | float]:
    """One row of :attr:`Meerjarenraming.lines`: its description, then its amount per jaarschijf 1, 2, ..."""
    row: dict[str | int, str | float] = {
        "label_nl": label_nl,
        "category": category,
        "nature": nature,
        "indexation": indexation,
    }
    row.update({t: float(a) + 0.0 for t, a in enumerate(np.asarray(amounts, dtype=float).tolist(), start=1)})
    return row


def meerjarenraming(bc: BusinessCaseResult, settings: BBVSettings | None = None) -> Meerjarenraming:
    """The BBV view (*meerjarenraming*) of a business case; see the module docstring for every convention.

    Parameters
    ----------
    bc : BusinessCaseResult
        The business case, as :func:`omnicalc.run_business_case` returns it.
    settings : BBVSettings or None
        Indexation, activeringsgrens, depreciation periods, omslagrente and dekking; None: the defaults.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> case = oc.BusinessCase(horizon_years=5, investments=(oc.Investment("Portaal", 400_000),))
    >>> r = oc.meerjarenraming(oc.run_business_case(base, oc.Scenario(), case), oc.BBVSettings(omslagrente_rate=0.02))
    >>> r.lines.loc["interest_0", r.years].round(2).tolist()
    [-8000.0, -6400.0, -4800.0, -3200.0, -1600.0]
    """
    settings = settings or BBVSettings()
    case, y = bc.case, bc.years.iloc[1:]  # jaarschijf 1..horizon; year 0 is the MKBA's t = 0
    horizon = case.horizon_years
    real = index_factors(case.wage_indexation_share, horizon)
    wage = index_factors(settings.cao_wage_indexation_share, horizon)
    price = index_factors(settings.price_indexation_share, horizon)
    lines: dict[str, dict[str | int, str | float]] = {}

    def col(name: str) -> np.ndarray:
        return y[name].to_numpy(dtype=float)

    lines["variable_saving"] = _line(
        "Besparing variabele kosten per contact",
        "baten",
        "structureel",
        "prijs",
        col("variable_saving_eur") / real * price,
    )
    if case.release_mode == "bezuinigen":
        staff = (col("staff_saving_eur") + col("double_burden_eur")) / real * wage
        lines["staff_saving"] = _line(
            "Besparing formatie (vrijgespeelde capaciteit)", "baten", "structureel", "cao", staff
        )
        lines["double_burden"] = _line(
            "Dubbele lasten (formatie nog niet afgebouwd)",
            "lasten",
            "incidenteel",
            "cao",
            -col("double_burden_eur") / real * wage,
        )
        lines["friction"] = _line("Frictiekosten", "lasten", "incidenteel", "cao", -col("friction_cost_eur") * wage)
    years = np.arange(1, horizon + 1)
    items = np.zeros(horizon)
    for k, c in enumerate(case.recurring_costs):
        amounts = np.where(years >= c.start_year, c.amount_eur_per_year, 0.0)
        items += amounts
        lines[f"recurring_{k}"] = _line(c.label, "lasten", "structureel", "prijs", -amounts * price)
    running = col("recurring_cost_eur") - items
    if np.abs(running).max(initial=0.0) > 1e-9:
        lines["lever_running"] = _line("Lopende kosten hefbomen", "lasten", "structureel", "prijs", -running * price)
    assets = [(i.label, float(i.amount_eur), i.asset_kind) for i in case.investments]
    lever_one_off = float(bc.outcome.investment_eur) - sum(a for _, a, _ in assets)
    if lever_one_off > 1e-9:
        assets.append(("Eenmalige kosten hefbomen", lever_one_off, "implementation"))
    capital = []
    for k, (label, amount, kind) in enumerate(assets):
        if amount >= settings.capitalisation_threshold_eur and amount > 0:
            life = settings.life_years(kind)
            c = capital_charges(amount, life, settings.omslagrente_rate, horizon)
            capital.append(c.assign(asset=label, asset_kind=kind, life_years=life).reset_index())
            for key, text in (
                ("depreciation", f"Afschrijving {label} ({ASSET_KINDS[kind]}, {life} jaar)"),
                ("interest", f"Rente {label} (omslagrente {fmt.pct(settings.omslagrente_rate, 2)})"),
            ):
                amounts = -c[f"{key}_eur"].to_numpy()
                lines[f"{key}_{k}"] = _line(text, "lasten", "structureel", "geen", amounts)
        else:
            lines[f"expensed_{k}"] = _line(
                f"{label} (onder de activeringsgrens, direct ten laste)",
                "lasten",
                "incidenteel",
                "geen",
                -amount * (years == 1),
            )
    for k, d in enumerate(settings.dekking):
        lines[f"dekking_{k}"] = _line(d.label, "dekking", d.nature, "geen", d.amounts(horizon))
    if not settings.dekking:
        lines["dekking"] = _line(EMPTY_DEKKING_LABEL_NL, "dekking", "structureel", "geen", np.zeros(horizon))
    table = pd.DataFrame(list(lines.values()), index=pd.Index(list(lines), name="line"))
    capital_table = (
        pd.concat(capital, ignore_index=True)
        if capital
        else pd.DataFrame(columns=["year", "book_value_start_eur", "depreciation_eur", "interest_eur"])
    )
    note = (
        "Lopende euro's: loonlasten geïndexeerd met "
        f"{fmt.pct(settings.cao_wage_indexation_share, 2)} (cao gemeenten), overige lasten met "
        f"{fmt.pct(settings.price_indexation_share, 2)} per jaar; jaar 1 in prijzen van de invoer. Investeringen vanaf "
        f"{fmt.eur(settings.capitalisation_threshold_eur)} geactiveerd, lineair afgeschreven, rente "
        f"{fmt.pct(settings.omslagrente_rate, 2)} over de boekwaarde op 1 januari; lagere investeringen direct ten "
        "laste van jaar 1. De raming telt de realiseerbare besparing"
        + (" (de MKBA rekent hier met de theoretische)" if case.savings_basis == "theoretical" else "")
        + "."
    )
    return Meerjarenraming(settings, table, capital_table, note)


__all__ = [
    "BALANCE_LINES_NL",
    "EMPTY_DEKKING_LABEL_NL",
    "LINE_COLUMNS",
    "MKBA_VS_BBV_NL",
    "NATURES",
    "BBVSettings",
    "Dekking",
    "Meerjarenraming",
    "capital_charges",
    "index_factors",
    "meerjarenraming",
    "mkba_vs_bbv_nl",
]
