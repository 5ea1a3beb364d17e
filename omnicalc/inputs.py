"""Every numeric input of a case by its address: the dotted path of the scenario file.

``cost.top_down_eur_per_contact.telefoon``, ``status_portal.adoption_share``,
``business_case.investments[0].amount_eur``, ``segments.assisted_floor_share.afhankelijk`` ...
Two inputs exist only for uncertainty: ``baseline.volume_factor.<channel>`` (a factor on an
estimated volume) and ``baseline.status_question_factor`` (a factor on every channel's
status-question share).

:data:`DECLARATIONS` says, once for each kind of path, which parameter declaration
(:data:`omnicalc.params.SPECS`: unit, bounds, slider range, Dutch label) it has and which
kernel array it sets. :func:`kernel_inputs` builds the kernel's arrays from a baseline,
scenario and business case with any inputs replaced by arrays of values — the Monte Carlo,
the tornado and the deterministic-limit test all go through it, and it computes nothing
itself: cost per contact, status shares and the levers are the model's own functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from . import params
from .business_case import BusinessCase, CaseArrays
from .domain import CHANNEL_LABELS, CHANNELS, CONCURRENT_MASK, SEGMENT_LABELS, SEGMENTS
from .errors import InputError
from .levers import LEVERS, lever_for_path
from .model import (
    Baseline,
    ModelArrays,
    Scenario,
    active_levers,
    cost_per_contact,
    lever_values,
    needs_segments,
    set_status_share,
    status_share,
)


@dataclass(frozen=True, kw_only=True)
class Declaration:
    """One kind of input path and where it goes in the kernel.

    Parameters
    ----------
    path : str
        The path, with ``{channel}``, ``{segment}`` or ``{k}`` where it has one per channel,
        segment or list item.
    spec : str
        The parameter declaration in :data:`omnicalc.params.SPECS` (unit, bounds, label).
    slot : str
        The kernel array it sets (see :func:`kernel_inputs`).
    label_nl : str
        Dutch label; ``{label}`` is replaced by the channel's or segment's name.
    in_file : bool
        False for an input that exists only for uncertainty (a factor on an estimate).
    method : str or None
        The cost method the input is used with (``top_down`` or ``bottom_up``); None: both.
    items : str
        For a ``{k}`` path: the business case's list it indexes.
    concurrent : bool
        Used only when a channel that handles contacts concurrently (chat) has contacts.
    help_nl : str
        Dutch help where the parameter declaration's own does not fit this path.
    """

    path: str
    spec: str
    slot: str
    label_nl: str
    in_file: bool = True
    method: str | None = None
    items: str = ""
    concurrent: bool = False
    help_nl: str = ""


#: Every kind of numeric input besides the levers' own (those come from the lever registry).
DECLARATIONS: tuple[Declaration, ...] = (
    Declaration(
        path="cost.top_down_eur_per_contact.{channel}",
        spec="cost_eur_per_contact",
        slot="top_down",
        label_nl="Kosten per contact – {label}",
        method="top_down",
    ),
    Declaration(
        path="cost.handling_time_seconds.{channel}",
        spec="handling_time_seconds",
        slot="handling",
        label_nl="Afhandeltijd – {label}",
    ),
    Declaration(
        path="cost.overhead_eur_per_contact.{channel}",
        spec="overhead_eur_per_contact",
        slot="overhead",
        label_nl="Overhead per contact – {label}",
        method="bottom_up",
    ),
    Declaration(
        path="cost.variable_cost_share.{channel}",
        spec="variable_cost_share",
        slot="variable",
        label_nl="Variabel kostenaandeel – {label}",
    ),
    Declaration(
        path="cost.loaded_hourly_rate_eur",
        spec="loaded_hourly_rate_eur",
        slot="rate",
        label_nl="Integraal uurtarief",
        method="bottom_up",
    ),
    Declaration(
        path="cost.productive_share", spec="productive_share", slot="productive", label_nl="Productief aandeel"
    ),
    Declaration(
        path="cost.chat_concurrency",
        spec="chat_concurrency",
        slot="chat_concurrency",
        label_nl="Gelijktijdige chats",
        concurrent=True,
    ),
    Declaration(
        path="baseline.volumes_per_year.{channel}",
        spec="volume_per_year",
        slot="volume_total",
        label_nl="Contacten per jaar – {label}",
    ),
    Declaration(
        path="baseline.volume_factor.{channel}",
        spec="volume_factor",
        slot="volume_factor",
        label_nl="Volume (contacten per inwoner) – {label}",
        in_file=False,
    ),
    Declaration(
        path="baseline.status_question_factor",
        spec="volume_factor",
        slot="status_factor",
        label_nl="Aandeel statusvragen (factor)",
        in_file=False,
        help_nl="Factor op het aandeel statusvragen van elk kanaal (onzekerheid in dat aandeel).",
    ),
    Declaration(
        path="baseline.repeat_contact_share.{channel}",
        spec="repeat_contact_share",
        slot="repeat",
        label_nl="Herhaalcontact – {label}",
    ),
    Declaration(
        path="segments.share.{segment}", spec="segment_share", slot="segment_share", label_nl="Aandeel {label}"
    ),
    Declaration(
        path="segments.assisted_floor_share.{segment}",
        spec="assisted_floor_share",
        slot="floor",
        label_nl="Inclusievloer – {label}",
    ),
    Declaration(path="business_case.discount_rate", spec="discount_rate", slot="discount", label_nl="Discontovoet"),
    Declaration(
        path="business_case.wage_indexation_share",
        spec="wage_indexation_share",
        slot="wage_index",
        label_nl="Reële loonstijging",
    ),
    Declaration(
        path="business_case.staffing.salary_eur_per_month",
        spec="salary_eur_per_month",
        slot="salary",
        label_nl="Bruto maandsalaris",
    ),
    Declaration(
        path="business_case.staffing.attrition_share",
        spec="attrition_share",
        slot="attrition",
        label_nl="Natuurlijk verloop",
    ),
    Declaration(
        path="business_case.staffing.friction_eur_per_fte",
        spec="friction_eur_per_fte",
        slot="friction",
        label_nl="Frictiekosten per afgebouwde fte",
    ),
    Declaration(
        path="business_case.investments[{k}].amount_eur",
        spec="investment_eur",
        slot="investment",
        label_nl="Investering {k}",
        items="investments",
    ),
    Declaration(
        path="business_case.recurring_costs[{k}].amount_eur_per_year",
        spec="recurring_cost_eur_per_year",
        slot="recurring",
        label_nl="Jaarlijkse kosten {k}",
        items="recurring_costs",
    ),
)

_PATTERNS = [
    (
        re.compile(
            "^"
            + re.escape(d.path)
            .replace(re.escape("{channel}"), f"(?P<channel>{'|'.join(CHANNELS)})")
            .replace(re.escape("{segment}"), f"(?P<segment>{'|'.join(SEGMENTS)})")
            .replace(re.escape("{k}"), r"(?P<k>\d+)")
            + "$"
        ),
        d,
    )
    for d in DECLARATIONS
]


@dataclass(frozen=True, kw_only=True)
class Address:
    """A resolved path: its declaration and the index in its kernel array (None for a single value)."""

    path: str
    declaration: Declaration | None  # None: a lever input
    index: int | None
    spec: params.ParamSpec
    label_nl: str
    channel: str = ""
    segment: str = ""


@lru_cache(maxsize=4096)
def _declared(path: str) -> Address | None:
    """The address of a path of :data:`DECLARATIONS` (not a lever input), or None."""
    for pattern, d in _PATTERNS:
        match = pattern.match(path)
        if match:
            groups = match.groupdict()
            index, label = None, ""
            channel, segment = groups.get("channel") or "", groups.get("segment") or ""
            if "channel" in groups:
                index, label = CHANNELS.index(groups["channel"]), CHANNEL_LABELS[groups["channel"]]
            elif "segment" in groups:
                index, label = SEGMENTS.index(groups["segment"]), SEGMENT_LABELS[groups["segment"]].lower()
            elif "k" in groups:
                index, label = int(groups["k"]), str(int(groups["k"]) + 1)
            return Address(
                path=path,
                declaration=d,
                index=index,
                spec=params.SPECS[d.spec],
                label_nl=d.label_nl.format(label=label, k=label),
                channel=channel,
                segment=segment,
            )
    return None


def check_file_value(path: str, value: object) -> None:
    """Check one value of a scenario file against the declaration of its path (nothing for other paths).

    The error names the path (``baseline.volumes_per_year.telefoon``) and the input's Dutch label.
    """
    found = _declared(path)
    if found is not None:
        spec, label = found.spec, found.label_nl
    else:
        lever = lever_for_path(path)
        name = path.rsplit(".", 1)[-1]
        if lever is None or name not in lever.specs:
            return
        spec = params.SPECS[lever.specs[name]]
        label = f"{lever.label_nl}: {lever.labels_nl.get(name, spec.label_nl)}"
    if label != spec.label_nl:
        spec = replace(spec, label_nl=label)
    spec.check(value, path, warn=False)


def resolve(path: str, scenario: Scenario | None = None) -> Address:
    """The address of ``path``: which declaration it has and where it goes; an unknown path is an error.

    Parameters
    ----------
    path : str
        A dotted path, e.g. ``"cost.top_down_eur_per_contact.telefoon"``.
    scenario : Scenario or None
        Needed for lever inputs (their paths depend on the scenario's list of shifts).

    Examples
    --------
    >>> a = resolve("cost.top_down_eur_per_contact.telefoon")
    >>> a.spec.unit, a.label_nl
    ('EUR/contact', 'Kosten per contact – Telefoon')
    """
    found = _declared(path)
    if found is not None:
        return found
    if scenario is not None and lever_for_path(path) is not None:
        for i in scenario.inputs():
            if i.path == path:
                return Address(path=path, declaration=None, index=None, spec=params.SPECS[i.spec], label_nl=i.label_nl)
    raise InputError(
        "path",
        path,
        "unknown input path; known are e.g. cost.top_down_eur_per_contact.telefoon, status_portal.adoption_share, "
        "business_case.investments[0].amount_eur",
        allowed_nl="onbekende invoer",
        label_nl="Invoer",
    )


def case_paths(baseline: Baseline, scenario: Scenario, case: BusinessCase) -> list[str]:
    """Every input path of this case, in declaration order, then the levers' inputs.

    The declarations in the scenario file (not the uncertainty-only factors) for this cost
    method, per channel with contacts, per segment when a lever needs the segments, per item
    of the case's investments and recurring costs; then the inputs of the levers in use.

    Examples
    --------
    >>> import omnicalc as oc
    >>> base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> case_paths(base, oc.Scenario(), oc.BusinessCase())[:2]
    ['cost.top_down_eur_per_contact.telefoon', 'cost.handling_time_seconds.telefoon']
    """
    has = baseline.volume_per_year.sum(axis=-1) > 0
    used = [c for c, n in zip(CHANNELS, has) if n]
    segments = SEGMENTS if needs_segments(scenario) else ()
    out: list[str] = []
    concurrent = bool(has[list(CONCURRENT_MASK)].any())
    for d in DECLARATIONS:
        if not d.in_file or d.method not in (None, baseline.cost.method) or (d.concurrent and not concurrent):
            continue
        if "{channel}" in d.path:
            out += [d.path.format(channel=c) for c in used]
        elif "{segment}" in d.path:
            out += [d.path.format(segment=s) for s in segments]
        elif d.items:
            out += [d.path.format(k=k) for k in range(len(getattr(case, d.items)))]
        else:
            out.append(d.path)
    on = [lv for lv, active in zip(LEVERS, active_levers(scenario, lever_values(scenario))) if active]
    return out + [i.path for i in scenario.inputs() if lever_for_path(i.path) in on]


def base_values(baseline: Baseline, scenario: Scenario, case: BusinessCase, paths: list[str]) -> dict[str, float]:
    """The value of each path in this case (what :func:`kernel_inputs` uses when it is not replaced)."""
    m, x, ca, slots = _slots(baseline, scenario, case, None)
    out = {}
    for path in paths:
        a = resolve(path, scenario)
        if a.declaration is None:
            out[path] = float(x[path])
        else:
            value = slots[a.declaration.slot]
            out[path] = float(value if a.index is None else value[..., a.index])
    return out


def base_value(baseline: Baseline, scenario: Scenario, case: BusinessCase, path: str) -> float:
    """The value of one path in this case (see :func:`base_values`)."""
    return base_values(baseline, scenario, case, [path])[path]


def _rows(a: np.ndarray | float, n: int | None) -> np.ndarray:
    """A copy of ``a`` with ``n`` rows (contiguous: the kernel's einsums are faster on it than on a view)."""
    a = np.asarray(a, dtype=float)
    return a.copy() if n is None else np.broadcast_to(a, (n, *a.shape)).copy()


def _slots(
    baseline: Baseline, scenario: Scenario, case: BusinessCase, n: int | None
) -> tuple[ModelArrays, dict[str, np.ndarray], CaseArrays, dict[str, np.ndarray]]:
    m, x, ca, slots = _base_slots(baseline, scenario, case)
    return m, dict(x), ca, {k: _rows(v, n) for k, v in slots.items()}


_last: list[tuple[tuple[int, ...], tuple[object, ...], tuple]] = []  # the last case's arrays, by identity


def _base_slots(
    baseline: Baseline, scenario: Scenario, case: BusinessCase
) -> tuple[ModelArrays, dict[str, np.ndarray], CaseArrays, dict[str, np.ndarray]]:
    """The case's own arrays; the Monte Carlo asks for the same case once per chunk, so the last one is kept."""
    key = (id(baseline), id(scenario), id(case))
    if _last and _last[0][0] == key:
        return _last[0][2]
    m = ModelArrays.from_baseline(baseline)
    ca = CaseArrays.from_inputs(baseline, case)
    cost = baseline.cost
    slots = {
        "top_down": cost.array("top_down_eur_per_contact"),
        "handling": ca.handling_time_seconds,
        "overhead": cost.array("overhead_eur_per_contact"),
        "variable": m.variable_cost_share,
        "rate": np.asarray(cost.loaded_hourly_rate_eur),
        "productive": ca.productive_share,
        "chat_concurrency": ca.chat_concurrency,
        "volume_total": m.volume.sum(axis=-1),
        "volume_factor": np.ones(len(CHANNELS)),
        "status_factor": np.asarray(1.0),
        "repeat": m.repeat_contact_share,
        "segment_share": m.segment_share,
        "floor": m.assisted_floor_share,
        "discount": ca.discount_rate,
        "wage_index": ca.wage_indexation_share,
        "investment": ca.investment_eur,
        "recurring": ca.recurring_cost_eur_per_year,
        "salary": ca.salary_eur_per_month,
        "attrition": ca.attrition_share,
        "friction": ca.friction_eur_per_fte,
    }
    for a in slots.values():
        a.flags.writeable = False
    out = (m, lever_values(scenario), ca, slots)
    _last[:] = [(key, (baseline, scenario, case), out)]  # the objects are kept so that their ids stay theirs
    return out


def kernel_inputs(
    baseline: Baseline,
    scenario: Scenario,
    case: BusinessCase,
    values: Mapping[str, np.ndarray] | None = None,
    n: int | None = None,
) -> tuple[ModelArrays, dict[str, np.ndarray], CaseArrays]:
    """The kernel's arrays for this case, with each input named in ``values`` replaced.

    With ``n`` the volumes, the lever inputs and every replaced array get a leading axis of
    ``n`` rows (draws) and each value in ``values`` is an array of ``n``; an array not replaced
    keeps its own (read-only) value and broadcasts over the draws. Without ``n``, the arrays
    are the single evaluation's. Derived arrays are computed by the model's own functions:
    the cost per contact by :func:`omnicalc.model.cost_per_contact`, the status-question
    share by :func:`omnicalc.model.set_status_share`.

    Parameters
    ----------
    baseline, scenario, case
        The case.
    values : mapping of str to array or None
        Replacement values by path (see :func:`resolve`).
    n : int or None
        Number of rows (draws); None: no batch axis.
    """
    if n is None:
        m, x, ca, slots = _slots(baseline, scenario, case, None)
    else:  # arrays not replaced keep their own shape and broadcast over the draws (they are read-only)
        m, x, ca, slots = _base_slots(baseline, scenario, case)
        x, slots = {k: _rows(v, n) for k, v in x.items()}, dict(slots)  # a ramp's axis goes before the draws
    changed: set[str] = set()
    for path, v in (values or {}).items():
        a = resolve(path, scenario)
        if a.declaration is None:
            x[path] = np.asarray(v, dtype=float)
            continue
        if n is not None and a.declaration.slot not in changed:
            slots[a.declaration.slot] = _rows(slots[a.declaration.slot], n)
        slot = slots[a.declaration.slot]
        if a.index is None:
            slot[...] = v
        else:
            if a.index >= slot.shape[-1]:
                raise InputError("ranges", path, f"the case has {slot.shape[-1]} item(s) there")
            slot[..., a.index] = v
        changed.add(a.declaration.slot)
    volume = m.volume if n is None else _rows(m.volume, n)
    if changed & {"volume_total", "volume_factor"}:
        totals = m.volume.sum(axis=-1, keepdims=True)
        shares = np.where(totals > 0, m.volume / np.where(totals > 0, totals, 1.0), params.reason_shares())
        volume = shares * (slots["volume_total"] * slots["volume_factor"])[..., None]
    if "status_factor" in changed:
        share = np.minimum(1.0, status_share(volume) * np.asarray(slots["status_factor"])[..., None])
        volume = set_status_share(volume, share)
    cpc = m.cost_eur_per_contact
    if changed & {"top_down", "handling", "overhead", "rate", "productive", "chat_concurrency"}:
        cpc = cost_per_contact(
            baseline.cost.method,
            slots["top_down"],
            slots["handling"],
            slots["rate"],
            slots["productive"],
            slots["chat_concurrency"],
            slots["overhead"],
        )
    return (
        ModelArrays(volume, cpc, slots["variable"], slots["repeat"], slots["segment_share"], slots["floor"]),
        x,
        CaseArrays(
            slots["handling"],
            slots["chat_concurrency"],
            slots["productive"],
            slots["discount"],
            slots["wage_index"],
            slots["investment"],
            slots["recurring"],
            slots["salary"],
            slots["attrition"],
            slots["friction"],
            ca.teams,
        ),
    )


__all__ = [
    "DECLARATIONS",
    "Address",
    "Declaration",
    "base_value",
    "base_values",
    "case_paths",
    "check_file_value",
    "kernel_inputs",
    "resolve",
]
