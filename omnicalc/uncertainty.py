"""Uncertainty: ranges on inputs, Monte Carlo over them, and a tornado of one-at-a-time swings.

Every uncertain input has a path (its address in the scenario file, see
:mod:`omnicalc.inputs`) and low / base / high. By default the base is the value in the
baseline or scenario and the range has the relative width of the shipped default's range
(e.g. phone cost EUR 12 with range EUR 9-31 gives a user's EUR 14 the range EUR 10.50-36.17,
clipped to the parameter's hard bounds); a :class:`Range` given by the user replaces it.
Lever settings that are residents' behaviour (reach, adoption and residual contact of a portal,
the reduction of repeat contacts, the share a channel shift really moves: each lever's
``behaviour``) get the relative range of their declared default in the same way; the other
lever settings (investments, message costs) are decisions and get a range only when the user
gives one.

Draws are PERT (a beta distribution on low-high with the base as mode, weight 4) or
triangular, from a seeded ``numpy.random.Generator``; the seed is part of the result. Draws
replace inputs by path (:func:`omnicalc.inputs.kernel_inputs`) and all of them are
evaluated in one batched call of the same business-case kernel as a single evaluation (in chunks, with an optional
progress callback), so 10,000 draws cost about as much as a handful of single runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from . import fmt, limits, params
from .business_case import BusinessCase, case_kernel
from .domain import CHANNELS, SEGMENTS
from .errors import InputError
from .finance import Payback, nothing_to_pay_back, payback_sentence_nl, payback_years
from .inputs import kernel_inputs, resolve
from .levers import LEVERS
from .model import (
    Baseline,
    ModelArrays,
    Scenario,
    active_levers,
    default_offered,
    lever_costs,
    lever_values,
    needs_segments,
    offer_channels,
    run_levers,
    segment_volumes,
)

Distribution = Literal["pert", "triangular"]
Progress = Callable[[int, int], None]
DEFAULT_SEED = 20_261_122


@dataclass(frozen=True)
class Range:
    """Low / base / high of one input, in the input's own unit.

    Parameters
    ----------
    low : float
        Lowest value [unit of the input it describes].
    base : float
        Central value [unit of the input]; low <= base <= high.
    high : float
        Highest value [unit of the input].
    """

    low: float
    base: float
    high: float

    def __post_init__(self) -> None:
        values = (self.low, self.base, self.high)
        if not all(np.isfinite(v) for v in values) or not self.low <= self.base <= self.high:
            raise InputError(
                "range",
                values,
                "low <= base <= high, all finite",
                allowed_nl="laag <= basis <= hoog",
                label_nl="Bandbreedte",
            )


@dataclass(frozen=True)
class UncertainInput:
    """One input of the model with its range and where it comes from."""

    name: str
    label_nl: str
    range: Range
    unit: str
    percent: bool = False

    def draw(self, n: int, rng: np.random.Generator, distribution: Distribution) -> np.ndarray:
        lo, mode, hi = self.range.low, self.range.base, self.range.high
        if hi <= lo:
            return np.full(n, mode)
        if distribution == "triangular":
            return rng.triangular(lo, mode, hi, size=n)
        c = (mode - lo) / (hi - lo)
        return lo + (hi - lo) * rng.beta(1 + 4 * c, 1 + 4 * (1 - c), size=n)

    def mean(self, distribution: Distribution) -> float:
        """The analytic mean of the distribution."""
        lo, mode, hi = self.range.low, self.range.base, self.range.high
        return (lo + mode + hi) / 3 if distribution == "triangular" else (lo + 4 * mode + hi) / 6


def _relative(parameter: str, base: float, *, channel: str = "", reason: str = "", segment: str = "") -> Range:
    """The default's relative range around ``base``, clipped to the parameter's hard bounds."""
    spec = params.SPECS[parameter]
    d = {
        w: params.default_value(parameter, channel=channel, reason=reason, segment=segment, which=w)
        for w in ("low", "value", "high")
    }
    if d["value"] == 0:
        lo, hi = base + d["low"], base + d["high"]
    else:
        lo, hi = base * d["low"] / d["value"], base * d["high"] / d["value"]
    return Range(max(spec.hard_min, min(lo, base)), base, min(spec.hard_max, max(hi, base)))


def uncertain_inputs(
    baseline: Baseline,
    scenario: Scenario,
    case: BusinessCase,
    ranges: Mapping[str, Range] | None = None,
    only: Sequence[str] | None = None,
) -> list[UncertainInput]:
    """Every uncertain input of this case by path, with its range (user ranges override the defaults).

    By default, per channel in use: ``cost.top_down_eur_per_contact.<channel>`` (top-down
    method only), ``cost.handling_time_seconds.<channel>`` (staff, and cost with the
    bottom-up method), ``baseline.volume_factor.<channel>`` (only for volumes estimated from
    population), ``baseline.repeat_contact_share.<channel>``,
    ``cost.variable_cost_share.<channel>``; further ``cost.loaded_hourly_rate_eur``,
    ``cost.productive_share``, ``baseline.status_question_factor`` (each channel's status
    share times it), ``segments.assisted_floor_share.<segment>`` (when a lever needs the
    segments), ``business_case.discount_rate``, the staffing inputs (salary, attrition,
    frictiekosten) and the behaviour of each lever in use (``status_portal.adoption_share``,
    ``channel_shifts[0].share`` ...: each lever's ``behaviour``, a range only when the value is
    above 0). Any other input path (see :func:`omnicalc.inputs.resolve`) gets a range when the
    user gives one: investments
    (``business_case.investments[0].amount_eur``), overheads and so on. ``only`` keeps the
    named inputs and fixes the rest.


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    scenario : Scenario
        The levers (a lever's own setting is uncertain only if it is in use).
    case : BusinessCase
        The multi-year frame.
    ranges : mapping of str to Range or None
        Ranges that replace the shipped ones, by path.
    only : sequence of str or None
        Keep only these inputs.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> [u.name for u in uncertain_inputs(base, oc.Scenario(), oc.BusinessCase())][:2]
    ['cost.top_down_eur_per_contact.telefoon', 'cost.handling_time_seconds.telefoon']
    """
    ranges = dict(ranges or {})
    cost = baseline.cost
    out: list[UncertainInput] = []

    def add(path: str, default: Range | None) -> None:
        r = ranges.pop(path, default)
        if r is None:
            return
        a = resolve(path, scenario)
        for v in (r.low, r.high):
            a.spec.check(v, path, warn=False)
        out.append(UncertainInput(path, a.label_nl, r, a.spec.unit, a.spec.percent))

    used = baseline.volume_per_year.sum(axis=1) > 0
    for i, c in enumerate(CHANNELS):
        if not used[i]:
            continue
        if cost.method == "top_down":
            add(
                f"cost.top_down_eur_per_contact.{c}",
                _relative("cost_eur_per_contact", cost.top_down_eur_per_contact[c], channel=c),
            )
        add(
            f"cost.handling_time_seconds.{c}",
            _relative("handling_time_seconds", cost.handling_time_seconds[c], channel=c),
        )
        if baseline.volume_estimated:
            rate = params.default_value("contacts_per_inhabitant_per_year", channel=c)
            lo = params.default_value("contacts_per_inhabitant_per_year", channel=c, which="low")
            hi = params.default_value("contacts_per_inhabitant_per_year", channel=c, which="high")
            add(f"baseline.volume_factor.{c}", Range(lo / rate, 1.0, hi / rate) if rate > 0 else None)
        add(
            f"baseline.repeat_contact_share.{c}",
            _relative("repeat_contact_share", baseline.repeat_contact_share[c], channel=c),
        )
        add(
            f"cost.variable_cost_share.{c}",
            _relative("variable_cost_share", cost.variable_cost_share[c], channel=c),
        )
    if cost.method == "bottom_up":  # the rate is in the bottom-up cost per contact only
        add("cost.loaded_hourly_rate_eur", _relative("loaded_hourly_rate_eur", cost.loaded_hourly_rate_eur))
    add("cost.productive_share", _relative("productive_share", cost.productive_share))
    phone_status = params.default_value("reason_share", channel="telefoon", reason="statusvraag")
    add(
        "baseline.status_question_factor",
        Range(
            *(
                params.default_value("reason_share", channel="telefoon", reason="statusvraag", which=w) / phone_status
                for w in ("low", "value", "high")
            )
        ),
    )
    if needs_segments(scenario):
        for s in SEGMENTS:
            add(
                f"segments.assisted_floor_share.{s}",
                _relative("assisted_floor_share", baseline.segments.assisted_floor_share[s], segment=s),
            )
    add("business_case.discount_rate", _relative("discount_rate", case.discount_rate))
    st = case.staffing
    add(
        "business_case.staffing.salary_eur_per_month",
        _relative("salary_eur_per_month", st.salary_eur_per_month),
    )
    add("business_case.staffing.attrition_share", _relative("attrition_share", st.attrition_share))
    add("business_case.staffing.friction_eur_per_fte", _relative("friction_eur_per_fte", st.friction_eur_per_fte))
    values = lever_values(scenario)
    for lv, on in zip(LEVERS, active_levers(scenario, values)):
        for item in lv.behaviour_inputs(scenario.levers[lv.section]) if on else ():
            if item.value > 0:
                add(item.path, _relative(item.spec, item.value))
    for path in list(ranges):  # every other input the user gives a range for
        add(path, None)
    if only is not None:
        unknown = set(only) - {u.name for u in out}
        if unknown:
            raise InputError(
                "only",
                ", ".join(sorted(unknown)),
                "unknown uncertain input(s); known: " + ", ".join(u.name for u in out),
                allowed_nl="onbekende onzekere invoer",
                label_nl="Onzekere invoer",
            )
        out = [u for u in out if u.name in only]
    return out


# --------------------------------------------------------------------------------------
# Monte Carlo
# --------------------------------------------------------------------------------------
#: How band_nl writes an output's numbers (default: euros).
_BAND_FORMAT: dict[str, Callable[[float], str]] = {
    "fte_released": lambda v: f"{fmt.num(v, 1)} fte",
    "fte_freed": lambda v: f"{fmt.num(v, 1)} fte",
    "roi": lambda v: fmt.pct(v),
}


@dataclass(frozen=True, eq=False)
class Simulation:
    """Monte Carlo outcome: the draws of the inputs and of the outputs, and their percentiles."""

    inputs: tuple[UncertainInput, ...]
    distribution: Distribution
    seed: int
    input_draws: pd.DataFrame  # one column per input
    npv_eur: np.ndarray  # (draws,)
    yearly_saving_eur: np.ndarray  # savings used in the final year (full effect), (draws,)
    theoretical_saving_eur: np.ndarray  # theoretical saving in the final year, (draws,)
    payback_year: np.ndarray  # (draws,), meaningful where paid_back
    paid_back: np.ndarray  # (draws,) bool
    horizon_years: int
    net_cash_flow_eur: np.ndarray  # (draws, 1 + horizon)
    fte_released: np.ndarray  # final year, all teams (bezuinigen), (draws,)
    fte_freed: np.ndarray  # final year, all teams, (draws,)
    roi: np.ndarray  # (draws,): (savings - costs) / costs over the horizon; NaN without costs

    @property
    def draws(self) -> int:
        return len(self.npv_eur)

    @cached_property
    def nothing_to_pay_back(self) -> np.ndarray:
        """(draws,) bool: the draw's cumulative cash flow is never below zero, so there is nothing to pay back."""
        return nothing_to_pay_back(self.net_cash_flow_eur)

    @property
    def probability_of_payback(self) -> float | None:
        """Share of the draws with something to pay back that pay back within the horizon.

        Each draw uses the same definition as the deterministic case (:func:`omnicalc.finance.payback_years`
        on its net cash flow). A draw with nothing to pay back (no investment, no costs) is not a payback:
        it is left out of the share, and when no draw has anything to pay back the probability is
        undefined (None, shown as "n.v.t.").
        """
        relevant = ~self.nothing_to_pay_back
        if not relevant.any():
            return None
        return float(self.paid_back[relevant].mean())

    @property
    def probability_of_payback_nl(self) -> str:
        """The probability as Dutch text: "69%", or "n.v.t." when there is nothing to pay back."""
        p = self.probability_of_payback
        return "n.v.t." if p is None else fmt.pct(p, 0)

    def payback_sentence_nl(self, payback: Payback) -> str:
        """The one Dutch sentence on payback of the deterministic ``payback`` with this simulation."""
        return payback_sentence_nl(
            payback, self.horizon_years, self.probability_of_payback, float(self.nothing_to_pay_back.mean())
        )

    @cached_property
    def percentiles(self) -> pd.DataFrame:
        """P10 / P50 / P90 and mean of NPV, yearly saving (final year) and theoretical saving [EUR], FTE released
        and freed in the final year [FTE] and ROI [-] (over the draws with costs; NaN when none has)."""
        q = [0.10, 0.50, 0.90]
        roi = self.roi[np.isfinite(self.roi)]
        rows = {
            name: [*np.quantile(values, q), float(values.mean())] if len(values) else [np.nan] * 4
            for name, values in (
                ("npv_eur", self.npv_eur),
                ("yearly_saving_eur", self.yearly_saving_eur),
                ("theoretical_saving_eur", self.theoretical_saving_eur),
                ("fte_released", self.fte_released),
                ("fte_freed", self.fte_freed),
                ("roi", roi),
            )
        }
        return pd.DataFrame(rows, index=["P10", "P50", "P90", "mean"]).T

    def rank(self, output: str, value: float) -> int:
        """Where ``value`` lies among the draws of ``output`` (``npv_eur``, ``yearly_saving_eur``,
        ``theoretical_saving_eur``): the percentage of draws at or below it, 0-100 (the "47" of "P47").

        Ties count half, so a value equal to every draw (no uncertainty) lies at P50.
        """
        x = np.asarray(getattr(self, output), dtype=float)
        x = x[np.isfinite(x)]
        if not len(x):
            return 50
        below = np.count_nonzero(x < value) + 0.5 * np.count_nonzero(x == value)
        return int(round(100.0 * below / len(x)))

    def band_nl(self, output: str, value: float) -> str:
        """The band of ``output`` and where ``value`` lies in it, in Dutch:
        "P10 € 1.234 – P90 € 5.678; deze raming ligt op P47" (FTE in fte, ROI in %)."""
        p = self.percentiles.loc[output]
        if not np.isfinite(p["P10"]):
            return "geen bandbreedte (geen kosten ingevuld)"
        say = _BAND_FORMAT.get(output, fmt.eur)
        return f"P10 {say(p['P10'])} – P90 {say(p['P90'])}; deze raming ligt op P{self.rank(output, value)}"

    @cached_property
    def cumulative_percentiles(self) -> pd.DataFrame:
        """P10 / P50 / P90 of the cumulative net cash flow per year [EUR] (year 0 = the investment)."""
        q = np.quantile(np.cumsum(self.net_cash_flow_eur, axis=1), [0.10, 0.50, 0.90], axis=0)
        return pd.DataFrame(
            q.T, columns=["P10", "P50", "P90"], index=pd.Index(np.arange(self.net_cash_flow_eur.shape[1]), name="year")
        )

    @cached_property
    def payback_percentiles(self) -> dict[str, Payback]:
        """P10 / P50 / P90 of the payback year among the draws with something to pay back; draws without
        payback count as later than any year, so a percentile among them says "not within the horizon".
        When no draw has anything to pay back, each percentile says so (:meth:`Payback.nothing`)."""
        relevant = ~self.nothing_to_pay_back
        if not relevant.any():
            return {label: Payback.nothing() for label in ("P10", "P50", "P90")}
        ordered = np.sort(np.where(self.paid_back, self.payback_year, np.inf)[relevant])
        out = {}
        for label, p in (("P10", 0.10), ("P50", 0.50), ("P90", 0.90)):
            v = ordered[max(0, int(np.ceil(p * len(ordered))) - 1)]
            out[label] = Payback(float(v)) if np.isfinite(v) else Payback.none_within(self.horizon_years)
        return out

    def summary_nl(self) -> str:
        """One Dutch sentence for people."""
        p = self.percentiles
        return (
            f"Met {fmt.num(self.draws)} trekkingen (seed {self.seed}): netto contante waarde P10 "
            f"{fmt.eur(p.loc['npv_eur', 'P10'])}, P50 {fmt.eur(p.loc['npv_eur', 'P50'])}, P90 "
            f"{fmt.eur(p.loc['npv_eur', 'P90'])}; kans op terugverdienen binnen {self.horizon_years} jaar: "
            f"{self.probability_of_payback_nl}."
        )


def _checked_run(draws: object, seed: object, chunk: object, most: limits.Limit) -> tuple[int, int, int]:
    """Draws, seed and chunk size as ints, each checked before anything is allocated."""
    return (
        limits.whole_number(draws, "draws", 1, most, label_nl="Aantal trekkingen"),
        limits.whole_number(seed, "seed", 0, limits.SEED, label_nl="Startwaarde (seed)"),
        limits.whole_number(chunk, "chunk", 1, limits.DRAWS, label_nl="Trekkingen per blok"),
    )


def simulate(
    baseline: Baseline,
    scenario: Scenario,
    case: BusinessCase | None = None,
    *,
    draws: int = 10_000,
    seed: int = DEFAULT_SEED,
    distribution: Distribution = "pert",
    ranges: Mapping[str, Range] | None = None,
    only: Sequence[str] | None = None,
    chunk: int = 1_000,  # measured fastest (cache-sized arrays); results do not depend on it
    progress: Progress | None = None,
) -> Simulation:
    """Monte Carlo over every uncertain input of the case (see :func:`uncertain_inputs`).


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    scenario : Scenario
        The levers.
    case : BusinessCase or None
        The multi-year frame; None: the defaults.
    draws : int
        Number of Monte Carlo draws [-].
    seed : int
        Seed of the random generator; part of the result.
    distribution : {"pert", "triangular"}
        Distribution over each input's low/base/high.
    ranges : mapping of str to Range or None
        Ranges that replace the shipped ones, by input name (see :func:`uncertain_inputs`).
    only : sequence of str or None
        Vary only these inputs; the others stay at base.
    chunk : int
        Draws evaluated per batch [-]; results do not depend on it.
    progress : callable or None
        Called as ``progress(done, total)`` after each chunk.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.baseline_for_gemeente("Utrecht")
    >>> sim = oc.simulate(base, oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.5, 0.2)), draws=500, seed=1)
    >>> sim.seed, sim.draws
    (1, 500)
    """
    case = case or BusinessCase()
    if distribution not in ("pert", "triangular"):
        raise InputError("distribution", distribution, "allowed is 'pert' or 'triangular'")
    draws, seed, chunk = _checked_run(draws, seed, chunk, limits.DRAWS)
    rng = np.random.default_rng(seed)
    inputs = tuple(uncertain_inputs(baseline, scenario, case, ranges, only))
    values = {u.name: u.draw(draws, rng, distribution) for u in inputs}
    npv, saving, theoretical, pay, released, freed, roi = (np.empty(draws) for _ in range(7))
    paid = np.empty(draws, dtype=bool)
    flows = np.empty((draws, case.horizon_years + 1))
    for start in range(0, draws, chunk):
        sl = slice(start, min(start + chunk, draws))
        n = sl.stop - sl.start
        m, x, ca = kernel_inputs(baseline, scenario, case, {k: v[sl] for k, v in values.items()}, n)
        o = case_kernel(m, x, scenario, ca, case)
        npv[sl] = o.npv_eur
        saving[sl] = o.savings_used_eur[:, -1]
        theoretical[sl] = o.theoretical_saving_eur[:, -1]
        pay[sl], paid[sl] = payback_years(o.net_cash_flow_eur)
        flows[sl] = o.net_cash_flow_eur
        released[sl] = o.fte_released[:, -1].sum(axis=-1)
        freed[sl] = o.fte_freed[:, -1].sum(axis=-1)
        costs = o.investment_eur + o.recurring_cost_eur.sum(axis=-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            roi[sl] = np.where(costs > 0, (o.savings_used_eur.sum(axis=-1) - costs) / costs, np.nan)
        if progress is not None:
            progress(sl.stop, draws)
    return Simulation(
        inputs,
        distribution,
        seed,
        pd.DataFrame(values),
        npv,
        saving,
        theoretical,
        pay,
        paid,
        case.horizon_years,
        flows,
        released,
        freed,
        roi,
    )


# --------------------------------------------------------------------------------------
# tornado
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Tornado:
    """NPV at each input's low and high with all others at base, sorted by swing."""

    base_npv_eur: float
    table: pd.DataFrame = field(repr=False)

    def reading_nl(self, top: int = 3) -> str:
        """A short reading in Dutch: which inputs the case depends on most."""
        t = self.table[self.table["swing_eur"] > 0].head(top)
        if t.empty:
            return "De businesscase hangt niet af van de onzekere invoer: alle bandbreedtes zijn nul."
        parts = [
            f"{r.label_nl} (netto contante waarde {fmt.eur(min(r.npv_low_eur, r.npv_high_eur))} tot "
            f"{fmt.eur(max(r.npv_low_eur, r.npv_high_eur))})"
            for r in t.itertuples()
        ]
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
        return f"De businesscase hangt vooral af van {listed}."


def tornado(
    baseline: Baseline,
    scenario: Scenario,
    case: BusinessCase | None = None,
    *,
    ranges: Mapping[str, Range] | None = None,
    only: Sequence[str] | None = None,
) -> Tornado:
    """One-at-a-time low/high swings of NPV for every uncertain input, in one batched run.


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    scenario : Scenario
        The levers.
    case : BusinessCase or None
        The multi-year frame; None: the defaults.
    ranges : mapping of str to Range or None
        Ranges that replace the shipped ones.
    only : sequence of str or None
        Swing only these inputs.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> t = tornado(base, oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2)))
    >>> t.table["swing_eur"].is_monotonic_decreasing
    True
    """
    case = case or BusinessCase()
    inputs = uncertain_inputs(baseline, scenario, case, ranges, only)
    k = len(inputs)
    values = {}
    for i, u in enumerate(inputs):
        col = np.full(2 * k + 1, u.range.base)
        col[2 * i], col[2 * i + 1] = u.range.low, u.range.high
        values[u.name] = col
    m, x, ca = kernel_inputs(baseline, scenario, case, values, 2 * k + 1)
    npv = case_kernel(m, x, scenario, ca, case).npv_eur
    table = pd.DataFrame(
        {
            "input": [u.name for u in inputs],
            "label_nl": [u.label_nl for u in inputs],
            "low": [u.range.low for u in inputs],
            "base": [u.range.base for u in inputs],
            "high": [u.range.high for u in inputs],
            "unit": [u.unit for u in inputs],
            "npv_low_eur": npv[0 : 2 * k : 2],
            "npv_high_eur": npv[1 : 2 * k : 2],
        }
    )
    table["swing_eur"] = (table["npv_high_eur"] - table["npv_low_eur"]).abs()
    table = table.sort_values("swing_eur", ascending=False, kind="stable").reset_index(drop=True)
    return Tornado(float(npv[-1]), table)


__all__ = [
    "NationalSimulation",
    "simulate_national",
    "DEFAULT_SEED",
    "Range",
    "Simulation",
    "Tornado",
    "UncertainInput",
    "simulate",
    "tornado",
    "uncertain_inputs",
]


# --------------------------------------------------------------------------------------
# all municipalities
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class NationalSimulation:
    """Monte Carlo of the yearly saving (full effect) for every municipality.

    Cost, behaviour and lever inputs are drawn once per draw for the whole country (they
    are uncertain in the same way everywhere); contacts per inhabitant are drawn per
    municipality (they differ between municipalities).
    """

    seed: int
    distribution: Distribution
    saving_eur: np.ndarray  # (gemeente, draws)
    per_gemeente: pd.DataFrame

    @cached_property
    def national_saving_eur(self) -> np.ndarray:
        """The national total per draw."""
        return self.saving_eur.sum(axis=0)

    @cached_property
    def national_percentiles(self) -> pd.Series:
        q = np.quantile(self.national_saving_eur, [0.10, 0.50, 0.90])
        return pd.Series({"P10": q[0], "P50": q[1], "P90": q[2], "mean": float(self.national_saving_eur.mean())})


def simulate_national(
    scenario: Scenario,
    *,
    draws: int = 1_000,
    seed: int = DEFAULT_SEED,
    distribution: Distribution = "pert",
    ranges: Mapping[str, Range] | None = None,
    chunk: int = 24,
    progress: Progress | None = None,
) -> NationalSimulation:
    """Monte Carlo of the yearly saving of ``scenario`` in all 342 municipalities at once.

    Volumes come from CBS 2024 population x contacts per inhabitant (defaults), segment
    shares are each gemeente's own (as :func:`omnicalc.evaluate_national`); the
    evaluation is vectorised over municipalities and draws, ``chunk`` municipalities at a
    time (``progress(done, total)`` after each chunk).


    Parameters
    ----------
    scenario : Scenario
        The same levers for every gemeente.
    draws : int
        Monte Carlo draws per gemeente [-].
    seed : int
        Seed of the random generator.
    distribution : {"pert", "triangular"}
        Distribution over each input's low/base/high.
    ranges : mapping of str to Range or None
        Ranges that replace the shipped ones.
    chunk : int
        Gemeenten evaluated per batch [-].
    progress : callable or None
        Called as ``progress(done, total)`` after each chunk.

    Examples
    --------
    >>> import omnicalc as oc
    >>> sim = simulate_national(oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2)), draws=100, seed=1)
    >>> sim.saving_eur.shape   # gemeenten x draws
    (342, 100)
    """
    from .gemeenten import gemeenten

    draws, seed, chunk = _checked_run(draws, seed, chunk, limits.NATIONAL_DRAWS)
    if distribution not in ("pert", "triangular"):
        raise InputError("distribution", distribution, "allowed is 'pert' or 'triangular'")
    table = gemeenten()
    reference = 100_000
    template = Baseline.from_population(reference, name="referentie")
    case = BusinessCase()
    rng = np.random.default_rng(seed)
    inputs = uncertain_inputs(template, scenario, case, ranges)
    common = [u for u in inputs if not u.name.startswith("baseline.volume_factor.")]
    local = [u for u in inputs if u.name.startswith("baseline.volume_factor.")]
    values = {u.name: u.draw(draws, rng, distribution) for u in common}
    m, x, _ = kernel_inputs(template, scenario, case, values, draws)
    pop = table["population"].to_numpy(dtype=float)
    g_count = len(pop)
    factors = np.ones((g_count, draws, len(CHANNELS)))
    for u in local:
        factors[:, :, CHANNELS.index(u.name.rsplit(".", 1)[1])] = u.draw(g_count * draws, rng, distribution).reshape(
            g_count, draws
        )
    offered = default_offered(pop)  # (G, C), as evaluate_national
    seg_share = template.segments.share_per_gemeente(table["code"].tolist())  # (G, S), as evaluate_national
    seg_drawn = any(name.startswith("segments.share.") for name in values)  # ranges given: drawn for the country
    saving = np.empty((g_count, draws))
    for start in range(0, g_count, chunk):
        sl = slice(start, min(start + chunk, g_count))
        volume = m.volume * (pop[sl, None, None, None] / reference) * factors[sl, :, :, None]  # (G, D, C, R)
        volume = offer_channels(volume, np.broadcast_to(offered[sl, None, :], volume.shape[:-1]))
        mg = ModelArrays(
            volume,
            m.cost_eur_per_contact,
            m.variable_cost_share,
            m.repeat_contact_share,
            m.segment_share if seg_drawn else seg_share[sl, None, :],
            m.assisted_floor_share,
        )
        costs = lever_costs(
            run_levers(mg, x, scenario, segment_volumes(mg, with_segments=needs_segments(scenario))),
            mg.cost_eur_per_contact,
        )
        saving[sl] = costs[..., 0] - costs[..., -1]
        if progress is not None:
            progress(sl.stop, g_count)
    q = np.quantile(saving, [0.10, 0.50, 0.90], axis=1)
    per = table[["code", "name", "province", "population"]].copy()
    for label, row in zip(("p10", "p50", "p90"), q):
        per[f"saving_{label}_eur_per_year"] = row
        per[f"saving_{label}_eur_per_inhabitant_per_year"] = row / pop
    return NationalSimulation(seed, distribution, saving, per.set_index("code"))
