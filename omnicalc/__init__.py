"""omnicalc: business case and channel-mix calculator for municipal customer contact.

The core (this namespace) is pure: numpy, pandas and scipy only; the dashboards live in
``omnicalc.ui`` and are imported only when used.

>>> import omnicalc as oc
>>> base = oc.baseline_for_gemeente("Den Haag")
>>> result = oc.evaluate(base, oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.6, 0.2)))
>>> result.saving_eur_per_year > 0
True
"""

from .analysis import DEFAULT_DRAWS, Analysis, analyse
from .bbv import MKBA_VS_BBV_NL, BBVSettings, Dekking, Meerjarenraming, meerjarenraming, mkba_vs_bbv_nl
from .business_case import (
    ArrivalProfile,
    BusinessCase,
    BusinessCaseResult,
    Investment,
    Ramp,
    RecurringCost,
    ResidentCosts,
    StaffingCheck,
    StaffingSettings,
    Team,
    run_business_case,
    team_fte,
)
from .compare import Comparison, compare
from .decision import GoalSeek, OptimalMix, goal_seek, optimal_mix, shiftable_to_self_service, with_lever
from .domain import ASSISTED_CHANNELS, CHANNELS, REASONS, SEGMENTS
from .erlang import Staffing, required_agents
from .errors import AssumptionWarning, InputError, OmnicalcError, ScenarioFileError
from .finance import IRR, Payback, irr, npv, payback_year, roi
from .gemeenten import find_gemeente, gemeenten
from .headline import (
    HeadlineResult,
    NationalHeadline,
    claim_from_pilot,
    claim_needs_calls_per_inhabitant,
    headline,
    national_estimate,
    national_headline,
)
from .kcc_import import Imported, read_kcc_export
from .klantinteracties import fetch_klantcontacten, read_klantcontacten
from .kpis import KPIS, KpiTarget, check_targets, kpi_table
from .levers import LEVERS, Lever
from .levers.digital_assistant import DigitalAssistant
from .model import (
    Baseline,
    ChannelShift,
    CostModel,
    NationalResult,
    ProactiveStatus,
    RepeatContacts,
    Result,
    Scenario,
    Segments,
    StatusPortal,
    baseline_for_gemeente,
    evaluate,
    evaluate_national,
)
from .monitor import Monitor, monitor
from .params import SPECS, default_table
from .presets import claim_scenario_file, standard_scenario_file
from .registrations import Measured, Rule, classify, default_rules, read_acd, read_registrations, wilson
from .scenario_file import (
    MIGRATIONS,
    SCHEMA_VERSION,
    ScenarioFile,
    dump_scenario,
    load_scenario,
    read_scenario,
    write_scenario,
)
from .uncertainty import (
    DEFAULT_SEED,
    NationalSimulation,
    Range,
    Simulation,
    Tornado,
    UncertainInput,
    simulate,
    simulate_national,
    tornado,
    uncertain_inputs,
)

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_DRAWS",
    "Analysis",
    "analyse",
    "Imported",
    "read_kcc_export",
    "MKBA_VS_BBV_NL",
    "BBVSettings",
    "Dekking",
    "Meerjarenraming",
    "meerjarenraming",
    "mkba_vs_bbv_nl",
    "Measured",
    "Rule",
    "classify",
    "default_rules",
    "fetch_klantcontacten",
    "read_acd",
    "read_klantcontacten",
    "read_registrations",
    "wilson",
    "GoalSeek",
    "OptimalMix",
    "goal_seek",
    "optimal_mix",
    "shiftable_to_self_service",
    "with_lever",
    "DEFAULT_SEED",
    "NationalSimulation",
    "simulate_national",
    "Range",
    "Simulation",
    "Tornado",
    "UncertainInput",
    "simulate",
    "tornado",
    "uncertain_inputs",
    "ASSISTED_CHANNELS",
    "CHANNELS",
    "IRR",
    "REASONS",
    "SEGMENTS",
    "SPECS",
    "ArrivalProfile",
    "AssumptionWarning",
    "Baseline",
    "BusinessCase",
    "BusinessCaseResult",
    "ChannelShift",
    "CostModel",
    "HeadlineResult",
    "InputError",
    "Investment",
    "NationalResult",
    "ProactiveStatus",
    "DigitalAssistant",
    "Monitor",
    "monitor",
    "Comparison",
    "compare",
    "KPIS",
    "KpiTarget",
    "check_targets",
    "kpi_table",
    "LEVERS",
    "Lever",
    "OmnicalcError",
    "Payback",
    "Ramp",
    "RecurringCost",
    "RepeatContacts",
    "ResidentCosts",
    "Result",
    "Scenario",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ScenarioFile",
    "ScenarioFileError",
    "Segments",
    "Staffing",
    "StaffingCheck",
    "StaffingSettings",
    "Team",
    "StatusPortal",
    "baseline_for_gemeente",
    "default_table",
    "dump_scenario",
    "evaluate",
    "evaluate_national",
    "find_gemeente",
    "gemeenten",
    "headline",
    "NationalHeadline",
    "claim_from_pilot",
    "claim_needs_calls_per_inhabitant",
    "national_headline",
    "claim_scenario_file",
    "standard_scenario_file",
    "irr",
    "load_scenario",
    "national_estimate",
    "npv",
    "payback_year",
    "read_scenario",
    "required_agents",
    "roi",
    "run_business_case",
    "team_fte",
    "write_scenario",
]
