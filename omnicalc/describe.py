"""Dutch names and values of a scenario file's paths: section, label and the value as a reader expects it.

Used for the inputs that no widget controls (the dashboard's read-only list) and for the inputs in which
kept scenarios differ (:mod:`omnicalc.compare`).

Labels come from :data:`omnicalc.params.SPECS` where a key names a parameter (directly or
through :data:`SPEC_OF`); otherwise from :data:`LABELS`; otherwise the dotted path is shown.
"""

from __future__ import annotations

from typing import Any

from . import fmt
from .domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from .levers import LEVER_LABELS, LEVERS
from .params import SPECS
from .scenario_doc import parse_path

#: Keys of the scenario file that name a parameter under another name.
SPEC_OF = {
    "years_to_full": "ramp_years_to_full",
    "start_year": "ramp_start_year",
    "amount_eur": "investment_eur",
    "amount_eur_per_year": "recurring_cost_eur_per_year",
    "minutes_per_contact": "resident_minutes_per_contact",
    "travel_eur_per_contact": "resident_travel_eur_per_contact",
    "top_down_eur_per_contact": "cost_eur_per_contact",
    "volumes_per_year": "volume_per_year",
    "status_question_share": "reason_share",
}

#: Dutch labels of keys that are not parameters.
LABELS = {
    "name": "Naam scenario",
    "gemeente": "Gemeente",
    "cbs_indeling_year": "CBS-indeling (jaar)",
    "label": "Omschrijving",
    "kind": "Vorm",
    "from_channel": "Van kanaal",
    "to_channel": "Naar kanaal",
    "reason": "Contactreden",
    "method": "Methode kosten per contact",
    "savings_basis": "Besparing in kasstroom",
    "profile_shares": "Weekprofiel (aandeel per interval)",
    "interval_minutes": "Intervallengte (minuten)",
    "status_question_share": "Aandeel statusvragen",
    "asset_kind": "Soort investering",
    "headline_view": "Kop van het dashboard",
    "nature": "Aard",
    "end_year": "Laatste jaar",
}

SECTIONS = {
    "baseline": "Uitgangssituatie",
    "cost": "Kosten per contact",
    "segments": "Inwonersgroepen",
    "status_portal": "Statusportaal",
    "repeat_contacts": "Herhaalcontact",
    "business_case": "Businesscase",
    "staffing": "Bezetting (Erlang C)",
    "residents": "Tijd en reiskosten van inwoners",
    "bbv": "Meerjarenraming (BBV)",
}

#: Levers in a ramp's heading (short: the full names are the accordion's titles).
RAMP_LABELS = {lv.key: lv.short_nl for lv in LEVERS}

_VALUES = {"s_curve": "S-curve", "linear": "lineair", "top_down": "top-down", "bottom_up": "bottom-up"}
_VALUES.update({"realisable": "realiseerbaar", "theoretical": "theoretisch"})
_VALUES.update({"implementation": "implementatie", "mkba": "MKBA", "bbv": "meerjarenraming (BBV)"})
_QUALIFIERS = {**CHANNEL_LABELS, **REASON_LABELS, **SEGMENT_LABELS, **LEVER_LABELS}


def describe(path: str) -> tuple[str, str, str | None]:
    """(section, label, parameter name or None) of one path, in Dutch.

    >>> describe("business_case.investments[1].label")
    ('Investering 2', 'Omschrijving', None)
    >>> describe("baseline.volumes_per_year.telefoon")
    ('Uitgangssituatie', 'Contacten per jaar (Telefoon)', 'volume_per_year')
    """
    parts = parse_path(path)
    section = "Scenario"
    keys: list[str] = []
    for i, p in enumerate(parts):
        prev = parts[i - 1] if i else None
        if isinstance(p, int):
            section = {
                "investments": "Investering",
                "recurring_costs": "Jaarlijkse kosten",
                "channel_shifts": "Kanaalverschuiving",
                "dekking": "Dekking",
            }.get(str(prev), str(prev))
            section = f"{section} {p + 1}"
            keys = []
        elif prev == "ramps":
            section, keys = f"Ingroeipad {RAMP_LABELS.get(p, p)}", []
        elif p in SECTIONS and not keys:
            section = SECTIONS[p]
        elif p != "ramps":
            keys.append(p)
    if not keys:  # an empty table, e.g. [business_case.residents]: the line is on, with its defaults
        return section, "Meegerekend", None
    key, qualifiers = keys[0], [_QUALIFIERS.get(k, k) for k in keys[1:]]
    name = SPEC_OF.get(key, key)
    if key == "share":
        name = "shift_share" if section.startswith("Kanaalverschuiving") else "segment_share"
    spec = SPECS.get(name)
    label = LABELS.get(key) or (spec.label_nl if spec else path)
    if section.startswith("Dekking") and key == "amount_eur_per_year":
        label = "Bedrag per jaar"
    if qualifiers:
        label += f" ({', '.join(qualifiers)})"
    return section, label, name if spec else None


def show_value(value: Any, parameter: str | None = None) -> str:
    """A value from the file as a Dutch reader expects it."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)):
        if parameter is not None:
            return fmt.format_exact(SPECS[parameter], float(value))
        return fmt.num(value, 0 if float(value).is_integer() else 2)
    if isinstance(value, str):
        return _VALUES.get(value) or _QUALIFIERS.get(value) or value
    if isinstance(value, dict):
        if not value:
            return "aan, met standaardwaarden"
        return ", ".join(f"{k} = {show_value(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(show_value(v, parameter) for v in value)
    return str(value)


__all__ = [
    "LABELS",
    "RAMP_LABELS",
    "SECTIONS",
    "SPEC_OF",
    "describe",
    "show_value",
]
