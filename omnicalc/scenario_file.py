"""Scenario files: a human-readable TOML file holding one baseline and one scenario.

Example (every section optional except ``schema_version``)::

    schema_version = 2
    name = "Statusportaal Utrecht"
    gemeente = "Utrecht"                  # CBS name or code; gives population
    cbs_indeling_year = 2024              # the CBS municipal division the code belongs to
    headline_view = "mkba"                # or "bbv": which view the dashboard headlines

    [baseline]
    volumes_per_year = { telefoon = 299136, balie = 237660 }   # else: population x defaults
    status_question_share = 0.35          # of the assisted channels' contacts; or per channel:
                                          # { telefoon = 0.30, email = 0.40 }

    [cost]
    method = "top_down"                   # or "bottom_up"
    top_down_eur_per_contact = { telefoon = 11.0 }

    [status_portal]
    reach_share = 0.6
    adoption_share = 0.5
    residual_contact_share = 0.2

    [repeat_contacts]
    reduction_share = 0.25

    [[channel_shifts]]
    from_channel = "telefoon"
    to_channel = "webformulier"
    reason = "aanvraag"
    share = 0.2

    [business_case]                       # multi-year frame; defaults where left out
    horizon_years = 5
    savings_basis = "realisable"          # or "theoretical"

    [business_case.ramps.status_portal]
    kind = "s_curve"                      # or "linear"
    years_to_full = 3

    [[business_case.investments]]
    label = "Implementatie statusportaal"
    amount_eur = 250000
    asset_kind = "implementation"         # or "software", "hardware": afschrijvingstermijn in de BBV-raming

    [[business_case.recurring_costs]]
    label = "Licentie en beheer"
    amount_eur_per_year = 60000

    [business_case.staffing]
    service_level_target_share = 0.8
    opening_hours = "ma-vr 08:30-17:00"   # or office_hours_per_week = 40 (flat), or profile_shares = [...]
    fte_step = 0.1                        # formatie-eenheid
    overhead_variable = false

    [business_case.staffing.teams.kcc]    # optional; default: a KCC team and a counter team
    channels = ["telefoon", "chat", "email", "whatsapp_social", "webformulier", "post"]
    min_agents = 1
    combined = false                      # true: gecombineerd met andere taken

    [business_case.staffing.teams.balie]  # every channel in exactly one team
    channels = ["balie"]
    min_agents = 0

    [business_case.residents]             # optional line: residents' own time and travel
    value_of_time_eur_per_hour = 10

    [bbv]                                 # the meerjarenraming (BBV); defaults where left out
    omslagrente_rate = 0.02
    capitalisation_threshold_eur = 25000  # activeringsgrens

    [[bbv.dekking]]                       # optional: how the lasten are covered
    label = "Vrijval formatie KCC"
    amount_eur_per_year = 50000

    [measured]                            # values measured in the gemeente's own registrations
    "baseline.status_question_share.telefoon" = { file = "kcc.csv", period = "2024-01-01/2024-12-31", rows = 98765 }

``[measured]`` holds provenance only (file name, period, row count; never a resident or case
reference): each key is a path this file gives a value, shown with basis *gemeten*
(:meth:`omnicalc.scenario_doc.ScenarioDocument.apply_measured` writes both). Change a measured
value and remove its line, or the value is still called measured.

Unknown keys are rejected with a message naming them. Values that equal the shipped
defaults are left out when a file is written, so files stay short.

Older files are migrated when read (:data:`MIGRATIONS`, one step per version) and written
back in the current schema; a file from a newer omnicalc is refused with a clear message.

Schema history
--------------
1
    First format (omnicalc 0.1).
2
    ``cbs_indeling_year``: gemeente codes change with municipal mergers (herindelingen) on
    1 January, so a file says which CBS division its ``gemeente`` belongs to. Version-1 files
    were all written against the 2024 division, the only one omnicalc 0.1 shipped.
    Optional additions that need no migration: ``[bbv]`` (with ``[[bbv.dekking]]``),
    ``headline_view`` and an investment's ``asset_kind``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import tomli_w

from . import bounded_toml, fmt, limits, params
from .bbv import BBVSettings, Dekking
from .business_case import (
    ArrivalProfile,
    BusinessCase,
    BusinessCaseResult,
    Investment,
    Ramp,
    RecurringCost,
    ResidentCosts,
    StaffingSettings,
    run_business_case,
)
from .domain import CHANNELS
from .errors import InputError, ScenarioFileError
from .gemeenten import INDELING_YEAR, find_gemeente
from .inputs import check_file_value, resolve
from .kpis import KpiTarget
from .levers import LEVER_KEYS, LEVERS
from .model import Baseline, CostModel, Result, Scenario, Segments, check_channels, evaluate
from .uncertainty import Range
from .workforce import teams_from_mapping

SCHEMA_VERSION = 2

#: The views a dashboard can headline: the MKBA (social value) or the meerjarenraming (BBV).
HEADLINE_VIEWS = ("mkba", "bbv")


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data, schema_version=2)
    if "gemeente" in out:
        out["cbs_indeling_year"] = 2024  # the only division omnicalc shipped while version 1 was current
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""Version n -> n + 1, applied in turn until the file is at :data:`SCHEMA_VERSION`."""

_TOP = {
    "schema_version",
    "name",
    "gemeente",
    "cbs_indeling_year",
    "baseline",
    "cost",
    "segments",
    "business_case",
    "ranges",
    "bbv",
    "headline_view",
    "measured",
    "kept",
    "targets",
    *(lv.section for lv in LEVERS),
}
_BASELINE = {
    "population",
    "volumes_per_year",
    "contacts_per_inhabitant_per_year",
    "status_question_share",
    "repeat_contact_share",
    "channels_offered",
}
_COST = {f.name for f in fields(CostModel)}
_SEGMENTS = {f.name for f in fields(Segments)} - {"gemeente"}  # the file's gemeente is its top-level one
_CASE = {
    "horizon_years",
    "discount_rate",
    "wage_indexation_share",
    "savings_basis",
    "release_mode",
    "ramps",
    "investments",
    "recurring_costs",
    "staffing",
    "residents",
}
_RAMP = {f.name for f in fields(Ramp)}
_INVESTMENT = {f.name for f in fields(Investment)}
_RECURRING = {f.name for f in fields(RecurringCost)}
_STAFFING = ({f.name for f in fields(StaffingSettings)} - {"profile"}) | {
    "opening_hours",
    "office_hours_per_week",
    "profile_shares",
    "interval_minutes",
}
_RESIDENTS = {f.name for f in fields(ResidentCosts)}
_BBV = {f.name for f in fields(BBVSettings)}
_DEKKING = {f.name for f in fields(Dekking)}
_TARGET = {f.name for f in fields(KpiTarget)}


@dataclass(frozen=True)
class MeasuredSource:
    """Where a measured value comes from: aggregates only, never a reference.

    Parameters
    ----------
    file : str
        The registration file's name.
    period : str
        First and last day, ``YYYY-MM-DD/YYYY-MM-DD``.
    rows : int
        Contacts counted [contacten].
    """

    file: str
    period: str
    rows: int

    @property
    def source_nl(self) -> str:
        """``bron: kcc.csv, 04-03-2024 t/m 31-03-2024, 120 rijen``."""
        first, last = ("-".join(reversed(d.split("-"))) for d in self.period.split("/"))
        return f"bron: {self.file}, {first} t/m {last}, {fmt.count(self.rows, 'rij', 'rijen')}"


@dataclass(frozen=True, eq=False)
class ScenarioFile:
    """What a scenario file holds: where the baseline comes from, and the levers.

    ``gemeente`` (CBS name or code) supplies population and name; ``population`` is
    needed when no gemeente is given. Without ``volumes_per_year`` the volumes are
    estimated from population x contacts per inhabitant.
    """

    scenario: Scenario = field(default_factory=Scenario)
    gemeente: str | None = None
    population: int | None = None
    volumes_per_year: Mapping[str, float] | None = None
    contacts_per_inhabitant_per_year: Mapping[str, float] | None = None
    #: one share for every assisted channel, or a share per channel (the others keep their defaults)
    status_question_share: float | Mapping[str, float] | None = None
    repeat_contact_share: Mapping[str, float] | None = None
    channels_offered: tuple[str, ...] | None = None
    cost: CostModel = field(default_factory=CostModel)
    segments: Segments = field(default_factory=Segments)
    business_case: BusinessCase = field(default_factory=BusinessCase)
    #: ranges that replace the shipped ones in the Monte Carlo and tornado, by input path (``[ranges]``:
    #: ``"status_portal.adoption_share" = [0.4, 0.6, 0.8]``, low / base / high)
    ranges: Mapping[str, Range] = field(default_factory=dict)
    #: the budget rules of the BBV view (``[bbv]``, with ``[[bbv.dekking]]`` lines); defaults where left out
    bbv: BBVSettings = field(default_factory=BBVSettings)
    #: which view the dashboard headlines: ``"mkba"`` (NPV, IRR, payback; the default) or ``"bbv"`` (meerjarenraming)
    headline_view: str = "mkba"
    #: provenance of measured values, by input path (``[measured]``)
    measured: Mapping[str, MeasuredSource] = field(default_factory=dict)
    #: scenarios kept beside this one for comparison (``[[kept]]``, each a whole scenario without its own
    #: ``schema_version`` or kept scenarios; :mod:`omnicalc.compare` shows how they differ)
    kept: tuple[ScenarioFile, ...] = ()
    #: the gemeente's KPI targets (``[[targets]]``: ``kpi``, ``value``, ``year``), checked per year
    #: (:func:`omnicalc.kpis.check_targets`)
    targets: tuple[KpiTarget, ...] = ()

    def __post_init__(self) -> None:
        if self.headline_view not in HEADLINE_VIEWS:
            raise ScenarioFileError(
                "headline_view",
                self.headline_view,
                "allowed is " + " or ".join(repr(v) for v in HEADLINE_VIEWS),
                allowed_nl="kies mkba (maatschappelijke waarde) of bbv (meerjarenraming)",
                label_nl="Kop van het dashboard",
            )

    def baseline(self) -> Baseline:
        """Build the baseline this file describes (validated)."""
        name, code, population = "", "", self.population
        if self.gemeente is not None:
            g = find_gemeente(self.gemeente)
            name, code = str(g["name"]), str(g.name)
            population = population or int(g["population"])
        if population is None:
            raise ScenarioFileError(
                "baseline.population",
                None,
                "give a gemeente or a population",
                allowed_nl="geef een gemeente of een aantal inwoners op",
                label_nl="Inwoners",
            )
        common: dict[str, Any] = dict(
            population=population,
            name=name,
            code=code,
            cost=self.cost,
            segments=self.segments,
            repeat_contact_share=self.repeat_contact_share or {},
        )
        if self.volumes_per_year is not None:
            base = Baseline.from_channel_volumes(self.volumes_per_year, **common)
        else:
            base = Baseline.from_population(
                contacts_per_inhabitant_per_year=self.contacts_per_inhabitant_per_year,
                channels_offered=self.channels_offered,
                **common,
            )
        share = self.status_question_share
        if isinstance(share, Mapping):
            for channel, value in share.items():
                base = base.with_status_question_share(value, (channel,))
        elif share is not None:
            base = base.with_status_question_share(share)
        return base

    def evaluate(self) -> Result:
        """The one-year evaluation at full effect."""
        return evaluate(self.baseline(), self.scenario)

    def run(self) -> BusinessCaseResult:
        """The multi-year business case."""
        return run_business_case(self.baseline(), self.scenario, self.business_case)


# --------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------
def _table(data: Mapping[str, Any], key: str, allowed: set[str], where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ScenarioFileError(
            where, value, "a table (section) is required", allowed_nl="hier hoort een sectie met velden", label_nl=where
        )
    _no_unknown(value, allowed, where)
    return dict(value)


def _no_unknown(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(k if len(k) <= 40 else k[:40] + "…" for k in set(data) - allowed)
    if unknown:
        raise ScenarioFileError(
            f"{where}.{unknown[0]}" if where else unknown[0],
            ", ".join(unknown),
            f"unknown key(s) {', '.join(unknown)}; allowed here: {', '.join(sorted(allowed))}",
            allowed_nl=f"onbekend veld {', '.join(unknown)}; toegestaan: {', '.join(sorted(allowed))}",
            label_nl=where or "scenariobestand",
        )


def _build(cls: type, kwargs: dict[str, Any], where: str) -> Any:
    try:
        return cls(**kwargs)
    except TypeError as e:  # a wrong type that the dataclass could not take
        raise ScenarioFileError(where, kwargs, f"fields do not fit: {e}") from e


def _list_of_tables(data: Mapping[str, Any], key: str, allowed: set[str], cls: type, where: str) -> tuple[Any, ...]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        raise ScenarioFileError(
            f"{where}.{key}" if where else key,
            raw,
            f"a list of [[{key}]] tables is required",
            allowed_nl=f"hier hoort een lijst [[{key}]]",
            label_nl=key,
        )
    out = []
    for i, item in enumerate(raw):
        at = f"{where}.{key}[{i}]" if where else f"{key}[{i}]"
        if not isinstance(item, Mapping):
            raise ScenarioFileError(
                at, item, "a table is required", allowed_nl="hier hoort een sectie met velden", label_nl=at
            )
        _no_unknown(item, allowed, at)
        try:
            out.append(_build(cls, dict(item), at))
        except InputError as e:  # "targets.value" -> "targets[1].value": which item
            if e.field.startswith(f"{key}."):
                e.field = at + e.field[len(key) :]
                e.args = (at + str(e.args[0])[len(key) :],)
            raise
    return tuple(out)


_CASE_SCALARS = ("horizon_years", "discount_rate", "wage_indexation_share", "savings_basis", "release_mode")


def _read_profile(staffing: dict[str, Any]) -> ArrivalProfile:
    """The arrival profile from one of opening_hours, office_hours_per_week (flat) or profile_shares."""
    given = [k for k in ("opening_hours", "office_hours_per_week", "profile_shares") if k in staffing]
    if len(given) > 1:
        raise ScenarioFileError(
            "business_case.staffing." + given[1],
            "…",
            "give one of opening_hours, office_hours_per_week or profile_shares",
            allowed_nl="geef openingstijden, openingsuren of een weekprofiel, niet meer dan één",
            label_nl="Weekprofiel",
        )
    interval = staffing.pop("interval_minutes", 30.0)
    hours = staffing.pop("office_hours_per_week", None)
    opening = staffing.pop("opening_hours", None)
    shares = staffing.pop("profile_shares", None)
    if shares is not None:
        if not isinstance(shares, list):
            raise ScenarioFileError("business_case.staffing.profile_shares", shares, "a list of numbers is required")
        try:
            return ArrivalProfile(tuple(shares), interval)
        except TypeError as e:
            raise ScenarioFileError(
                "business_case.staffing.profile_shares", shares, "a list of numbers is required"
            ) from e
    if hours is not None:
        return ArrivalProfile.flat(hours, interval)
    if opening is not None:
        return ArrivalProfile.from_opening_hours(opening, interval)
    return (
        ArrivalProfile.standard()
        if interval == 30.0
        else ArrivalProfile.from_opening_hours(ArrivalProfile.standard().opening_hours, interval)
    )


def _read_business_case(data: Mapping[str, Any]) -> BusinessCase:
    case = _table(data, "business_case", _CASE, "business_case")
    ramps_raw = _table(case, "ramps", set(LEVER_KEYS), "business_case.ramps")
    ramps = {
        lv: _build(Ramp, _table(ramps_raw, lv, _RAMP, f"business_case.ramps.{lv}"), f"business_case.ramps.{lv}")
        for lv in ramps_raw
    }
    staffing = _table(case, "staffing", _STAFFING, "business_case.staffing")
    profile = _read_profile(staffing)
    if "teams" in staffing:
        if not isinstance(staffing["teams"], Mapping):
            raise ScenarioFileError("business_case.staffing.teams", staffing["teams"], "a table per team is required")
        staffing["teams"] = teams_from_mapping(staffing["teams"], "business_case.staffing.teams")
    residents = None
    if "residents" in case:
        residents = _build(
            ResidentCosts, _table(case, "residents", _RESIDENTS, "business_case.residents"), "business_case.residents"
        )
    kwargs: dict[str, Any] = {k: case[k] for k in _CASE_SCALARS if k in case}
    return _build(
        BusinessCase,
        dict(
            kwargs,
            ramps=ramps,
            residents=residents,
            investments=_list_of_tables(case, "investments", _INVESTMENT, Investment, "business_case"),
            recurring_costs=_list_of_tables(case, "recurring_costs", _RECURRING, RecurringCost, "business_case"),
            staffing=_build(StaffingSettings, dict(staffing, profile=profile), "business_case.staffing"),
        ),
        "business_case",
    )


def read_scenario(text: str) -> ScenarioFile:
    """Parse and validate a scenario file's text.

    Parameters
    ----------
    text : str
        The TOML text of a scenario file (any schema version up to :data:`SCHEMA_VERSION`).

    Raises
    ------
    ScenarioFileError
        On invalid TOML, a missing or unsupported ``schema_version`` or an unknown key.
    InputError
        On a value outside what the model allows (the field is named).

    Examples
    --------
    >>> sf = read_scenario('schema_version = 2\\ngemeente = "Zwolle"\\n[status_portal]\\nreach_share = 0.5\\n')
    >>> sf.gemeente, sf.scenario.status_portal.reach_share
    ('GM0193', 0.5)
    """
    return _from_data(bounded_toml.loads(text))


def _from_data(data: dict[str, Any], nested: bool = False) -> ScenarioFile:
    """A scenario file from its parsed TOML (``nested``: a kept scenario, which keeps none itself)."""
    version = data.get("schema_version")
    data = _migrate(data)
    _no_unknown(data, _TOP, "")
    for path, value in _leaves(data):  # every declared input by its path, before anything is built
        check_file_value(path, value)
    baseline = _table(data, "baseline", _BASELINE, "baseline")
    levers: dict[str, Any] = {}
    for lv in LEVERS:  # every registered lever has its section
        allowed = {f.name for f in fields(lv.settings)}
        if lv.many:
            levers[lv.section] = _list_of_tables(data, lv.section, allowed, lv.settings, "")
        else:
            levers[lv.section] = _build(lv.settings, _table(data, lv.section, allowed, lv.section), lv.section)
    name = limits.text(data.get("name", ""), "name", label_nl="Naam")
    scenario = Scenario(name, levers=levers)
    gemeente = data.get("gemeente")
    if gemeente is not None:
        gemeente = limits.text(gemeente, "gemeente", label_nl="Gemeente") if isinstance(gemeente, str) else gemeente
        year = data.get("cbs_indeling_year", INDELING_YEAR)
        if year != INDELING_YEAR:
            raise ScenarioFileError(
                "cbs_indeling_year",
                year,
                f"this version of omnicalc knows the gemeenten of the CBS division {INDELING_YEAR}",
                allowed_nl=f"deze versie kent de gemeenten van de CBS-indeling {INDELING_YEAR}",
                label_nl="CBS-indeling",
            )
        gemeente = str(find_gemeente(str(gemeente)).name)  # validate early, store the CBS code
    return ScenarioFile(
        scenario=scenario,
        gemeente=gemeente,
        population=baseline.get("population"),
        volumes_per_year=baseline.get("volumes_per_year"),
        contacts_per_inhabitant_per_year=baseline.get("contacts_per_inhabitant_per_year"),
        status_question_share=_status_share(baseline.get("status_question_share")),
        repeat_contact_share=baseline.get("repeat_contact_share"),
        channels_offered=_channels_offered(baseline.get("channels_offered")),
        cost=_build(CostModel, _table(data, "cost", _COST, "cost"), "cost"),
        segments=_build(Segments, _table(data, "segments", _SEGMENTS, "segments"), "segments"),
        business_case=_read_business_case(data),
        ranges=_ranges(data.get("ranges"), scenario),
        bbv=_read_bbv(data),
        headline_view=data.get("headline_view", "mkba"),
        measured=_measured(data.get("measured"), data),
        kept=_kept(data.get("kept"), version, nested),
        targets=_list_of_tables(data, "targets", _TARGET, KpiTarget, ""),
    )


def _kept(given: object, version: object, nested: bool) -> tuple[ScenarioFile, ...]:
    """The ``[[kept]]`` scenarios, each read as a file of the outer file's schema version; an error in
    one names it (``kept[1].status_portal.reach_share``)."""
    if given is None:
        return ()
    if nested:
        raise ScenarioFileError(
            "kept",
            "[[kept]]",
            "a kept scenario cannot keep scenarios of its own",
            allowed_nl="een bewaard scenario bewaart zelf geen scenario's",
            label_nl="Bewaarde scenario's",
        )
    if not isinstance(given, list) or not all(isinstance(k, dict) for k in given):
        raise ScenarioFileError(
            "kept",
            type(given).__name__,
            "a list of tables ([[kept]])",
            allowed_nl="een lijst van secties ([[kept]])",
            label_nl="Bewaarde scenario's",
        )
    limits.KEPT_SCENARIOS.check(len(given), "kept", label_nl="Bewaarde scenario's")
    out = []
    for i, entry in enumerate(given):
        if "schema_version" in entry:
            raise ScenarioFileError(
                f"kept[{i}].schema_version",
                entry["schema_version"],
                "a kept scenario has the schema version of its file",
                allowed_nl="een bewaard scenario heeft de schemaversie van zijn bestand",
                label_nl="Schemaversie",
            )
        try:
            out.append(_from_data({**entry, "schema_version": version}, nested=True))
        except InputError as e:  # name the kept scenario, in both languages
            e.field = f"kept[{i}].{e.field}"
            e.message_nl = f"Bewaard scenario {i + 1}: {e.message_nl}"
            e.args = (f"kept[{i}].{e.args[0]}",)
            raise
    return tuple(out)


def _read_bbv(data: Mapping[str, Any]) -> BBVSettings:
    """``[bbv]``: indexation, activeringsgrens, depreciation periods, omslagrente; ``[[bbv.dekking]]`` lines."""
    bbv = _table(data, "bbv", _BBV, "bbv")
    return _build(BBVSettings, dict(bbv, dekking=_list_of_tables(bbv, "dekking", _DEKKING, Dekking, "bbv")), "bbv")


def _measured(given: object, data: Mapping[str, Any]) -> dict[str, MeasuredSource]:
    """``[measured]``: input path -> {file, period, rows}; the path must be one this file gives a value."""
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ScenarioFileError("measured", given, "a table of input path = {file, period, rows} is required")
    values = {path for path, _ in _leaves({k: v for k, v in data.items() if k != "measured"})}
    out = {}
    for path, value in given.items():
        where = f"measured.{path}"
        if path not in values:
            raise ScenarioFileError(
                where,
                path,
                "a path this file gives a value is required",
                allowed_nl="een invoer waarvoor dit bestand een waarde geeft",
                label_nl="Gemeten",
            )
        if not isinstance(value, Mapping):
            raise ScenarioFileError(where, value, "a table {file, period, rows} is required")
        _no_unknown(value, {"file", "period", "rows"}, where)
        rows = value.get("rows")
        period = str(value.get("period", ""))
        if (
            not isinstance(rows, int)
            or isinstance(rows, bool)
            or rows < 0
            or not re.fullmatch(r"\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d", period)
        ):
            raise ScenarioFileError(
                where,
                value,
                "rows (a whole number) and period (YYYY-MM-DD/YYYY-MM-DD) are required",
                allowed_nl="rijen (een geheel getal) en periode (JJJJ-MM-DD/JJJJ-MM-DD)",
                label_nl="Gemeten",
            )
        file = limits.text(value.get("file", ""), f"{where}.file", label_nl="Bestand")
        out[str(path)] = MeasuredSource(file, period, rows)
    return out


def _ranges(given: object, scenario: Scenario) -> dict[str, Range]:
    """``[ranges]``: input path -> [low, base, high]; the path must be an input of this file, the numbers finite
    and within the input's bounds, low <= base <= high."""
    if given is None:
        return {}
    if not isinstance(given, Mapping):
        raise ScenarioFileError("ranges", given, "a table of input path = [low, base, high] is required")
    out = {}
    for path, value in given.items():
        where = f"ranges.{path}"
        try:
            address = resolve(str(path), scenario)
        except InputError:
            raise ScenarioFileError(
                where,
                path,
                "an input path of this file is required, e.g. status_portal.adoption_share",
                allowed_nl="een invoer van dit bestand, bijvoorbeeld status_portal.adoption_share",
                label_nl="Bandbreedte",
            ) from None
        if not (isinstance(value, list) and len(value) == 3):
            raise ScenarioFileError(
                where,
                value,
                "three numbers [low, base, high] are required",
                allowed_nl="drie getallen [laag, basis, hoog]",
                label_nl=f"Bandbreedte {address.label_nl}",
            )
        low, base, high = (address.spec.check(v, where, warn=False) for v in value)
        if not low <= base <= high:
            raise ScenarioFileError(
                where,
                value,
                "low <= base <= high is required",
                allowed_nl="laag <= basis <= hoog",
                label_nl=f"Bandbreedte {address.label_nl}",
            )
        out[str(path)] = Range(float(low), float(base), float(high))
    return out


def _status_share(given: object) -> float | dict[str, float] | None:
    """``baseline.status_question_share``: one share, or a share per channel; checked on reading."""
    path, spec = "baseline.status_question_share", params.SPECS["reason_share"]
    if not isinstance(given, Mapping):
        return None if given is None else spec.check(given, path)
    out = {}
    for channel, value in given.items():
        if channel not in CHANNELS:
            raise ScenarioFileError(
                path,
                channel,
                f"a channel is one of {', '.join(CHANNELS)}",
                allowed_nl="een kanaal: " + ", ".join(CHANNELS),
                label_nl="Aandeel statusvragen",
            )
        out[channel] = spec.check(value, f"{path}.{channel}")
    return out


def _channels_offered(given: object) -> tuple[str, ...] | None:
    if given is None:
        return None
    if not isinstance(given, list):
        raise ScenarioFileError("baseline.channels_offered", given, "a list of channel names is required")
    return check_channels(given)


def _leaves(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """(path, value) of every value in the parsed file that is not a table: ``a.b``, ``a[0].b``."""
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            out += _leaves(value, path)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for i, item in enumerate(value):
                out += _leaves(item, f"{path}[{i}]")
        else:
            out.append((path, value))
    return out


def _migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed file up to :data:`SCHEMA_VERSION`, one version at a time."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ScenarioFileError(
            "schema_version",
            version,
            f"schema_version must be a whole number from 1 to {SCHEMA_VERSION}",
            allowed_nl=f"schema_version moet een geheel getal van 1 tot en met {SCHEMA_VERSION} zijn",
            label_nl="Schemaversie",
        )
    if version > SCHEMA_VERSION:
        raise ScenarioFileError(
            "schema_version",
            version,
            f"the file was written by a newer omnicalc (schema_version {version}); update omnicalc to read it",
            allowed_nl=f"het bestand komt uit een nieuwere versie van omnicalc (schemaversie {version}); "
            "werk omnicalc bij",
            label_nl="Schemaversie",
        )
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def load_scenario(path: str | os.PathLike[str]) -> ScenarioFile:
    """Read a scenario file from disk (UTF-8 TOML).

    Parameters
    ----------
    path : str or path-like
        A UTF-8 TOML scenario file.
    """
    try:
        with open(path, encoding="utf-8") as f:  # one character more than allowed is enough to refuse it
            text = f.read(limits.SCENARIO_CHARS.value + 1)
    except (OSError, UnicodeDecodeError) as e:
        raise ScenarioFileError(
            "file",
            str(path),
            f"the file cannot be read ({e})",
            allowed_nl=f"het bestand kan niet worden gelezen ({e})",
            label_nl="Scenariobestand",
        ) from e
    return read_scenario(text)


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------
def _changed(obj: object, default: object) -> dict[str, Any]:
    """Fields of a dataclass that differ from the default instance (per channel for mappings)."""
    out: dict[str, Any] = {}
    for f in fields(obj):  # type: ignore[arg-type]
        value, base = getattr(obj, f.name), getattr(default, f.name)
        if isinstance(value, Mapping):
            diff = {k: v for k, v in value.items() if not np.isclose(v, base[k], rtol=0, atol=1e-12)}
            if diff:
                out[f.name] = diff
        elif value != base:
            out[f.name] = value
    return out


def dump_scenario(sf: ScenarioFile) -> str:
    """The TOML text of a scenario file; :func:`read_scenario` reads it back to the same models.


    Parameters
    ----------
    sf : ScenarioFile
        What to write.

    Examples
    --------
    >>> print(dump_scenario(ScenarioFile(gemeente="GM0193")).splitlines()[0])
    schema_version = 2
    """
    data = _dump_data(sf)
    if sf.kept:
        data["kept"] = [{k: v for k, v in _dump_data(k).items() if k != "schema_version"} for k in sf.kept]
    return tomli_w.dumps(data)


def _dump_data(sf: ScenarioFile) -> dict[str, Any]:
    """What :func:`dump_scenario` writes of one scenario (not its kept scenarios), as plain data."""
    s = sf.scenario
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "name": s.name}
    if sf.gemeente is not None:
        data["gemeente"] = sf.gemeente
        data["cbs_indeling_year"] = INDELING_YEAR
    baseline = {
        k: v
        for k, v in {
            "population": sf.population,
            "volumes_per_year": dict(sf.volumes_per_year) if sf.volumes_per_year is not None else None,
            "contacts_per_inhabitant_per_year": dict(sf.contacts_per_inhabitant_per_year)
            if sf.contacts_per_inhabitant_per_year is not None
            else None,
            "status_question_share": dict(sf.status_question_share)
            if isinstance(sf.status_question_share, Mapping)
            else sf.status_question_share,
            "repeat_contact_share": dict(sf.repeat_contact_share) if sf.repeat_contact_share else None,
            "channels_offered": list(sf.channels_offered) if sf.channels_offered is not None else None,
        }.items()
        if v is not None
    }
    if baseline:
        data["baseline"] = baseline
    for key, value in (("cost", _changed(sf.cost, CostModel())), ("segments", _dump_segments(sf.segments))):
        if value:
            data[key] = value
    for lv in LEVERS:  # a lever's section is written when it is not switched off
        settings = s.levers[lv.section]
        if lv.many and settings:
            data[lv.section] = [
                {f.name: getattr(item, f.name) for f in fields(item) if getattr(item, f.name) is not None}
                for item in settings
            ]
        elif not lv.many and settings != lv.default():
            data[lv.section] = {f.name: getattr(settings, f.name) for f in fields(settings)}
    case = _dump_business_case(sf.business_case)
    if case:
        data["business_case"] = case
    if sf.ranges:
        data["ranges"] = {path: [r.low, r.base, r.high] for path, r in sf.ranges.items()}
    bbv = _changed(sf.bbv, BBVSettings())
    if "dekking" in bbv:
        bbv["dekking"] = [{k: v for k, v in asdict(d).items() if v is not None} for d in sf.bbv.dekking]
    if bbv:
        data["bbv"] = bbv
    if sf.headline_view != "mkba":
        data["headline_view"] = sf.headline_view
    if sf.targets:
        data["targets"] = [{k: v for k, v in asdict(t).items() if v is not None} for t in sf.targets]
    if sf.measured:
        data["measured"] = {
            path: {"file": m.file, "period": m.period, "rows": m.rows} for path, m in sf.measured.items()
        }
    return data


def _dump_segments(segments: Segments) -> dict[str, Any]:
    """The ``[segments]`` table: the shares only when given (else the gemeente's own apply), floors that differ."""
    out: dict[str, Any] = {"share": dict(segments.share)} if segments.share_given else {}
    floors = _changed(segments, Segments()).get("assisted_floor_share")
    return out | ({"assisted_floor_share": floors} if floors else {})


def _dump_business_case(case: BusinessCase) -> dict[str, Any]:
    default = BusinessCase()
    out: dict[str, Any] = {k: getattr(case, k) for k in _CASE_SCALARS if getattr(case, k) != getattr(default, k)}
    ramps = {lv: _changed(r, Ramp()) for lv, r in case.ramps.items() if _changed(r, Ramp())}
    if ramps:
        out["ramps"] = ramps
    if case.investments:
        out["investments"] = [
            {"label": i.label, "amount_eur": i.amount_eur}
            | ({"asset_kind": i.asset_kind} if i.asset_kind != "implementation" else {})
            for i in case.investments
        ]
    if case.recurring_costs:
        out["recurring_costs"] = [
            {"label": c.label, "amount_eur_per_year": c.amount_eur_per_year, "start_year": c.start_year}
            for c in case.recurring_costs
        ]
    staffing = {k: v for k, v in _changed(case.staffing, default.staffing).items() if k not in ("profile", "teams")}
    staffing.update(_dump_profile(case.staffing.profile))
    if case.staffing.teams is not None:
        staffing["teams"] = {
            t.key: {
                "label": t.label_nl,
                "channels": list(t.channels),
                "min_agents": t.min_agents,
                "combined": t.combined,
            }
            for t in case.staffing.teams
        }
    if staffing:
        out["staffing"] = staffing
    if case.residents is not None:
        out["residents"] = _changed(case.residents, ResidentCosts()) or {}
    return out


def _dump_profile(profile: ArrivalProfile) -> dict[str, Any]:
    """The shortest fields that give ``profile`` back: nothing, opening_hours, office_hours_per_week or shares."""
    standard = ArrivalProfile.standard()
    out: dict[str, Any] = {}
    if profile.interval_minutes != 30.0:
        out["interval_minutes"] = profile.interval_minutes
    if profile.shares == standard.shares:
        return out
    if profile.opening_hours:
        try:
            again = ArrivalProfile.from_opening_hours(profile.opening_hours, profile.interval_minutes)
        except InputError:
            again = None
        if again is not None and again.shares == profile.shares:
            if profile.opening_hours != standard.opening_hours or profile.interval_minutes == 30.0:
                out["opening_hours"] = profile.opening_hours
            return out
    hours = len(profile.shares) * profile.interval_minutes / 60.0
    if len(set(profile.shares)) == 1 and ArrivalProfile.flat(hours, profile.interval_minutes).shares == profile.shares:
        out["office_hours_per_week"] = hours
        return out
    out["profile_shares"] = list(profile.shares)
    return out


def write_scenario(sf: ScenarioFile, path: str | os.PathLike[str]) -> None:
    """Write a scenario file atomically: a temporary file in the same folder, then a rename.

    Parameters
    ----------
    sf : ScenarioFile
        What to write.
    path : str or path-like
        Target file; replaced atomically.
    """
    target = Path(path)
    text = dump_scenario(sf)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "HEADLINE_VIEWS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "MeasuredSource",
    "ScenarioFile",
    "dump_scenario",
    "load_scenario",
    "read_scenario",
    "write_scenario",
]
