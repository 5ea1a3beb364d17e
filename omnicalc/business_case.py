"""Multi-year business case: adoption ramps, staffing in whole FTE steps, cash flows, NPV/IRR/payback.

Timing convention: one-off investments fall at t = 0 (today, not discounted); savings and
recurring costs of year t fall at the end of year t and are discounted by
``(1 + discount_rate) ** t``. All amounts are in constant prices (real), matching the
real discount rate (default 2.25%, the Dutch standard for social cost-benefit analysis);
``wage_indexation_share`` is wage growth above inflation and scales the savings.

Two savings lines, side by side:

- theoretical (*theoretisch*): every avoided contact saves its full cost per contact;
- realisable (*realiseerbaar*): the variable part of the cost per contact at once, plus
  staff cost only where whole FTE steps are released, one release lag later; never more
  than the theoretical line. (The staff part comes from the Erlang C staffing, the
  theoretical line from the cost per contact; where the staffing is dearer than the cost
  per contact says, e.g. a small team with top-down figures, the realisable line is capped
  and ``realisable_capped`` says so: check the cost per contact or use bottom-up.)

The cash flow uses ``savings_basis`` (default: realisable), because a case that counts
fixed staff cost as variable pays back on paper only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from numbers import Real
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from . import finance, limits, params
from .domain import ASSISTED_MASK, CHANNEL_LABELS, CHANNELS, CONCURRENT_MASK, ERLANG_CHANNELS, STATUS
from .erlang import required_agents
from .errors import InputError
from .levers import LEVER_KEYS, LEVERS
from .model import (
    Baseline,
    CostModel,
    ModelArrays,
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

#: Calendar weeks per year (a definition, not an assumption).
WEEKS_PER_YEAR = 52
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


@dataclass(frozen=True)
class Investment:
    """A one-off cost at t = 0 [EUR].

    Parameters
    ----------
    label : str
        Shown in reports.
    amount_eur : float
        One-off amount at t = 0 [EUR], at least 0.
    """

    label: str
    amount_eur: float

    def __post_init__(self) -> None:
        limits.text(self.label, "investment.label", label_nl="Omschrijving investering")
        _check(self, {"amount_eur": "investment_eur"}, f"investment '{self.label}'")


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


def _check_interval(interval_minutes: object) -> None:
    ok = isinstance(interval_minutes, Real) and not isinstance(interval_minutes, bool)
    if not (ok and 5 <= interval_minutes <= 120):  # type: ignore[operator]
        raise InputError(
            "arrival_profile.interval_minutes",
            interval_minutes,
            "allowed is 5 to 120 minutes",
            allowed_nl="toegestaan is 5 tot en met 120 minuten",
            label_nl="Intervallengte",
        )


@dataclass(frozen=True, eq=False)
class ArrivalProfile:
    """Share of a week's contacts per interval (adding up to 1), for phone and chat staffing.

    Parameters
    ----------
    shares : tuple of float
        Share of the week's contacts per interval [-]; sums to 1.
    interval_minutes : float
        Length of one interval [min].
    """

    shares: tuple[float, ...]
    interval_minutes: float = 30.0

    def __post_init__(self) -> None:
        try:
            shares = np.asarray(self.shares, dtype=float)
        except (TypeError, ValueError):
            shares = np.array([np.nan])
        if (
            shares.ndim != 1
            or len(shares) == 0
            or not np.isfinite(shares).all()
            or (shares < 0).any()
            or abs(shares.sum() - 1.0) > 1e-6
        ):
            raise InputError(
                "arrival_profile.shares",
                "…",
                "non-negative shares per interval adding up to 1",
                allowed_nl="niet-negatieve aandelen per interval die samen 100% zijn",
                label_nl="Weekprofiel",
            )
        _check_interval(self.interval_minutes)
        object.__setattr__(self, "shares", tuple(shares.tolist()))

    @cached_property
    def distinct_shares(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct interval shares and how many intervals have each (a flat profile: one share)."""
        return np.unique(np.array(self.shares), return_counts=True)

    @classmethod
    def flat(cls, hours_per_week: float | None = None, interval_minutes: float = 30.0) -> ArrivalProfile:
        """Contacts spread evenly over the opening hours (default: the shipped 40 hours a week)."""
        hours = params.SPECS["office_hours_per_week"].check(
            _default("office_hours_per_week") if hours_per_week is None else hours_per_week, "office_hours_per_week"
        )
        _check_interval(interval_minutes)  # before the list of intervals is built
        n = max(1, round(hours * 60 / interval_minutes))
        return cls(tuple([1.0 / n] * n), interval_minutes)


@dataclass(frozen=True, eq=False)
class StaffingSettings:
    """Service level, arrival profile and how staff is released.

    Parameters
    ----------
    service_level_target_share : float
        Share of calls and chats answered within ``answer_time_seconds`` [-], 0-1.
    answer_time_seconds : float
        The service-level time [s] (VNG norm: 25).
    max_occupancy_share : float
        Highest allowed occupancy of agents [-], 0-1.
    profile : ArrivalProfile
        How a week's contacts spread over the intervals.
    gross_hours_per_fte_per_year : float
        Paid hours of one FTE in a year [hours/FTE/year].
    fte_step : float
        Staff is released in whole steps of this size [FTE].
    fte_release_lag_years : int
        Years between a workload drop and the release of staff [years].
    """

    service_level_target_share: float = field(default_factory=lambda: _default("service_level_target_share"))
    answer_time_seconds: float = field(default_factory=lambda: _default("answer_time_seconds"))
    max_occupancy_share: float = field(default_factory=lambda: _default("max_occupancy_share"))
    profile: ArrivalProfile = field(default_factory=ArrivalProfile.flat)
    gross_hours_per_fte_per_year: float = field(default_factory=lambda: _default("gross_hours_per_fte_per_year"))
    fte_step: float = field(default_factory=lambda: _default("fte_step"))
    fte_release_lag_years: int = field(default_factory=lambda: int(_default("fte_release_lag_years")))

    def __post_init__(self) -> None:
        _check(
            self,
            {
                k: k
                for k in (
                    "service_level_target_share",
                    "answer_time_seconds",
                    "max_occupancy_share",
                    "gross_hours_per_fte_per_year",
                    "fte_step",
                    "fte_release_lag_years",
                )
            },
            "staffing",
        )
        _whole(self, "fte_release_lag_years", "staffing")


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


# --------------------------------------------------------------------------------------
# staffing
# --------------------------------------------------------------------------------------
def _workload_fte(
    volume: np.ndarray,
    handling_time_seconds: np.ndarray,
    chat_concurrency: np.ndarray,
    productive_hours_per_fte: np.ndarray,
    staffing: StaffingSettings,
) -> np.ndarray:
    """FTE per channel for volumes (..., channel); the other inputs broadcast over the leading axes."""
    v = np.asarray(volume, dtype=float)
    handling = np.asarray(handling_time_seconds, dtype=float)
    hours = v * handling / 3600.0
    shares, counts = staffing.profile.distinct_shares  # intervals with the same share need the same agents
    interval_s = staffing.profile.interval_minutes * 60.0
    for channel in ERLANG_CHANNELS:
        i = CHANNELS.index(channel)
        calls = v[..., i, None] / WEEKS_PER_YEAR * shares  # (..., unique intervals)
        concurrency = np.asarray(chat_concurrency)[..., None] if CONCURRENT_MASK[i] else 1.0
        agents = required_agents(
            calls,
            handling[..., i, None],
            interval_s,
            service_level_target_share=staffing.service_level_target_share,
            answer_time_seconds=staffing.answer_time_seconds,
            max_occupancy_share=staffing.max_occupancy_share,
            concurrency=concurrency,
        ).agents
        hours[..., i] = (agents * counts).sum(axis=-1) * interval_s / 3600.0 * WEEKS_PER_YEAR
    return hours / np.asarray(productive_hours_per_fte)[..., None]


def workload_fte(volume_per_channel: np.ndarray, cost: CostModel, staffing: StaffingSettings) -> np.ndarray:
    """FTE needed per channel for yearly volumes (..., channel) [FTE].

    Phone and chat: Erlang C per interval of the weekly arrival profile to the service
    level (chat with concurrency); agent hours / productive hours per FTE. Other channels:
    volume x handling time / productive hours per FTE. Productive hours per FTE = gross
    hours x productive share (1 - shrinkage).


    Parameters
    ----------
    volume_per_channel : array
        Contacts per year per channel [contacts/year], last axis = channel.
    cost : CostModel
        Supplies handling times [s/contact], productive share [-] and chat concurrency.
    staffing : StaffingSettings
        Service level, arrival profile and hours per FTE.

    Examples
    --------
    >>> import numpy as np, omnicalc as oc
    >>> calls = np.zeros(len(oc.CHANNELS)); calls[oc.CHANNELS.index("telefoon")] = 100_000
    >>> round(float(workload_fte(calls, oc.CostModel(), oc.StaffingSettings())[1]), 1)   # phone FTE
    12.0
    """
    return _workload_fte(
        volume_per_channel,
        cost.array("handling_time_seconds"),
        np.asarray(cost.chat_concurrency),
        np.asarray(staffing.gross_hours_per_fte_per_year * cost.productive_share),
        staffing,
    )


def released_fte(drop_fte: np.ndarray, step: float, lag_years: int) -> np.ndarray:
    """FTE released per year (last axis): the workload drop of ``lag_years`` earlier, in whole steps,
    never more than the drop of the year itself."""
    drop = np.maximum(np.asarray(drop_fte, dtype=float), 0.0)
    lag = min(lag_years, drop.shape[-1])
    lagged = np.concatenate([np.zeros(drop.shape[:-1] + (lag,)), drop[..., : drop.shape[-1] - lag]], axis=-1)
    return np.floor(np.minimum(lagged, drop) / step + 1e-9) * step


# --------------------------------------------------------------------------------------
# the case, on batched arrays
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class CaseArrays:
    """Business-case inputs that may vary per draw, with the batch shape B."""

    handling_time_seconds: np.ndarray  # (B, channel)
    chat_concurrency: np.ndarray
    productive_share: np.ndarray
    loaded_hourly_rate_eur: np.ndarray
    discount_rate: np.ndarray
    wage_indexation_share: np.ndarray
    investment_eur: np.ndarray  # (B, investment)
    recurring_cost_eur_per_year: np.ndarray  # (B, recurring cost)

    @classmethod
    def from_inputs(cls, cost: CostModel, case: BusinessCase) -> CaseArrays:
        return cls(
            cost.array("handling_time_seconds"),
            np.asarray(cost.chat_concurrency),
            np.asarray(cost.productive_share),
            np.asarray(cost.loaded_hourly_rate_eur),
            np.asarray(case.discount_rate),
            np.asarray(case.wage_indexation_share),
            np.array([i.amount_eur for i in case.investments], dtype=float),
            np.array([c.amount_eur_per_year for c in case.recurring_costs], dtype=float),
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
    fte_before: np.ndarray  # (B, channel)
    fte_after: np.ndarray  # (B, Y, channel)
    fte_drop: np.ndarray  # (B, Y)
    fte_released: np.ndarray
    staff_saving_eur: np.ndarray
    realisable_saving_eur: np.ndarray
    realisable_capped: np.ndarray  # (B, Y) bool: variable + staff was above the theoretical saving
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
    productive_hours = case.staffing.gross_hours_per_fte_per_year * np.asarray(ca.productive_share)
    fte = _workload_fte(
        np.concatenate([before_c[..., None, :], after_u_c], axis=-2),
        np.asarray(ca.handling_time_seconds)[..., None, :],
        np.asarray(ca.chat_concurrency)[..., None],
        np.asarray(productive_hours)[..., None],
        case.staffing,
    )  # (B, 1 + unique ramp combinations, C)
    fte_before, fte_after = fte[..., 0, :], fte[..., 1:, :][..., which, :]
    drop = fte_before.sum(axis=-1)[..., None] - fte_after.sum(axis=-1)
    released = released_fte(drop, case.staffing.fte_step, case.staffing.fte_release_lag_years)
    cost_per_fte = np.asarray(ca.loaded_hourly_rate_eur) * case.staffing.gross_hours_per_fte_per_year
    staff = released * np.asarray(cost_per_fte)[..., None] * index
    uncapped = variable + staff
    realisable = np.minimum(uncapped, theoretical)
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
        drop,
        released,
        staff,
        realisable,
        uncapped > theoretical + 0.005,
        used,
        investment,
        recurring,
        net,
        discount,
        (net * discount).sum(axis=-1),
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
        table["fte_drop"] = with_year0(o.fte_drop)
        table["fte_released"] = with_year0(o.fte_released)
        table["staff_saving_eur"] = with_year0(o.staff_saving_eur)
        table["realisable_saving_eur"] = with_year0(o.realisable_saving_eur)
        table["realisable_capped"] = np.concatenate([[False], o.realisable_capped])
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
    def fte_per_channel(self) -> pd.DataFrame:
        o = self.outcome
        return pd.DataFrame(
            {
                "label_nl": [CHANNEL_LABELS[c] for c in CHANNELS],
                "fte_before": o.fte_before,
                "fte_after_final_year": o.fte_after[-1],
            },
            index=pd.Index(CHANNELS, name="channel"),
        )

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """KPIs after the Tilburg omnichannel business case, per year (year 0 = baseline)."""
        o = self.outcome
        volumes = np.concatenate([o.volume_before[None], o.volume_after])  # (1 + Y, C, R)
        contacts = volumes.sum(axis=(-2, -1))
        cpc = self.baseline.cost.eur_per_contact()
        with np.errstate(divide="ignore", invalid="ignore"):

            def share(part: np.ndarray) -> np.ndarray:
                return np.where(contacts > 0, part / np.where(contacts > 0, contacts, 1.0), 0.0)

            table = pd.DataFrame(
                {
                    "contacts_per_year": contacts,
                    "integral_cost_eur_per_contact": share((volumes.sum(axis=-1) * cpc).sum(axis=-1)),
                    "self_service_share": share(volumes[:, ~_ASSISTED].sum(axis=(-2, -1))),
                    "contacts_per_inhabitant_per_year": contacts / self.baseline.population,
                    "status_question_share": share(volumes[:, :, STATUS].sum(axis=-1)),
                },
                index=pd.Index(np.arange(len(contacts)), name="year"),
            )
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
        CaseArrays.from_inputs(baseline.cost, case),
        case,
    )
    return BusinessCaseResult(baseline, scenario, case, outcome)


__all__ = [
    "ArrivalProfile",
    "BusinessCase",
    "BusinessCaseResult",
    "CaseArrays",
    "CaseOutcome",
    "Investment",
    "Ramp",
    "RecurringCost",
    "ResidentCosts",
    "StaffingSettings",
    "WEEKS_PER_YEAR",
    "case_kernel",
    "released_fte",
    "run_business_case",
    "workload_fte",
]
