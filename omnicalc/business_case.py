"""Multi-year business case: adoption ramps, staffing per team, release of staff, cash flows, NPV/IRR/payback.

Timing convention: one-off investments fall at t = 0 (today, not discounted); savings and
recurring costs of year t fall at the end of year t and are discounted by
``(1 + discount_rate) ** t``. All amounts are in constant prices (real), matching the
real discount rate (default 2.25%, the Dutch standard for social cost-benefit analysis);
``wage_indexation_share`` is wage growth above inflation and scales the savings.

Two savings lines, side by side:

- theoretical (*theoretisch*): every avoided contact saves its full cost per contact;
- realisable (*realiseerbaar*), as a controller counts it: the variable part of the cost
  per contact at once, plus the staff that is really released. The workforce model
  (:mod:`omnicalc.workforce`) gives the FTE per team before and after (continuous: the
  *vrijgespeelde* capacity); it is released after a lag, through natural attrition, in
  *formatie-eenheden* (:func:`released_fte`), and each released FTE saves its
  *loonkosten* (salary, IKB and employer charges; overhead only when marked variable),
  minus one-off *frictiekosten*. Freed capacity not yet released is shown as *dubbele
  lasten*. With ``release_mode = "herinzetten"`` no staff is released: the freed FTE are
  shown as avoided hiring and only the variable costs count as cash.

There is no cap. At the shipped defaults the realisable line lies below the theoretical
one because the model says so (released <= freed, loonkosten below the integral cost of
a contact), and a test checks it for every gemeente; with other inputs (overhead counted
as variable, a high salary, cheap top-down costs) it can lie above, and
:meth:`BusinessCaseResult.release_sentence_nl` then says so in Dutch.
:meth:`BusinessCaseResult.staffing_check` compares the staffing view of the baseline with
the top-down cost per contact.

The cash flow uses ``savings_basis`` (default: realisable), because a case that counts
fixed staff cost as variable pays back on paper only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from . import finance, fmt, limits, params
from .domain import ASSISTED_MASK, CHANNEL_LABELS, CHANNELS, SEGMENT_LABELS, SEGMENTS
from .errors import InputError
from .kpis import kpi_table
from .levers import LEVER_KEYS, LEVERS
from .model import (
    Baseline,
    CostModel,
    ModelArrays,
    Result,
    Scenario,
    _channel_values,
    active_levers,
    lever_costs,
    lever_values,
    needs_segments,
    ramped,
    run_levers,
    segment_volumes,
)
from .workforce import (
    WEEKS_PER_YEAR,
    ArrivalProfile,
    Team,
    channel_workload_hours,
    check_teams,
    default_teams,
    team_hours,
)

_ASSISTED = np.array(ASSISTED_MASK)


def _check(obj: object, names: dict[str, str], where: str) -> None:
    for attr, spec in names.items():
        object.__setattr__(obj, attr, params.SPECS[spec].check(getattr(obj, attr), f"{where}.{attr}"))


def _whole(obj: object, attr: str, where: str) -> None:
    value = getattr(obj, attr)
    if value != int(value):
        raise InputError(
            f"{where}.{attr}",
            value,
            "a whole number of years is required",
            allowed_nl="een heel aantal jaren",
            label_nl="Aantal jaren",
        )
    object.__setattr__(obj, attr, int(value))


def _default(name: str) -> float:
    return params.default_value(name)


@dataclass(frozen=True)
class Ramp:
    """How a lever grows to full effect: ``linear`` or ``s_curve`` (smoothstep), from ``start_year``.

    The factor in year t is x = (t - start_year + 1) / years_to_full, clipped to 0-1;
    linear gives x, s_curve gives 3x^2 - 2x^3. Both reach 1 in the same year.

    Parameters
    ----------
    kind : {"linear", "s_curve"}
        Shape of the adoption ramp.
    start_year : int
        First year with effect [year], 1 = the first year after t = 0.
    years_to_full : float
        Years from the start to full effect [years].
    """

    kind: Literal["linear", "s_curve"] = "linear"
    start_year: int = 1
    years_to_full: float = field(default_factory=lambda: _default("ramp_years_to_full"))

    def __post_init__(self) -> None:
        if self.kind not in ("linear", "s_curve"):
            raise InputError(
                "ramp.kind",
                self.kind,
                "allowed is 'linear' or 's_curve'",
                allowed_nl="kies lineair of S-curve",
                label_nl="Adoptiecurve",
            )
        _check(self, {"start_year": "ramp_start_year", "years_to_full": "ramp_years_to_full"}, "ramp")
        _whole(self, "start_year", "ramp")

    def factors(self, years: np.ndarray) -> np.ndarray:
        x = np.clip((np.asarray(years, dtype=float) - self.start_year + 1) / self.years_to_full, 0.0, 1.0)
        return x if self.kind == "linear" else 3 * x**2 - 2 * x**3


#: Kinds of investment and their Dutch names; each has its own depreciation period in the BBV view
#: (``asset_life_{kind}_years``, :mod:`omnicalc.bbv`).
ASSET_KINDS: Mapping[str, str] = MappingProxyType(
    {"software": "software", "implementation": "implementatie", "hardware": "hardware"}
)


@dataclass(frozen=True)
class Investment:
    """A one-off cost at t = 0 [EUR].

    Parameters
    ----------
    label : str
        Shown in reports.
    amount_eur : float
        One-off amount at t = 0 [EUR], at least 0.
    asset_kind : {"implementation", "software", "hardware"}
        What is bought; chooses the depreciation period in the BBV view (:mod:`omnicalc.bbv`).
        The MKBA cash flow does not use it.
    """

    label: str
    amount_eur: float
    asset_kind: str = "implementation"

    def __post_init__(self) -> None:
        limits.text(self.label, "investment.label", label_nl="Omschrijving investering")
        _check(self, {"amount_eur": "investment_eur"}, f"investment '{self.label}'")
        if self.asset_kind not in ASSET_KINDS:
            raise InputError(
                f"investment '{self.label}'.asset_kind",
                self.asset_kind,
                "allowed is " + ", ".join(repr(k) for k in ASSET_KINDS),
                allowed_nl="kies " + ", ".join(ASSET_KINDS.values()),
                label_nl="Soort investering",
            )


@dataclass(frozen=True)
class RecurringCost:
    """A cost every year from ``start_year`` on [EUR/year]: licences, content, hosting, integration.

    Parameters
    ----------
    label : str
        Shown in reports.
    amount_eur_per_year : float
        Yearly amount from ``start_year`` on [EUR/year], at least 0.
    start_year : int
        First year the cost is paid [year].
    """

    label: str
    amount_eur_per_year: float
    start_year: int = 1

    def __post_init__(self) -> None:
        limits.text(self.label, "recurring_cost.label", label_nl="Omschrijving jaarlijkse kosten")
        _check(
            self,
            {"amount_eur_per_year": "recurring_cost_eur_per_year", "start_year": "ramp_start_year"},
            f"recurring cost '{self.label}'",
        )
        _whole(self, "start_year", f"recurring cost '{self.label}'")


@dataclass(frozen=True, eq=False)
class StaffingSettings:
    """How contacts become staff, and how freed staff becomes money.

    Parameters
    ----------
    service_level_target_share : float
        Share of calls and chats answered within ``answer_time_seconds`` [-], 0-1.
    answer_time_seconds : float
        The service-level time [s] (VNG norm: 25).
    max_occupancy_share : float
        Highest allowed occupancy of agents [-], 0-1.
    patience_seconds : float or None
        Mean patience of callers [s]: the phone queue is then Erlang A (callers abandon;
        abandoned calls count as not answered within the norm). None: Erlang C (nobody
        hangs up), the usual planning standard.
    profile : ArrivalProfile
        How a week's live contacts spread over the open intervals (default: the shipped
        opening hours and shape, :meth:`ArrivalProfile.standard`).
    teams : tuple of Team or None
        Who staffs which channel; None: :func:`omnicalc.workforce.default_teams` for the
        gemeente's size.
    gross_hours_per_fte_per_year : float
        Paid hours of one FTE in a year [hours/FTE/year].
    fte_step : float
        *Formatie-eenheid*: staff is released in units of this size [FTE] (0.1: part-time contracts).
    fte_release_lag_years : int
        Years between a workload drop and the start of its release [years].
    attrition_share : float
        Natural attrition (*verloop*) [1/year]: each year at most this share of the team's
        FTE can be released without redundancy.
    salary_eur_per_month : float
        Gross monthly salary of a KCC employee [EUR/month]; *loonkosten* per FTE = salary x 12 x
        (1 + extras) x (1 + employer charges) [EUR/FTE/year].
    salary_extras_share : float
        Individueel Keuzebudget (holiday pay, year-end bonus) on the yearly salary [-].
    employer_charges_share : float
        Employer's social charges and pension on salary and extras [-].
    overhead_share : float
        Housing, ICT and management as a share of the loonkosten [-].
    overhead_variable : bool
        Whether the overhead falls away with a released FTE (default: no, it is fixed).
    friction_eur_per_fte : float
        One-off *frictiekosten* per released FTE [EUR/FTE].
    """

    service_level_target_share: float = field(default_factory=lambda: _default("service_level_target_share"))
    answer_time_seconds: float = field(default_factory=lambda: _default("answer_time_seconds"))
    max_occupancy_share: float = field(default_factory=lambda: _default("max_occupancy_share"))
    patience_seconds: float | None = None
    profile: ArrivalProfile = field(default_factory=ArrivalProfile.standard)
    teams: tuple[Team, ...] | None = None
    gross_hours_per_fte_per_year: float = field(default_factory=lambda: _default("gross_hours_per_fte_per_year"))
    fte_step: float = field(default_factory=lambda: _default("fte_step"))
    fte_release_lag_years: int = field(default_factory=lambda: int(_default("fte_release_lag_years")))
    attrition_share: float = field(default_factory=lambda: _default("attrition_share"))
    salary_eur_per_month: float = field(default_factory=lambda: _default("salary_eur_per_month"))
    salary_extras_share: float = field(default_factory=lambda: _default("salary_extras_share"))
    employer_charges_share: float = field(default_factory=lambda: _default("employer_charges_share"))
    overhead_share: float = field(default_factory=lambda: _default("overhead_share"))
    overhead_variable: bool = False
    friction_eur_per_fte: float = field(default_factory=lambda: _default("friction_eur_per_fte"))

    #: the numeric settings, each checked against its parameter declaration
    NUMERIC = (
        "service_level_target_share",
        "answer_time_seconds",
        "max_occupancy_share",
        "gross_hours_per_fte_per_year",
        "fte_step",
        "fte_release_lag_years",
        "attrition_share",
        "salary_eur_per_month",
        "salary_extras_share",
        "employer_charges_share",
        "overhead_share",
        "friction_eur_per_fte",
    )

    def __post_init__(self) -> None:
        _check(self, {k: k for k in self.NUMERIC}, "staffing")
        _whole(self, "fte_release_lag_years", "staffing")
        if not isinstance(self.profile, ArrivalProfile):
            raise InputError("staffing.profile", type(self.profile).__name__, "an ArrivalProfile")
        if self.teams is not None:
            object.__setattr__(self, "teams", check_teams(tuple(self.teams)))
        if self.patience_seconds is not None and not (
            isinstance(self.patience_seconds, (int, float))
            and not isinstance(self.patience_seconds, bool)
            and 1 <= self.patience_seconds <= 86_400
        ):
            raise InputError(
                "staffing.patience_seconds",
                self.patience_seconds,
                "allowed is 1 to 86400 seconds, or none for Erlang C",
                allowed_nl="toegestaan is 1 tot en met 86.400 seconden, of leeg voor Erlang C",
                label_nl="Geduld van bellers",
            )
        if not isinstance(self.overhead_variable, bool):
            raise InputError("staffing.overhead_variable", self.overhead_variable, "true or false")

    def teams_for(self, population: float) -> tuple[Team, ...]:
        """The teams in use: the given ones, or the defaults for a gemeente of ``population``."""
        return self.teams if self.teams is not None else default_teams(population)

    @property
    def loonkosten_eur_per_fte(self) -> float:
        """Salary x 12 x (1 + extras) x (1 + employer charges) [EUR/FTE/year]."""
        return float(loonkosten_eur_per_fte(self.salary_eur_per_month, self))

    @property
    def integral_eur_per_fte(self) -> float:
        """Loonkosten with overhead [EUR/FTE/year]: what an FTE costs in the staffing view."""
        return self.loonkosten_eur_per_fte * (1 + self.overhead_share)

    @property
    def released_value_eur_per_fte(self) -> float:
        """What one released FTE saves a year: the loonkosten, plus the overhead if it is variable."""
        return float(self.released_value(self.loonkosten_eur_per_fte))

    def released_value(self, loonkosten_eur_per_fte: np.ndarray | float) -> np.ndarray:
        """What a released FTE saves for given loonkosten (drawn or not): plus the overhead if it is variable."""
        return np.asarray(loonkosten_eur_per_fte) * (1 + (self.overhead_share if self.overhead_variable else 0.0))


@dataclass(frozen=True, eq=False)
class ResidentCosts:
    """Residents' own cost per contact: minutes x value of time, plus travel.

    Parameters
    ----------
    value_of_time_eur_per_hour : float
        Value of a resident's time [EUR/hour].
    minutes_per_contact : mapping of str to float
        A resident's time per contact per channel [min/contact].
    travel_eur_per_contact : mapping of str to float
        A resident's travel cost per contact per channel [EUR/contact].
    """

    value_of_time_eur_per_hour: float = field(default_factory=lambda: _default("value_of_time_eur_per_hour"))
    minutes_per_contact: Mapping[str, float] = field(default_factory=dict)
    travel_eur_per_contact: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check(self, {"value_of_time_eur_per_hour": "value_of_time_eur_per_hour"}, "residents")
        minutes = _channel_values(
            "resident_minutes_per_contact",
            self.minutes_per_contact,
            params.per_channel("resident_minutes_per_contact"),
            "residents.minutes_per_contact",
        )
        travel = _channel_values(
            "resident_travel_eur_per_contact",
            self.travel_eur_per_contact,
            params.per_channel("resident_travel_eur_per_contact", fill=0.0),
            "residents.travel_eur_per_contact",
        )
        object.__setattr__(self, "minutes_per_contact", MappingProxyType(dict(zip(CHANNELS, minutes.tolist()))))
        object.__setattr__(self, "travel_eur_per_contact", MappingProxyType(dict(zip(CHANNELS, travel.tolist()))))

    def eur_per_contact(self) -> np.ndarray:
        minutes = np.array([self.minutes_per_contact[c] for c in CHANNELS])
        travel = np.array([self.travel_eur_per_contact[c] for c in CHANNELS])
        return minutes / 60.0 * self.value_of_time_eur_per_hour + travel


def resident_cost_per_segment(result: Result, residents: ResidentCosts) -> pd.DataFrame:
    """Residents' own time and travel per segment, now and with the scenario at full effect (one year).

    Each segment's contacts per channel (:attr:`omnicalc.Result.segment_volume_before` and ``_after``) x the
    residents' cost per contact of the channel (:meth:`ResidentCosts.eur_per_contact`). Columns:
    ``label_nl``, ``residents`` [inhabitants], ``contacts_before_per_year``, ``contacts_after_per_year``
    [contacts/year], ``cost_before_eur_per_year``, ``cost_after_eur_per_year``, ``change_eur_per_year`` [EUR/year]
    and ``change_eur_per_resident_per_year`` [EUR/inhabitant/year]; a positive change is more effort for residents.
    """
    share = result.baseline.segments.arrays()[0]
    before, after = result.segment_volume_before, result.segment_volume_after
    per_contact = residents.eur_per_contact()
    residents_n = share * result.baseline.population
    cost_before, cost_after = before.sum(axis=-1) @ per_contact, after.sum(axis=-1) @ per_contact
    with np.errstate(invalid="ignore", divide="ignore"):
        per_resident = np.where(residents_n > 0, (cost_after - cost_before) / residents_n, 0.0)
    return pd.DataFrame(
        {
            "label_nl": [SEGMENT_LABELS[x] for x in SEGMENTS],
            "residents": residents_n,
            "contacts_before_per_year": before.sum(axis=(1, 2)),
            "contacts_after_per_year": after.sum(axis=(1, 2)),
            "cost_before_eur_per_year": cost_before,
            "cost_after_eur_per_year": cost_after,
            "change_eur_per_year": cost_after - cost_before,
            "change_eur_per_resident_per_year": per_resident,
        },
        index=pd.Index(SEGMENTS, name="segment"),
    )


def resident_cost_sentence_nl(table: pd.DataFrame) -> str:
    """One Dutch sentence on :func:`resident_cost_per_segment`: who spends more or less time and travel."""
    more = table[table["change_eur_per_year"] > 0.5]
    if more.empty:
        return "Geen inwonersgroep is met dit scenario meer tijd of reiskosten kwijt."
    return (
        "Meer tijd en reiskosten voor "
        + ", ".join(
            f"{r.label_nl.lower()}e inwoners ({fmt.eur(r.change_eur_per_year)} per jaar, "
            f"{fmt.eur(r.change_eur_per_resident_per_year, 2)} per inwoner)"
            for r in more.itertuples()
        )
        + ": dit scenario legt moeite bij hen neer."
    )


@dataclass(frozen=True, eq=False)
class BusinessCase:
    """The multi-year frame around a scenario. See the module docstring for the timing convention.

    Parameters
    ----------
    horizon_years : int
        Years after t = 0 [years], 1-15.
    discount_rate : float
        Real discount rate [1/year] (Dutch standard 2.25%).
    wage_indexation_share : float
        Real wage growth applied to savings [1/year].
    ramps : mapping of str to Ramp
        Adoption ramp per lever (``status_portal``, ``repeat_contacts``, ``channel_shift``).
    investments : tuple of Investment
        One-off costs at t = 0.
    recurring_costs : tuple of RecurringCost
        Yearly costs.
    staffing : StaffingSettings
        Erlang C and FTE settings.
    residents : ResidentCosts or None
        The optional residents' line.
    savings_basis : {"realisable", "theoretical"}
        Which savings line the cash flow uses.
    release_mode : {"bezuinigen", "herinzetten"}
        What happens to freed capacity: *bezuinigen* releases it (through attrition, in
        formatie-eenheden) as a budget reduction; *herinzetten* keeps the staff for other
        work, so only the variable costs are saved in cash and the freed FTE are shown as
        avoided hiring.
    """

    horizon_years: int = field(default_factory=lambda: int(_default("horizon_years")))
    discount_rate: float = field(default_factory=lambda: _default("discount_rate"))
    wage_indexation_share: float = field(default_factory=lambda: _default("wage_indexation_share"))
    ramps: Mapping[str, Ramp] = field(default_factory=dict)
    investments: tuple[Investment, ...] = ()
    recurring_costs: tuple[RecurringCost, ...] = ()
    staffing: StaffingSettings = field(default_factory=StaffingSettings)
    residents: ResidentCosts | None = None
    savings_basis: Literal["realisable", "theoretical"] = "realisable"
    release_mode: Literal["bezuinigen", "herinzetten"] = "bezuinigen"

    def __post_init__(self) -> None:
        _check(
            self,
            {
                "horizon_years": "horizon_years",
                "discount_rate": "discount_rate",
                "wage_indexation_share": "wage_indexation_share",
            },
            "business_case",
        )
        _whole(self, "horizon_years", "business_case")
        unknown = set(self.ramps) - set(LEVER_KEYS)
        if unknown:
            raise InputError("business_case.ramps", ", ".join(sorted(unknown)), f"levers are {', '.join(LEVER_KEYS)}")
        object.__setattr__(self, "ramps", MappingProxyType({lv: self.ramps.get(lv, Ramp()) for lv in LEVER_KEYS}))
        object.__setattr__(self, "investments", tuple(self.investments))
        object.__setattr__(self, "recurring_costs", tuple(self.recurring_costs))
        if self.savings_basis not in ("realisable", "theoretical"):
            raise InputError(
                "business_case.savings_basis",
                self.savings_basis,
                "allowed is 'realisable' or 'theoretical'",
                allowed_nl="kies realiseerbaar of theoretisch",
                label_nl="Besparingsbasis",
            )
        if self.release_mode not in ("bezuinigen", "herinzetten"):
            raise InputError(
                "business_case.release_mode",
                self.release_mode,
                "allowed is 'bezuinigen' or 'herinzetten'",
                allowed_nl="kies bezuinigen of herinzetten",
                label_nl="Vrijgespeelde capaciteit",
            )


# --------------------------------------------------------------------------------------
# staffing
# --------------------------------------------------------------------------------------
def _team_fte(
    volume: np.ndarray,
    handling_time_seconds: np.ndarray,
    chat_concurrency: np.ndarray,
    productive_hours_per_fte: np.ndarray,
    teams: tuple[Team, ...],
    staffing: StaffingSettings,
) -> np.ndarray:
    """FTE per team for volumes (..., channel); the other inputs broadcast over the leading axes."""
    hours = team_hours(
        volume,
        handling_time_seconds,
        chat_concurrency,
        teams,
        staffing.profile,
        service_level_target_share=staffing.service_level_target_share,
        answer_time_seconds=staffing.answer_time_seconds,
        max_occupancy_share=staffing.max_occupancy_share,
        patience_seconds=staffing.patience_seconds,
    )
    return hours / np.asarray(productive_hours_per_fte)[..., None]


#: The last staffing results of :func:`_team_fte_remembered`, by the exact bytes of their inputs.
_REMEMBERED: dict[tuple[object, ...], np.ndarray] = {}
_REMEMBER_AT_MOST = 8


def _team_fte_remembered(
    arrays: tuple[np.ndarray, ...], teams: tuple[Team, ...], staffing: StaffingSettings
) -> np.ndarray:
    """``_team_fte(*arrays, teams, staffing)``, remembered for inputs equal to the last bit (a copy each time).

    ``arrays``: volume, handling time [s], chat concurrency and productive hours per FTE, as for
    :func:`_team_fte`.
    """
    v, aht, k, hours = (np.asarray(x, dtype=float) for x in arrays)
    profile = staffing.profile
    key = (
        *((x.shape, x.tobytes()) for x in (v, aht, k, hours)),
        teams,
        staffing.service_level_target_share,
        staffing.answer_time_seconds,
        staffing.max_occupancy_share,
        staffing.patience_seconds,
        profile.shares,
        profile.interval_minutes,
    )
    found = _REMEMBERED.get(key)
    if found is None:
        found = _team_fte(v, aht, k, hours, teams, staffing)
        if len(_REMEMBERED) >= _REMEMBER_AT_MOST:
            del _REMEMBERED[next(iter(_REMEMBERED))]
        _REMEMBERED[key] = found
    return found.copy()


def team_fte(
    volume_per_channel: np.ndarray, cost: CostModel, staffing: StaffingSettings, population: float
) -> np.ndarray:
    """FTE needed per team for yearly volumes (..., channel) [FTE] (see :mod:`omnicalc.workforce`).

    Productive hours per FTE = gross hours x productive share (1 - shrinkage).

    Parameters
    ----------
    volume_per_channel : array
        Contacts per year per channel [contacts/year], last axis = channel.
    cost : CostModel
        Supplies handling times [s/contact], productive share [-] and chat concurrency.
    staffing : StaffingSettings
        Service level, arrival profile, teams and hours per FTE.
    population : float
        Inhabitants [inhabitants]: chooses the default teams when ``staffing.teams`` is None.

    Examples
    --------
    Erlang C on the shipped week profile (werkdagen 08:30-17:00) for 100.000 calls a year:

    >>> import numpy as np, omnicalc as oc
    >>> calls = np.zeros(len(oc.CHANNELS)); calls[oc.CHANNELS.index("telefoon")] = 100_000
    >>> round(float(team_fte(calls, oc.CostModel(), oc.StaffingSettings(), 100_000)[0]), 1)   # KCC team, 314 s
    11.3
    """
    return _team_fte(
        volume_per_channel,
        cost.array("handling_time_seconds"),
        np.asarray(cost.chat_concurrency),
        np.asarray(staffing.gross_hours_per_fte_per_year * cost.productive_share),
        staffing.teams_for(population),
        staffing,
    )


def released_fte(freed_fte: np.ndarray, fte_before: np.ndarray, staffing: StaffingSettings) -> np.ndarray:
    """FTE released per year (last axis = years) from the freed FTE of each year, per team.

    Released in year t: the capacity freed ``fte_release_lag_years`` earlier (never more than
    is freed in year t itself), at most ``attrition_share`` x the team's FTE more than the
    year before (natural attrition, no redundancy), less the expected loss of rounding to
    whole *formatie-eenheden* u. That loss is u / 2 on average: the freed capacity is not
    known to a tenth of an FTE, and for an amount X spread evenly over one unit the expected
    whole-unit release is E[floor(X / u + V)] u = max(0, X - u / 2) (V uniform on -1/2..1/2).
    Rounding every year's point estimate down instead would make the NPV jump by a unit
    times the remaining years at arbitrary adoption levels. More work than before (negative
    freed FTE) is staffed at once, without lag or rounding.

    Shapes: ``freed_fte`` (..., Y), ``fte_before`` (...).
    """
    return release_steps(freed_fte, fte_before, staffing)[2]


def release_steps(
    freed_fte: np.ndarray,
    fte_before: np.ndarray,
    staffing: StaffingSettings,
    attrition_share: np.ndarray | float | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The release rule of :func:`released_fte` step by step: (target, before rounding, released), each (..., Y).

    The Excel report writes the same three steps as formulas, so that a controller can change the lag,
    the attrition or the formatie-eenheid there. ``attrition_share`` (broadcasting over ``fte_before``)
    replaces the setting's, for the Monte Carlo draws.
    """
    freed = np.asarray(freed_fte, dtype=float)
    freed = np.where(np.abs(freed) < 1e-9, 0.0, freed)  # the same volumes summed in another order
    lag, step = staffing.fte_release_lag_years, staffing.fte_step
    attrition = staffing.attrition_share if attrition_share is None else np.asarray(attrition_share)
    per_year = attrition * np.maximum(np.asarray(fte_before, dtype=float), 0.0)
    targets, before_rounding, out = np.zeros_like(freed), np.zeros_like(freed), np.zeros_like(freed)
    released = np.zeros(freed.shape[:-1])
    for t in range(freed.shape[-1]):
        target = np.minimum(freed[..., t - lag], freed[..., t]) if t >= lag else np.minimum(freed[..., t], 0.0)
        released = np.where(target < 0, target, np.minimum(np.maximum(target, 0.0), released + per_year))
        targets[..., t], before_rounding[..., t] = target, released
        out[..., t] = np.where(released < 0, released, np.maximum(released - step / 2, 0.0))
        released = np.maximum(released, 0.0)
    return targets, before_rounding, out


# --------------------------------------------------------------------------------------
# the case, on batched arrays
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class CaseArrays:
    """Business-case inputs that may vary per draw, with the batch shape B."""

    handling_time_seconds: np.ndarray  # (B, channel)
    chat_concurrency: np.ndarray
    productive_share: np.ndarray
    discount_rate: np.ndarray
    wage_indexation_share: np.ndarray
    investment_eur: np.ndarray  # (B, investment)
    recurring_cost_eur_per_year: np.ndarray  # (B, recurring cost)
    salary_eur_per_month: np.ndarray  # (B,)
    attrition_share: np.ndarray
    friction_eur_per_fte: np.ndarray
    teams: tuple[Team, ...]  # who staffs which channel (not drawn)

    @classmethod
    def from_inputs(cls, baseline: Baseline, case: BusinessCase) -> CaseArrays:
        cost = baseline.cost
        return cls(
            cost.array("handling_time_seconds"),
            np.asarray(cost.chat_concurrency),
            np.asarray(cost.productive_share),
            np.asarray(case.discount_rate),
            np.asarray(case.wage_indexation_share),
            np.array([i.amount_eur for i in case.investments], dtype=float),
            np.array([c.amount_eur_per_year for c in case.recurring_costs], dtype=float),
            np.asarray(case.staffing.salary_eur_per_month),
            np.asarray(case.staffing.attrition_share),
            np.asarray(case.staffing.friction_eur_per_fte),
            case.staffing.teams_for(baseline.population),
        )


@dataclass(frozen=True, eq=False)
class CaseOutcome:
    """Year-by-year arrays of a business case; every array has the batch shape B in front."""

    years: np.ndarray  # (Y,) 1..horizon
    ramp: np.ndarray  # (Y, lever)
    volume_before: np.ndarray  # (B, channel, reason)
    volume_after_unique: np.ndarray  # (B, U, channel, reason): after each unique combination of ramp factors
    year_combination: np.ndarray  # (Y,): which combination each year has
    lever_saving_eur: np.ndarray  # (B, Y, lever), theoretical, indexed
    theoretical_saving_eur: np.ndarray  # (B, Y)
    variable_saving_eur: np.ndarray
    fte_before: np.ndarray  # (B, team)
    fte_after: np.ndarray  # (B, Y, team)
    fte_freed: np.ndarray  # (B, Y, team): fte_before - fte_after, continuous
    fte_released: np.ndarray  # (B, Y, team): through attrition, in formatie-eenheden, after the lag
    staff_saving_eur: np.ndarray  # (B, Y): released FTE x what one saves (bezuinigen)
    friction_cost_eur: np.ndarray  # (B, Y): frictiekosten of the FTE released that year
    double_burden_eur: np.ndarray  # (B, Y): dubbele lasten, loonkosten of FTE freed but not yet released
    redeployed_value_eur: np.ndarray  # (B, Y): freed FTE x loonkosten, avoided hiring (herinzetten), not cash
    saving_bezuinigen_eur: np.ndarray  # (B, Y): variable + staff - frictiekosten
    saving_herinzetten_eur: np.ndarray  # (B, Y): variable only; the freed FTE stay and do other work
    realisable_saving_eur: np.ndarray  # (B, Y): the one of the two the case's release_mode chooses
    savings_used_eur: np.ndarray
    investment_eur: np.ndarray  # (B,): the case's investments and the levers' one-off costs
    recurring_cost_eur: np.ndarray  # (B, Y): the case's recurring costs and the levers' running costs
    net_cash_flow_eur: np.ndarray  # (B, 1 + Y), index 0 = t = 0
    discount_factor: np.ndarray  # (B, 1 + Y)
    npv_eur: np.ndarray  # (B,)

    @property
    def volume_after(self) -> np.ndarray:
        """(B, Y, channel, reason): the volumes in each year (the Monte Carlo needs only the sums)."""
        return self.volume_after_unique[..., self.year_combination, :, :]


def case_kernel(
    m: ModelArrays, x: Mapping[str, np.ndarray], scenario: Scenario, ca: CaseArrays, case: BusinessCase
) -> CaseOutcome:
    """The business case on batched arrays: the one implementation behind :func:`run_business_case`
    and the Monte Carlo simulation.

    ``x`` holds the lever inputs by path (:func:`omnicalc.model.lever_values`, or draws of
    them). Years with the same ramp factors are evaluated once.
    """
    years = np.arange(1, case.horizon_years + 1)
    ramp = np.stack([case.ramps[k].factors(years) for k in LEVER_KEYS], axis=-1)  # (Y, L)
    first: dict[tuple[float, ...], int] = {}  # each combination of ramp factors -> its index
    which = np.array([first.setdefault(row, len(first)) for row in map(tuple, ramp.tolist())])
    combos = np.array(list(first)).reshape(len(first), ramp.shape[-1])
    v0 = segment_volumes(m, with_segments=needs_segments(scenario))
    active = active_levers(scenario, x)  # once: a ramp only scales a lever's inputs
    # every unique combination of ramp factors (U of them) in one kernel call: the ramped inputs get a
    # leading axis U, which is moved next to the years afterwards
    b = np.broadcast_shapes(m.volume.shape[:-2], *{np.asarray(a).shape for a in x.values()})
    u = len(combos)
    steps = run_levers(m, ramped(scenario, x, dict(zip(LEVER_KEYS, combos.T))), scenario, v0, active)
    costs = lever_costs(steps, m.cost_eur_per_contact)
    costs = np.moveaxis(np.broadcast_to(costs, (u, *b, costs.shape[-1])), 0, -2)  # (B, U, 1 + L)
    after_u = np.moveaxis(np.broadcast_to(steps.totals[-1], (u, *b, *m.volume.shape[-2:])), 0, -3)  # (B, U, C, R)
    running = np.moveaxis(np.broadcast_to(steps.running_cost_eur.sum(axis=-1), (u, *b)), 0, -1)  # (B, U)
    costs_y = costs[..., which, :]  # (B, Y, 1 + L)
    running_y = running[..., which]  # (B, Y)
    after_u_c = after_u.sum(axis=-1)  # (B, U, C)
    volume_before = np.broadcast_to(m.volume, after_u.shape[:-3] + m.volume.shape[-2:])
    index = (1.0 + np.asarray(ca.wage_indexation_share)[..., None]) ** (years - 1)  # (B, Y)
    lever_saving = (costs_y[..., :-1] - costs_y[..., 1:]) * index[..., None]
    theoretical = lever_saving.sum(axis=-1)
    before_c, after_c = volume_before.sum(axis=-1), after_u_c[..., which, :]  # (B, C), (B, Y, C)
    drop_c = before_c[..., None, :] - after_c
    variable = (drop_c * (m.cost_eur_per_contact * m.variable_cost_share)[..., None, :]).sum(axis=-1) * index
    st = case.staffing
    productive_hours = st.gross_hours_per_fte_per_year * np.asarray(ca.productive_share)
    staffing_inputs = (
        np.asarray(ca.handling_time_seconds)[..., None, :],
        np.asarray(ca.chat_concurrency)[..., None],
        np.asarray(productive_hours)[..., None],
    )
    # before the levers: the same for every lever setting, so remembered (a dashboard's slider moves
    # recompute only the staffing after the levers)
    fte_before = _team_fte_remembered((before_c[..., None, :], *staffing_inputs), ca.teams, st)[..., 0, :]
    fte_after = _team_fte(after_u_c, *staffing_inputs, ca.teams, st)[..., which, :]  # (B, Y, team)
    freed = fte_before[..., None, :] - fte_after  # (B, Y, T)
    attrition = np.asarray(ca.attrition_share)[..., None]  # (B, 1): per team
    released = np.moveaxis(release_steps(np.moveaxis(freed, -2, -1), fte_before, st, attrition)[2], -1, -2)  # (B, Y, T)
    released_total = released.sum(axis=-1)
    loonkosten = loonkosten_eur_per_fte(np.asarray(ca.salary_eur_per_month), st)[..., None]  # (B, 1)
    value = st.released_value(loonkosten)
    staff = released_total * value * index
    newly = np.diff(np.maximum(released_total, 0.0), axis=-1, prepend=0.0)
    friction = np.maximum(newly, 0.0) * np.asarray(ca.friction_eur_per_fte)[..., None]
    double_burden = np.maximum(freed.sum(axis=-1) - released_total, 0.0) * loonkosten * index
    redeployed = freed.sum(axis=-1) * loonkosten * index
    bezuinigen = variable + staff - friction
    herinzetten = variable
    realisable = bezuinigen if case.release_mode == "bezuinigen" else herinzetten
    used = realisable if case.savings_basis == "realisable" else theoretical
    starts = np.array([c.start_year for c in case.recurring_costs], dtype=float)
    recurring = (np.asarray(ca.recurring_cost_eur_per_year)[..., None, :] * (starts <= years[:, None])).sum(
        axis=-1
    ) + running_y  # (B, Y)
    investment = np.asarray(ca.investment_eur).sum(axis=-1)  # (B,)
    for lv, on in zip(LEVERS, active):
        if on:
            investment = investment + lv.one_off_eur(x, scenario.levers[lv.section])
    batch = np.broadcast_shapes(used.shape[:-1], np.shape(investment), recurring.shape[:-1])
    net = np.concatenate(
        [np.broadcast_to(-investment, batch)[..., None], np.broadcast_to(used - recurring, batch + used.shape[-1:])],
        axis=-1,
    )
    discount = (1.0 + np.asarray(ca.discount_rate)[..., None]) ** -np.arange(case.horizon_years + 1)
    return CaseOutcome(
        years,
        ramp,
        volume_before,
        after_u,
        which,
        lever_saving,
        theoretical,
        variable,
        fte_before,
        fte_after,
        freed,
        released,
        staff,
        friction,
        double_burden,
        redeployed,
        bezuinigen,
        herinzetten,
        realisable,
        used,
        investment,
        recurring,
        net,
        discount,
        (net * discount).sum(axis=-1),
    )


def loonkosten_eur_per_fte(salary_eur_per_month: np.ndarray | float, staffing: StaffingSettings) -> np.ndarray:
    """Salary x 12 x (1 + IKB) x (1 + employer charges) [EUR/FTE/year]; the salary may be drawn (an array)."""
    extras = (1 + staffing.salary_extras_share) * (1 + staffing.employer_charges_share)
    return np.asarray(salary_eur_per_month, dtype=float) * 12 * extras


def _fte_nl(value: float) -> str:
    """FTE in Dutch, with two decimals below 0,1 (so that 0,04 fte does not read as 0,0)."""
    return fmt.num(value, 2 if abs(value) < 0.1 else 1)


@dataclass(frozen=True)
class StaffingCheck:
    """The baseline's staffed cost in two views, to see whether they tell one story.

    ``staffing_eur``: FTE of all teams x integral cost per FTE (loonkosten with overhead);
    ``top_down_eur``: the contacts x the cost per contact without its variable part (the
    staff and overhead in it).
    """

    fte: float
    staffing_eur: float
    top_down_eur: float
    integral_eur_per_fte: float

    #: beyond this relative difference the two views disagree enough to say so
    TOLERANCE = 0.25

    @property
    def ratio(self) -> float:
        return self.staffing_eur / self.top_down_eur if self.top_down_eur > 0 else float("nan")

    @property
    def agrees(self) -> bool:
        return bool(abs(self.ratio - 1.0) <= self.TOLERANCE)

    def sentence_nl(self) -> str:
        both = (
            f"De bezetting ({fmt.num(self.fte, 1)} fte × {fmt.eur(self.integral_eur_per_fte)}) kost "
            f"{fmt.eur(self.staffing_eur)} per jaar; de kosten per contact zeggen {fmt.eur(self.top_down_eur)} "
            "(zonder het variabele deel)"
        )
        if not math.isfinite(self.ratio):
            return both + "."
        if self.agrees:
            return both + f": dat verschil ({fmt.pct(self.ratio - 1.0, 0)}) is klein genoeg."
        return (
            both + f": {fmt.pct(abs(self.ratio - 1.0), 0)} {'meer' if self.ratio > 1 else 'minder'}. "
            "Controleer de kosten per contact, de afhandeltijden of de bezetting, of kalibreer de kosten per "
            "contact op de bezetting."
        )


@dataclass(frozen=True, eq=False)
class BusinessCaseResult:
    """Year-by-year outcome of a business case; ``years`` has one row per year 0..horizon."""

    baseline: Baseline
    scenario: Scenario
    case: BusinessCase
    outcome: CaseOutcome

    timing_convention = (
        "Investeringen vallen op t = 0 (niet verdisconteerd); besparingen en jaarlijkse kosten aan "
        "het eind van elk jaar t, verdisconteerd met (1 + discontovoet)^t. Bedragen in constante "
        "prijzen (reëel)."
    )

    @cached_property
    def years(self) -> pd.DataFrame:
        o, case = self.outcome, self.case

        def with_year0(values: np.ndarray, first: float = 0.0) -> np.ndarray:
            return np.concatenate([[first], values])

        table = pd.DataFrame(index=pd.Index(np.arange(0, case.horizon_years + 1), name="year"))
        for i, lv in enumerate(LEVER_KEYS):
            table[f"ramp_{lv}"] = with_year0(o.ramp[:, i])
        table["contacts_per_year"] = with_year0(o.volume_after.sum(axis=(-2, -1)), o.volume_before.sum())
        for i, lv in enumerate(LEVER_KEYS):
            table[f"theoretical_saving_{lv}_eur"] = with_year0(o.lever_saving_eur[:, i])
        table["theoretical_saving_eur"] = with_year0(o.theoretical_saving_eur)
        table["variable_saving_eur"] = with_year0(o.variable_saving_eur)
        table["fte_workload"] = with_year0(o.fte_after.sum(axis=-1), o.fte_before.sum())
        table["fte_freed"] = with_year0(o.fte_freed.sum(axis=-1))
        table["fte_released"] = with_year0(o.fte_released.sum(axis=-1))
        table["staff_saving_eur"] = with_year0(o.staff_saving_eur)
        table["friction_cost_eur"] = with_year0(o.friction_cost_eur)
        table["double_burden_eur"] = with_year0(o.double_burden_eur)
        table["redeployed_value_eur"] = with_year0(o.redeployed_value_eur)
        table["saving_bezuinigen_eur"] = with_year0(o.saving_bezuinigen_eur)
        table["saving_herinzetten_eur"] = with_year0(o.saving_herinzetten_eur)
        table["realisable_saving_eur"] = with_year0(o.realisable_saving_eur)
        table["savings_used_eur"] = with_year0(o.savings_used_eur)
        table["investment_eur"] = with_year0(np.zeros(len(o.years)), float(o.investment_eur))
        table["recurring_cost_eur"] = with_year0(o.recurring_cost_eur)
        table["net_cash_flow_eur"] = o.net_cash_flow_eur
        table["cumulative_eur"] = np.cumsum(o.net_cash_flow_eur)
        table["discount_factor"] = o.discount_factor
        table["discounted_eur"] = o.net_cash_flow_eur * o.discount_factor
        table["cumulative_discounted_eur"] = np.cumsum(table["discounted_eur"].to_numpy())
        if case.residents is not None:
            per_contact = case.residents.eur_per_contact()
            before = o.volume_before.sum(axis=-1)
            table["resident_cost_change_eur"] = with_year0((o.volume_after.sum(axis=-1) - before) @ per_contact)
        return table

    @property
    def cash_flows_eur(self) -> np.ndarray:
        return self.outcome.net_cash_flow_eur

    @property
    def npv_eur(self) -> float:
        return float(self.outcome.npv_eur)

    @cached_property
    def irr(self) -> finance.IRR:
        return finance.irr(self.cash_flows_eur)

    @cached_property
    def payback(self) -> finance.Payback:
        return finance.payback_year(self.cash_flows_eur)

    @cached_property
    def discounted_payback(self) -> finance.Payback:
        return finance.payback_year(self.years["discounted_eur"].to_numpy())

    @cached_property
    def roi(self) -> float | None:
        y = self.years
        return finance.roi(y["savings_used_eur"].to_numpy(), (y["investment_eur"] + y["recurring_cost_eur"]).to_numpy())

    @cached_property
    def fte_per_team(self) -> pd.DataFrame:
        """FTE per team: before, after in the final year, freed and released in the final year."""
        o, teams = self.outcome, self.case.staffing.teams_for(self.baseline.population)
        return pd.DataFrame(
            {
                "label_nl": [t.label_nl for t in teams],
                "combined": [t.combined for t in teams],
                "fte_before": o.fte_before,
                "fte_after_final_year": o.fte_after[-1],
                "fte_freed_final_year": o.fte_freed[-1],
                "fte_released_final_year": o.fte_released[-1],
            },
            index=pd.Index([t.key for t in teams], name="team"),
        )

    @cached_property
    def fte_per_channel(self) -> pd.DataFrame:
        """Pure workload per channel in FTE (volume x handling time, chat / concurrency), before and in the final year.

        Teams pool channels, so the staffed FTE (:attr:`fte_per_team`) is not split per channel.
        """
        o, cost, st = self.outcome, self.baseline.cost, self.case.staffing
        productive = st.gross_hours_per_fte_per_year * cost.productive_share

        def fte(volume: np.ndarray) -> np.ndarray:
            return (
                channel_workload_hours(volume, cost.array("handling_time_seconds"), np.asarray(cost.chat_concurrency))
                / productive
            )

        return pd.DataFrame(
            {
                "label_nl": [CHANNEL_LABELS[c] for c in CHANNELS],
                "fte_before": fte(o.volume_before.sum(axis=-1)),
                "fte_after_final_year": fte(o.volume_after[-1].sum(axis=-1)),
            },
            index=pd.Index(CHANNELS, name="channel"),
        )

    @cached_property
    def staffing_check(self) -> StaffingCheck:
        """The baseline in the staffing view (team FTE x integral cost per FTE) next to the top-down view."""
        o, st, cost = self.outcome, self.case.staffing, self.baseline.cost
        fixed = cost.eur_per_contact() * (1 - cost.array("variable_cost_share"))
        return StaffingCheck(
            float(o.fte_before.sum()),
            float(o.fte_before.sum() * st.integral_eur_per_fte),
            float((o.volume_before.sum(axis=-1) * fixed).sum()),
            st.integral_eur_per_fte,
        )

    def year_lines_nl(self) -> pd.DataFrame:
        """The cash-flow lines per year, in Dutch and formatted: what the CLI, the dashboard and the PDF show.

        With *bezuinigen* the release lines (afgebouwd, personeelsbesparing, frictiekosten,
        dubbele lasten) and, beside them, what *herinzetten* would save; with *herinzetten*
        the capacity kept for other work and its avoided hiring (not cash), and beside it
        what *bezuinigen* would save.
        """
        y = self.years
        fte: Callable[[float], str] = lambda v: fmt.num(v, 1)
        if self.case.release_mode == "bezuinigen":
            mode: dict[str, tuple[str | None, Callable[[float], str]]] = {
                "Fte afgebouwd": ("fte_released", fte),
                "Personeelsbesparing": ("staff_saving_eur", fmt.eur),
                "Frictiekosten": ("friction_cost_eur", fmt.eur),
                "Dubbele lasten (niet afgetrokken)": ("double_burden_eur", fmt.eur),
                "Besparing realiseerbaar": ("realisable_saving_eur", fmt.eur),
                "Bij herinzetten": ("saving_herinzetten_eur", fmt.eur),
            }
        else:
            mode = {
                "Fte heringezet": ("fte_freed", fte),
                "Vermeden werving (geen kasstroom)": ("redeployed_value_eur", fmt.eur),
                "Besparing realiseerbaar": ("realisable_saving_eur", fmt.eur),
                "Bij bezuinigen": ("saving_bezuinigen_eur", fmt.eur),
            }
        lines: dict[str, tuple[str | None, Callable[[float], str]]] = {
            "Besparing theoretisch": ("theoretical_saving_eur", fmt.eur),
            "Variabele kosten bespaard": ("variable_saving_eur", fmt.eur),
            "Fte vrijgespeeld": ("fte_freed", fte),
            **mode,
            "Kosten": (None, fmt.eur),
            "Netto kasstroom": ("net_cash_flow_eur", fmt.eur),
            "Cumulatief": ("cumulative_eur", fmt.eur),
            "Contante waarde": ("discounted_eur", fmt.eur),
        }
        cost = y["investment_eur"] + y["recurring_cost_eur"]
        return pd.DataFrame(
            {label: [show(v) for v in (y[col] if col else cost)] for label, (col, show) in lines.items()},
            index=pd.Index(y.index, name="Jaar"),
        )

    def calibrated_top_down_eur_per_contact(self) -> dict[str, float]:
        """Top-down costs per contact that tell the staffing view's story: the fixed part of every
        channel's cost per contact scaled by staffing / top-down, the variable part kept."""
        cost, ratio = self.baseline.cost, self.staffing_check.ratio
        cpc, var = cost.eur_per_contact(), cost.array("variable_cost_share")
        scaled = cpc * var + cpc * (1 - var) * (ratio if math.isfinite(ratio) else 1.0)
        return {c: round(float(v), 2) for c, v in zip(CHANNELS, scaled)}

    def release_sentence_nl(self) -> str:
        """One Dutch sentence: why the realisable saving differs from the theoretical one."""
        y, case, st = self.years, self.case, self.case.staffing
        freed = float(y["fte_freed"].iloc[-1])
        above = [int(t) for t in y.index[y["realisable_saving_eur"] > y["theoretical_saving_eur"] + 0.5]]
        warning = (
            f" Let op: in jaar {above[0]}{'–' + str(above[-1]) if len(above) > 1 else ''} ligt de realiseerbare "
            "besparing boven de theoretische: een afgebouwde fte bespaart meer dan de kosten per contact aangeven. "
            "Controleer de kosten per contact, de loonkosten of de overhead."
            if above
            else ""
        )
        if case.release_mode == "herinzetten":
            return (
                f"{_fte_nl(freed)} fte vrijgespeeld en heringezet voor ander werk (vermeden werving "
                f"{fmt.eur(float(y['redeployed_value_eur'].iloc[-1]))} per jaar, geen kasstroom); alleen de "
                "variabele kosten tellen als besparing." + warning
            )
        rel = y["fte_released"].to_numpy()
        released = float(rel[-1])
        if freed <= 0:
            return "Geen capaciteit vrijgespeeld: alleen de variabele kosten vallen weg." + warning
        rule = (
            f"na {st.fte_release_lag_years} jaar, binnen het natuurlijk verloop van {fmt.pct(st.attrition_share, 1)} "
            f"per jaar en in formatie-eenheden van {fmt.num(st.fte_step, 1)} fte; gemiddeld gaat een halve eenheid "
            "per team verloren aan afronding"
        )
        if released <= 0:
            return (
                f"{_fte_nl(freed)} fte vrijgespeeld, maar niets afgebouwd {rule}: alleen de variabele kosten "
                "vallen weg." + warning
            )
        growing = [t for t in range(1, len(rel)) if rel[t] > rel[t - 1] + 1e-9]
        when = f"jaar {growing[0]}" + (f"–{growing[-1]}" if len(growing) > 1 else "")
        return (
            f"{_fte_nl(freed)} fte vrijgespeeld, {_fte_nl(released)} fte afgebouwd in {when} ({rule}); elke "
            f"afgebouwde fte bespaart {fmt.eur(st.released_value_eur_per_fte)} aan loonkosten"
            + (" met overhead" if st.overhead_variable else ", de overhead blijft")
            + "."
            + warning
        )

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """KPIs after the Tilburg omnichannel business case, per year (year 0 = baseline):
        :func:`omnicalc.kpis.kpi_table` (one formula per KPI)."""
        o = self.outcome
        volumes = np.concatenate([o.volume_before[None], o.volume_after])  # (1 + Y, C, R)
        table = kpi_table(volumes, self.baseline.cost.eur_per_contact(), self.baseline.population)
        table.index = pd.Index(np.arange(len(table)), name="year")
        return table

    def summary(self) -> pd.Series:
        return pd.Series(
            {
                "npv_eur": self.npv_eur,
                "irr": self.irr.rate,
                "payback_year": self.payback.year,
                "discounted_payback_year": self.discounted_payback.year,
                "roi": self.roi,
                "theoretical_saving_eur": self.years["theoretical_saving_eur"].sum(),
                "realisable_saving_eur": self.years["realisable_saving_eur"].sum(),
                "fte_freed_final_year": self.years["fte_freed"].iloc[-1],
                "fte_released_final_year": self.years["fte_released"].iloc[-1],
            },
            dtype=object,
        )


def run_business_case(baseline: Baseline, scenario: Scenario, case: BusinessCase | None = None) -> BusinessCaseResult:
    """Evaluate ``scenario`` on ``baseline`` over the years of ``case`` (see the module docstring).


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    scenario : Scenario
        The levers at full effect; the ramps of ``case`` phase them in.
    case : BusinessCase or None
        Horizon, costs, ramps and staffing; None: the defaults.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> bc = oc.run_business_case(base, oc.Scenario(status_portal=oc.StatusPortal(1, 1, 0)),
    ...                           oc.BusinessCase(horizon_years=3, investments=(oc.Investment("portaal", 200_000),)))
    >>> float(bc.years["net_cash_flow_eur"].iloc[0])
    -200000.0
    """
    case = case or BusinessCase()
    outcome = case_kernel(
        ModelArrays.from_baseline(baseline),
        lever_values(scenario),
        scenario,
        CaseArrays.from_inputs(baseline, case),
        case,
    )
    return BusinessCaseResult(baseline, scenario, case, outcome)


__all__ = [
    "ASSET_KINDS",
    "ArrivalProfile",
    "BusinessCase",
    "BusinessCaseResult",
    "CaseArrays",
    "CaseOutcome",
    "Investment",
    "Ramp",
    "RecurringCost",
    "ResidentCosts",
    "StaffingCheck",
    "StaffingSettings",
    "Team",
    "WEEKS_PER_YEAR",
    "case_kernel",
    "released_fte",
    "resident_cost_per_segment",
    "resident_cost_sentence_nl",
    "run_business_case",
    "team_fte",
]
