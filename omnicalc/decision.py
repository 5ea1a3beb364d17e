"""Decision support: goal seek on one lever, and the cheapest channel mix as a linear programme.

Goal seek answers "which portal adoption do we need for EUR X a year?" with
``scipy.optimize.brentq``; a target out of reach within the lever's bounds (0-100%) is
a result with a message, not an error.

The optimal mix minimises the yearly cost over moves of contacts between channels, per
resident segment and contact reason, with ``scipy.optimize.linprog`` (HiGHS), subject to
each segment's assisted-channel floor, channel capacities and a maximum share moved per
year, and says in words which constraints bind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.optimize import brentq, linprog

from . import fmt, inclusion, params
from .business_case import BusinessCase, run_business_case
from .domain import CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS, SEGMENT_LABELS, SEGMENTS
from .errors import InputError
from .finance import Payback
from .inputs import resolve
from .kpis import KPIS
from .model import Baseline, ChannelShift, ModelArrays, Scenario, evaluate, evaluate_national, segment_volumes

#: What goal seek can reach: the money targets, and every KPI of :data:`omnicalc.kpis.KPIS` (of the year at full
#: effect; "lower is better" KPIs such as the status-question share are reached from above).
Target = Literal[
    "yearly_saving_eur",
    "npv_eur",
    "payback_year",
    "self_service_share",
    "phone_reduction_share",
    "digital_application_share",
    "status_question_share",
    "contacts_per_inhabitant_per_year",
    "integral_cost_eur_per_contact",
    "contacts_per_year",
]
_TARGET_NL: dict[str, str] = {
    "yearly_saving_eur": "de besparing per jaar",
    "npv_eur": "de netto contante waarde",
    "payback_year": "de terugverdientijd",
    **{key: k.subject_nl for key, k in KPIS.items()},
}


def with_lever(scenario: Scenario, lever: str, value: float) -> Scenario:
    """The scenario with one lever input replaced, by path (see :meth:`omnicalc.Scenario.with_value`).


    Parameters
    ----------
    scenario : Scenario
        The scenario to change.
    lever : str
        The input's path, e.g. ``"status_portal.reach_share"`` or ``"channel_shifts[0].share"``.
    value : float
        The new setting [unit of the input].

    Examples
    --------
    >>> from omnicalc import Scenario, StatusPortal
    >>> with_lever(Scenario(status_portal=StatusPortal(0.5, 0.5, 0.2)), "status_portal.reach_share", 0.8).status_portal
    StatusPortal(reach_share=0.8, adoption_share=0.5, residual_contact_share=0.2)
    """
    return scenario.with_value(lever, value)


@dataclass(frozen=True)
class GoalSeek:
    """The lever value that reaches the target, or why none does."""

    lever: str
    target: Target
    target_value: float
    value: float | None  # the lever setting [-], None when out of reach
    achieved: float | None  # the target metric at that setting
    message: str
    message_nl: str


def _metric(baseline: Baseline, scenario: Scenario, case: BusinessCase, target: Target) -> float:
    if target == "yearly_saving_eur":
        return evaluate(baseline, scenario).saving_eur_per_year
    if target in KPIS:  # a KPI of the year at full effect, by its one formula
        return float(evaluate(baseline, scenario).kpis.loc["after", target])
    bc = run_business_case(baseline, scenario, case)
    if target == "npv_eur":
        return bc.npv_eur
    # payback: nothing to pay back is at once (0), no payback one year beyond the horizon (monotone)
    if bc.payback.nothing_to_pay_back:
        return 0.0
    return bc.payback.year if bc.payback.year is not None else case.horizon_years + 1.0


def goal_seek(
    baseline: Baseline,
    scenario: Scenario,
    *,
    lever: str,
    target: Target,
    value: float,
    case: BusinessCase | None = None,
) -> GoalSeek:
    """The setting of ``lever`` (0-1) at which ``target`` reaches ``value``.

    Targets: ``yearly_saving_eur`` (the one-year saving at full effect, all cost per
    contact counted), ``npv_eur`` and ``payback_year`` (at most ``value`` years) of the
    business case, and every KPI of :data:`omnicalc.kpis.KPIS` in the year at full effect (the goals gemeenten
    set: ``self_service_share``, the share of contacts on self-service channels, e.g. 60%;
    ``phone_reduction_share``, the fall in phone contacts, e.g. 30% fewer; ``digital_application_share``, the
    applications handled digitally, e.g. 80%; a "lower is better" KPI such as ``status_question_share`` is
    reached from above). The realisable NPV moves
    smoothly (the staffing counts fractional agents and the expected rounding to formatie-eenheden); the
    answer is then the lowest setting that reaches the target and ``achieved`` says what it gives.


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    scenario : Scenario
        The levers; ``lever`` is the one that moves.
    lever : str
        Path of a lever input of the scenario: ``"status_portal.reach_share"``,
        ``"status_portal.adoption_share"``, ``"proactive_status.message_reach_share"``,
        ``"repeat_contacts.reduction_share"``, ``"channel_shifts[k].share"`` ... [unit of the input].
    target : str
        What to reach: ``"yearly_saving_eur"``, ``"npv_eur"``, ``"payback_year"`` or a key of
        :data:`omnicalc.kpis.KPIS` (``"self_service_share"``, ``"phone_reduction_share"``,
        ``"status_question_share"`` ...).
    value : float
        The target value, in the target's unit [EUR/year], [EUR], [years] or [-] (a share).
    case : BusinessCase or None
        The multi-year frame; None: the defaults.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> s = oc.Scenario(status_portal=oc.StatusPortal(1.0, 0.0, 0.0))
    >>> g = goal_seek(base, s, lever="status_portal.adoption_share", target="yearly_saving_eur", value=195_300)
    >>> round(g.value, 6)    # EUR 195,300 = 100,000 calls x 35% x EUR 12 x 93% (not afhankelijk) x 50%
    0.5
    """
    case = case or BusinessCase()
    if target not in _TARGET_NL:
        raise InputError("target", target, "allowed is " + ", ".join(_TARGET_NL))
    if not np.isfinite(value):
        raise InputError("value", value, "a finite number is required")
    with_lever(scenario, lever, 0.0)  # validates the lever path
    spec = resolve(lever, scenario).spec  # the search runs over its hard bounds
    lower_is_better = target == "payback_year" or (target in KPIS and KPIS[target].better == "lower")
    sign = -1.0 if lower_is_better else 1.0
    f = lambda x: sign * (_metric(baseline, with_lever(scenario, lever, x), case, target) - value)
    lo, hi = spec.hard_min, spec.hard_max
    f_lo, f_hi = f(lo), f(hi)
    label_nl = _TARGET_NL[target]
    shown = _shown(target, value)
    if max(f_lo, f_hi) < 0:
        best = lo if f_lo >= f_hi else hi
        reach = _metric(baseline, with_lever(scenario, lever, best), case, target)
        reach_nl = (
            (Payback(reach) if reach <= case.horizon_years else Payback.none_within(case.horizon_years)).text_nl
            if target == "payback_year"
            else _shown(target, reach, 2)
        )
        return GoalSeek(
            lever,
            target,
            value,
            None,
            reach,
            f"target out of reach: with {lever} anywhere from 0 to 1 the best {target} is {reach:,.2f}",
            f"Doel niet haalbaar: ook met de beste instelling van deze hefboom is {label_nl} {reach_nl}"
            f" (doel: {shown}).",
        )
    if (f_lo >= 0) == (f_hi >= 0):  # met at both ends: the smaller setting suffices
        x = lo if f_lo >= 0 else hi
    else:
        x = brentq(f, lo, hi, xtol=1e-14, rtol=1e-12, maxiter=200)
        if f(x) < 0:  # on a step (whole FTEs): bisect to the setting just on the side that meets it
            bad, good = x, hi if f_hi >= 0 else lo
            for _ in range(100):
                mid = (bad + good) / 2
                if mid in (bad, good):
                    break
                bad, good = (bad, mid) if f(mid) >= 0 else (mid, good)
            x = good
    achieved = _metric(baseline, with_lever(scenario, lever, x), case, target)
    return GoalSeek(
        lever,
        target,
        value,
        float(x),
        achieved,
        f"{lever} = {x:.6f} gives {target} = {achieved:,.2f}",
        f"Met {fmt.pct(x, 1)} is {label_nl} {_shown(target, achieved, 2)} (doel: {shown}).",
    )


def _shown(target: Target, value: float, decimals: int = 1) -> str:
    """A target's value in Dutch: euros, years or a percentage."""
    if target == "payback_year":
        return f"{fmt.num(value, decimals)} jaar"
    if target in KPIS:
        return KPIS[target].shown(value, decimals)
    return fmt.eur(value)


# --------------------------------------------------------------------------------------
# optimal channel mix
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class OptimalMix:
    """The cheapest mix: moves per (from, to, reason), the saving, and the binding constraints."""

    moves: pd.DataFrame  # from_channel, to_channel, reason, volume_per_year, share_of_from
    moved: np.ndarray  # (segment, reason, from, to) [contacts/year]
    volume_before: np.ndarray  # (segment, channel, reason)
    volume_after: np.ndarray
    cost_before_eur_per_year: float
    cost_after_eur_per_year: float
    binding: tuple[str, ...]  # in Dutch

    @property
    def saving_eur_per_year(self) -> float:
        return self.cost_before_eur_per_year - self.cost_after_eur_per_year

    def explanation_nl(self) -> str:
        head = (
            f"De goedkoopste mix bespaart {fmt.eur(self.saving_eur_per_year)} per jaar door "
            f"{fmt.num(self.moves['volume_per_year'].sum())} contacten te verschuiven."
        )
        if not self.binding:
            return head + " Geen enkele grens is bereikt."
        return head + " Grenzen die de besparing beperken: " + "; ".join(self.binding) + "."


def optimal_mix(
    baseline: Baseline,
    *,
    max_shift_share: float = 0.2,
    capacity_per_year: Mapping[str, float] | None = None,
    allowed_targets: tuple[str, ...] | None = None,
) -> OptimalMix:
    """Minimise the yearly cost by moving contacts between channels (same reason, same segment).

    Constraints: per segment and reason at most ``max_shift_share`` of a channel's contacts
    leaves it in a year, and never the part that must stay in person (passports at the
    counter, :func:`omnicalc.inclusion.in_person_share`); contacts move only to channels that can
    handle the reason (:func:`omnicalc.inclusion.suitable`) and the UWV model allows the segment
    for that reason; each segment keeps at least its floor on
    its floor channels (or its current share, if that is lower); channel volumes stay within
    ``capacity_per_year`` where given. ``allowed_targets`` limits the receiving channels
    (default: all).


    Parameters
    ----------
    baseline : Baseline
        The gemeente.
    max_shift_share : float
        Largest share of a channel's contacts (per reason) that may move [-], 0-1.
    capacity_per_year : mapping of str to float or None
        Most contacts a channel can take [contacts/year]; None: no cap.
    allowed_targets : tuple of str or None
        Channels that may receive contacts; None: every channel.

    Examples
    --------
    >>> import omnicalc as oc
    >>> mix = optimal_mix(oc.Baseline.from_channel_volumes({"telefoon": 10_000}, population=5_000), max_shift_share=0.1)
    >>> round(mix.moves["volume_per_year"].sum())   # 10% of the calls, none of the afhankelijk residents' (7%)
    905

    nor the aanvragen of the beperkt zelfstandig (18%): the channels the UWV model allows them (assisted) cannot
    handle an aanvraag, the one that can (the web form) is self-service: 930 - 139,3 x 0,18 = 905 (13,9% aanvragen).
    """
    max_shift_share = params.SPECS["shift_share"].check(max_shift_share, "max_shift_share")
    capacity = dict(capacity_per_year or {})
    for c, cap in capacity.items():
        if c not in CHANNELS:
            raise InputError(f"capacity_per_year.{c}", c, f"channel must be one of {', '.join(CHANNELS)}")
        params.SPECS["volume_per_year"].check(cap, f"capacity_per_year.{c}")
    targets = allowed_targets or CHANNELS
    for c in targets:
        if c not in CHANNELS:
            raise InputError("allowed_targets", c, f"channel must be one of {', '.join(CHANNELS)}")
    m = ModelArrays.from_baseline(baseline)
    v = segment_volumes(m)  # (S, C, R)
    cpc = m.cost_eur_per_contact
    S, C, R = v.shape
    mask = inclusion.floor_mask()  # (S, C): each segment's floor channels
    allowed = inclusion.allowed() & inclusion.suitable()  # (S, C, R): the UWV model, channels that can handle r
    keep = inclusion.in_person_share()  # (C, R): what must stay in person
    # variables: x[s, r, i, j] for i != j, j in targets and allowed to segment s for reason r
    pairs = [(i, j) for i in range(C) for j in range(C) if i != j and CHANNELS[j] in targets]
    index = [(s, r, i, j) for s in range(S) for r in range(R) for i, j in pairs if allowed[s, j, r]]
    n = len(index)
    cost = np.array([cpc[j] - cpc[i] for _, _, i, j in index])
    rows, rhs, names = [], [], []

    def add_row(coeffs: dict[int, float], bound: float, name: str) -> None:
        row = np.zeros(n)
        for k, c in coeffs.items():
            row[k] += c
        rows.append(row)
        rhs.append(bound)
        names.append(name)

    by_sri: dict[tuple[int, int, int], list[int]] = {}
    for k, (s, r, i, _) in enumerate(index):
        by_sri.setdefault((s, r, i), []).append(k)
    for (s, r, i), ks in by_sri.items():
        if v[s, i, r] > 0 and keep[i, r] > 0 and 1.0 - keep[i, r] < max_shift_share:
            add_row({k: 1.0 for k in ks}, (1.0 - keep[i, r]) * v[s, i, r], f"in_person|{i}|{r}")
        elif v[s, i, r] > 0:
            add_row({k: 1.0 for k in ks}, max_shift_share * v[s, i, r], f"max|{i}")
        else:
            add_row({k: 1.0 for k in ks}, 0.0, "empty")
    for s in range(S):
        floor_channels = mask[s]
        for r in range(R):
            total, current = v[s, :, r].sum(), v[s, floor_channels, r].sum()
            need = min(baseline.segments.assisted_floor_share[SEGMENTS[s]] * total, current)
            # on the floor channels after = current - moved off them + moved onto them >= need
            coeffs = {
                k: (
                    1.0
                    if floor_channels[i] and not floor_channels[j]
                    else -1.0
                    if floor_channels[j] and not floor_channels[i]
                    else 0.0
                )
                for k, (ss, rr, i, j) in enumerate(index)
                if ss == s and rr == r
            }
            add_row(coeffs, current - need, f"floor|{s}|{r}")
    for c, cap in capacity.items():
        j = CHANNELS.index(c)
        coeffs = {k: (1.0 if jj == j else -1.0 if ii == j else 0.0) for k, (_, _, ii, jj) in enumerate(index)}
        add_row(coeffs, cap - v[:, j, :].sum(), f"cap|{j}")
    res = linprog(cost, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=(0, None), method="highs")
    if res.status != 0:
        raise InputError(
            "capacity_per_year",
            capacity,
            f"no feasible mix ({res.message})",
            allowed_nl="met deze capaciteiten is geen mix mogelijk; verhoog de capaciteit",
            label_nl="Capaciteit",
        )
    x = np.where(res.x > 1e-9, res.x, 0.0)
    moved = np.zeros((S, R, C, C))
    for k, (s, r, i, j) in enumerate(index):
        moved[s, r, i, j] = x[k]
    after = v.copy()
    after -= moved.sum(axis=3).transpose(0, 2, 1)
    after += moved.sum(axis=2).transpose(0, 2, 1)
    flows = moved.sum(axis=0)  # (R, from, to)
    moves = pd.DataFrame(
        [
            {
                "from_channel": CHANNELS[i],
                "to_channel": CHANNELS[j],
                "reason": REASONS[r],
                "volume_per_year": flows[r, i, j],
                "share_of_from": flows[r, i, j] / v[:, i, r].sum(),
            }
            for r in range(R)
            for i in range(C)
            for j in range(C)
            if flows[r, i, j] > 1e-6
        ]
    )
    if moves.empty:
        moves = pd.DataFrame(columns=["from_channel", "to_channel", "reason", "volume_per_year", "share_of_from"])
    binding = _binding(names, np.array(rows) @ x, np.array(rhs), res.ineqlin.marginals, max_shift_share)
    return OptimalMix(
        moves,
        moved,
        v,
        after,
        float((v.sum(axis=(0, 2)) * cpc).sum()),
        float((after.sum(axis=(0, 2)) * cpc).sum()),
        binding,
    )


def shiftable_to_self_service() -> pd.DataFrame:
    """Per gemeente the contacts a year that could move to self-service within the inclusion rules.

    Every contact on another channel is asked to move to the web form (``ChannelShift(c, "webformulier", 1.0)``
    for each channel c, on the national estimate of :func:`omnicalc.model.evaluate_national`); what the shifts
    move is what the rules allow: not the part that must be in person, not to residents the UWV model allows no
    self-service, not below a segment's floor. It differs per gemeente by her segment shares and the channels she
    offers. Indexed by CBS code: ``name``, ``province``, ``population`` [inhabitants],
    ``contacts_per_year``, ``shiftable_per_year`` [contacts/year], ``shiftable_per_inhabitant_per_year``
    [contacts/inhabitant/year] and ``shiftable_share`` [-] of all contacts.

    Examples
    --------
    >>> t = shiftable_to_self_service()
    >>> len(t), bool((t["shiftable_share"] < 1).all())
    (342, True)
    """
    shifts = tuple(ChannelShift(c, "webformulier", 1.0) for c in CHANNELS if c != "webformulier")
    nat = evaluate_national(Scenario(name="Alles naar zelfservice", channel_shifts=shifts))
    web = CHANNELS.index("webformulier")
    moved = (nat.volume_after[:, web, :] - nat.volume_before[:, web, :]).sum(axis=-1)
    out = nat.per_gemeente[["name", "province", "population", "contacts_before_per_year"]].rename(
        columns={"contacts_before_per_year": "contacts_per_year"}
    )
    out["shiftable_per_year"] = moved
    out["shiftable_per_inhabitant_per_year"] = moved / out["population"]
    out["shiftable_share"] = moved / out["contacts_per_year"]
    return out


def _binding(
    names: list[str], lhs: np.ndarray, rhs: np.ndarray, marginals: np.ndarray, max_shift_share: float
) -> tuple[str, ...]:
    """Constraints at their bound that cost money (non-zero shadow price), in Dutch words."""
    out: dict[str, None] = {}
    for name, a, b, dual in zip(names, lhs, rhs, marginals):
        if name == "empty" or abs(dual) < 1e-9 or abs(a - b) > 1e-6 * max(1.0, abs(b)):
            continue
        kind, *ids = name.split("|")
        if kind == "max":
            out[f"maximaal {fmt.pct(max_shift_share, 0)} per jaar weg van {CHANNEL_LABELS[CHANNELS[int(ids[0])]]}"] = (
                None
            )
        elif kind == "in_person":
            c, r = int(ids[0]), int(ids[1])
            what = REASON_LABELS[REASONS[r]].lower()
            out[f"persoonlijk verplicht deel van {what} bij {CHANNEL_LABELS[CHANNELS[c]]}"] = None
        elif kind == "floor":
            s, r = int(ids[0]), int(ids[1])
            out[f"inclusievloer van {SEGMENT_LABELS[SEGMENTS[s]].lower()} bij {REASON_LABELS[REASONS[r]].lower()}"] = (
                None
            )
        elif kind == "cap":
            out[f"capaciteit van {CHANNEL_LABELS[CHANNELS[int(ids[0])]]}"] = None
    return tuple(out)


__all__ = [
    "GoalSeek",
    "OptimalMix",
    "goal_seek",
    "optimal_mix",
    "shiftable_to_self_service",
    "with_lever",
]
