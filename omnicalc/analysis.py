"""One analysis: everything a screen, report or command line shows, computed once.

:func:`analyse` evaluates a scenario file (one year at full effect), runs its business case,
the Monte Carlo (with a fixed number of draws and seed, the same everywhere) and the
tornado, and says the headline figures in Dutch. The dashboards, the Excel/HTML/PDF reports
and the CLI only render an :class:`Analysis`; the same file gives the same numbers in each.

>>> import omnicalc as oc
>>> a = oc.analyse(oc.read_scenario('schema_version = 2\\ngemeente = "Zwolle"\\n'), draws=200)
>>> a.kpis.loc["npv_eur", "label_nl"]
'Netto contante waarde'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from . import fmt, params
from .bbv import BBVSettings, Meerjarenraming, meerjarenraming
from .business_case import (
    ArrivalProfile,
    BusinessCase,
    BusinessCaseResult,
    ResidentCosts,
    StaffingSettings,
    resident_cost_per_segment,
    run_business_case,
)
from .compare import Comparison, compare
from .domain import CHANNEL_LABELS
from .inputs import DECLARATIONS, Address, base_values, case_paths, resolve
from .kpis import check_targets
from .model import Baseline, Result, evaluate
from .presets import INVESTMENT_LABEL, RECURRING_LABEL, STANDARD_INVESTMENT_EUR, STANDARD_RECURRING_EUR
from .scenario_file import ScenarioFile
from .uncertainty import DEFAULT_SEED, Progress, Simulation, Tornado, simulate, tornado
from .workforce import COMBINED_POPULATION

#: Monte Carlo draws of every analysis unless asked otherwise: on screen, in reports and in the CLI
#: (P10/P90 of the NPV move by about 1% between seeds at this count).
DEFAULT_DRAWS = 2_000

#: What the theoretical saving is, in the same words on every dashboard, report and the CLI.
THEORETICAL_NL = "theoretisch (volle kosten per contact)"

#: The headline outputs with their Dutch labels: the one place of these names.
OUTPUT_LABELS_NL: dict[str, str] = {
    "saving_eur_per_year": "Besparing per jaar",
    "npv_eur": "Netto contante waarde",
    "payback_year": "Terugverdientijd",
    "fte_released": "Formatie vrij",
    "irr": "Interne rentevoet (IRR)",
    "roi": "Rendement (ROI)",
    "bbv_cumulative_eur": "Cumulatief budgettair saldo (BBV)",
    "bbv_structural_eur": "Structureel effect (BBV)",
}


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything shown about one scenario file, computed once by :func:`analyse`.

    Parameters
    ----------
    scenario_file : ScenarioFile
        What was analysed.
    baseline : Baseline
        The gemeente's baseline built from it.
    result : Result
        One year at full effect [EUR/year, contacts/year].
    business_case : BusinessCaseResult
        The years of the business case [EUR].
    simulation : Simulation
        The Monte Carlo of the business case [EUR].
    sensitivity : Tornado
        One-at-a-time swings of the NPV [EUR].
    made_on : date
        Date shown on reports.
    bbv_settings : BBVSettings
        Budget rules of the BBV view (:attr:`bbv`): indexation, activeringsgrens, depreciation
        periods, omslagrente and dekking.
    """

    scenario_file: ScenarioFile
    baseline: Baseline
    result: Result
    business_case: BusinessCaseResult
    simulation: Simulation
    sensitivity: Tornado
    made_on: date = field(default_factory=date.today)
    bbv_settings: BBVSettings = field(default_factory=BBVSettings)

    @property
    def headline_view(self) -> str:
        """Which view the dashboard headlines: ``"mkba"`` (the default) or ``"bbv"``, from the scenario file."""
        return self.scenario_file.headline_view

    @cached_property
    def bbv(self) -> Meerjarenraming:
        """The BBV view (*meerjarenraming*, nominal jaarschijven) of the same business case as the MKBA view."""
        return meerjarenraming(self.business_case, self.bbv_settings)

    @property
    def title(self) -> str:
        """``Scenario – gemeente``; the gemeente once, also when the scenario's name holds it."""
        name = self.scenario_file.scenario.name or "Scenario"
        who = self.baseline.name or "eigen invoer"
        return name if who.lower() in name.lower() else f"{name} – {who}"

    def file_stem(self) -> str:
        """``omnicalc_<gemeente>_<date>``: safe for file systems."""
        who = self.baseline.name or "scenario"
        who = "".join(ch if ch.isalnum() else "-" for ch in who).strip("-") or "scenario"
        return f"omnicalc_{who}_{self.made_on:%Y-%m-%d}"

    @cached_property
    def residents_per_segment(self) -> pd.DataFrame:
        """Residents' own time and travel per segment at full effect (:func:`omnicalc.business_case.
        resident_cost_per_segment`), with the case's residents' line or, if it is off, its defaults: the
        residents' side is shown in every case, it never enters the gemeente's cash flow."""
        return resident_cost_per_segment(self.result, self.business_case.case.residents or ResidentCosts())

    @cached_property
    def kpis(self) -> pd.DataFrame:
        """The headline figures: value, its Dutch text and a note (band, basis), by output key."""
        bc, sim, r = self.business_case, self.simulation, self.result
        y = bc.years
        case = bc.case
        saving = y["savings_used_eur"].iloc[-1]
        band = sim.band_nl("yearly_saving_eur", saving)
        if case.savings_basis == "theoretical":
            saving_note = f"{THEORETICAL_NL}: elk vermeden contact bespaart de volle kosten per contact. {band}"
        else:
            other = "herinzetten" if case.release_mode == "bezuinigen" else "bezuinigen"
            saving_note = (
                f"realiseerbaar ({case.release_mode}) in het laatste jaar, {band}; bij {other} "
                f"{fmt.eur(y[f'saving_{other}_eur'].iloc[-1])}; {THEORETICAL_NL} {fmt.eur(r.saving_eur_per_year)} "
                f"({sim.band_nl('theoretical_saving_eur', r.saving_eur_per_year)}). "
                f"{bc.release_sentence_nl()}"
            )
        rows = {
            "saving_eur_per_year": (saving, fmt.eur(saving), saving_note),
            "npv_eur": (bc.npv_eur, fmt.eur(bc.npv_eur), sim.band_nl("npv_eur", bc.npv_eur)),
            "payback_year": (
                bc.payback.year,
                bc.payback.text_nl,
                self.payback_sentence_nl,
            ),
            "fte_released": (
                (
                    y["fte_released"].iloc[-1],
                    f"{fmt.num(y['fte_released'].iloc[-1], 1)} fte afgebouwd",
                    f"{sim.band_nl('fte_released', y['fte_released'].iloc[-1])}; "
                    f"{fmt.num(y['fte_freed'].iloc[-1], 1)} fte vrijgespeeld; bezetting nu "
                    f"{fmt.num(y['fte_workload'].iloc[0], 1)} fte",
                )
                if case.release_mode == "bezuinigen"
                else (
                    y["fte_freed"].iloc[-1],
                    f"{fmt.num(y['fte_freed'].iloc[-1], 1)} fte heringezet",
                    f"{sim.band_nl('fte_freed', y['fte_freed'].iloc[-1])}; niets afgebouwd; bezetting nu "
                    f"{fmt.num(y['fte_workload'].iloc[0], 1)} fte",
                )
            ),
            "irr": (bc.irr.rate, bc.irr.text_nl, "onzekerheid: zie de bandbreedte van de netto contante waarde"),
            "bbv_cumulative_eur": (
                cumulative := float(self.bbv.balance["cumulative_eur"].iloc[-1]),
                fmt.eur(cumulative),
                f"meerjarenraming, nominaal, na dekking, over {case.horizon_years} jaarschijven; op de basiswaarden "
                "(de bandbreedte staat bij de netto contante waarde)",
            ),
            "bbv_structural_eur": (
                self.bbv.structural_effect_eur,
                f"{fmt.eur(self.bbv.structural_effect_eur)} per jaar",
                "structureel saldo van de laatste jaarschijf: wat de begroting vanaf dan draagt",
            ),
            "roi": (
                bc.roi,
                fmt.pct(bc.roi) if bc.roi is not None else "geen kosten ingevuld",
                sim.band_nl("roi", bc.roi) if bc.roi is not None else "",
            ),
        }
        return pd.DataFrame(
            [(k, OUTPUT_LABELS_NL[k], *v) for k, v in rows.items()],
            columns=["output", "label_nl", "value", "text_nl", "note_nl"],
        ).set_index("output")

    @cached_property
    def comparison(self) -> Comparison | None:
        """The kept scenarios side by side (:func:`omnicalc.compare.compare`), once for every report; None when
        the file keeps none."""
        kept = self.scenario_file.kept
        return compare(kept) if kept else None

    @cached_property
    def targets(self) -> pd.DataFrame:
        """The scenario file's KPI targets against the business case, per target (:func:`omnicalc.kpis.
        check_targets`); empty when the file sets none."""
        return check_targets(self.business_case, self.scenario_file.targets)

    @property
    def payback_sentence_nl(self) -> str:
        """The one Dutch sentence on payback (deterministic case and simulation together), as the KPI card,
        the CLI and the reports show it."""
        return self.simulation.payback_sentence_nl(self.business_case.payback)

    @property
    def uncertainty_note_nl(self) -> str:
        return f"Onzekerheid: {fmt.num(self.simulation.draws)} trekkingen, seed {self.simulation.seed}."

    def inputs(self) -> pd.DataFrame:
        """Every input of this case with its path, unit, basis and source (:func:`omnicalc.inputs.case_paths`).

        The scenario's choices first (cost method, horizon, savings basis, population), then
        each input path: lever settings are choices, values equal to a shipped default carry
        its basis and source, other values are the user's.
        """
        sf, case, base = self.scenario_file, self.business_case.case, self.baseline
        s = sf.scenario
        rows: list[tuple[str, str, object, str, str, str]] = [
            ("", "Kostenmethode", base.cost.method.replace("_", "-"), "", "keuze", "Scenario"),
            ("", "Looptijd", case.horizon_years, "jaar", "keuze", "Scenario"),
            (
                "",
                "Besparing in kasstroom",
                "realiseerbaar" if case.savings_basis == "realisable" else "theoretisch",
                "",
                "keuze",
                "Scenario",
            ),
            ("", "Inwoners", base.population, "inwoners", "bron", "CBS Kerncijfers wijken en buurten 2024"),
        ]
        paths = case_paths(base, s, case)
        for path, value in base_values(base, s, case, paths).items():
            a = resolve(path, s)
            unit = "fractie" if a.spec.percent else a.spec.unit
            rows.append((path, _label(a, case), value, unit, *_basis(a, value, base, case)))
        rows.extend(_staffing_rows(case, base))
        return _with_measured(pd.DataFrame(rows, columns=["path", "input", "value", "unit", "basis", "source"]), sf)


#: A measured path shown on another row: the weekly profile is listed as the opening hours.
_MEASURED_ROW = {"business_case.staffing.profile_shares": "business_case.staffing.opening_hours"}


def _with_measured(table: pd.DataFrame, sf: ScenarioFile) -> pd.DataFrame:
    """Basis *gemeten* and ``bron: file, period, n rijen`` for the paths in ``[measured]``; a measured
    status-question share (no input row of its own) gets a row."""
    for path, m in sf.measured.items():
        at = _MEASURED_ROW.get(path, path)
        if at not in set(table["path"]):
            channel = path.rsplit(".", 1)[-1]
            share = sf.status_question_share
            value = share.get(channel) if isinstance(share, dict) else share
            label = f"Aandeel statusvragen – {CHANNEL_LABELS.get(channel, channel)}"
            table.loc[len(table)] = [path, label, value, "fractie", "", ""]
        table.loc[table["path"] == at, ["basis", "source"]] = ["gemeten", m.source_nl]
    return table


def _staffing_rows(case: BusinessCase, base: Baseline) -> list[tuple[str, str, object, str, str, str]]:
    """The workforce model's settings: teams, opening hours, release and what an FTE costs."""
    st = case.staffing
    at = "business_case.staffing."
    rows: list[tuple[str, str, object, str, str, str]] = [
        ("business_case.release_mode", "Vrijgespeelde capaciteit", case.release_mode, "", "keuze", "Scenario"),
        (
            at + "opening_hours",
            "Openingstijden telefoon en chat",
            st.profile.opening_hours or f"eigen weekprofiel ({fmt.num(st.profile.open_hours_per_week, 1)} uur)",
            "",
            *(
                (
                    "bron",
                    "gepubliceerde KCC-openingstijden (Beverwijk, Assen: werkdagen 08:30-17:00); verloop over de week "
                    "en de dag: aanname (arrival_profile.csv)",
                )
                if st.profile.shares == ArrivalProfile.standard().shares
                else ("invoer", "gebruiker")
            ),
        ),
    ]
    for t in st.teams_for(base.population):
        how = f"minimaal {fmt.num(t.min_agents, 1)} per open interval"
        if t.combined >= 1:
            how = "gecombineerd met andere taken: alleen werklast"
        elif t.combined > 0:
            how += f"; {fmt.pct(t.combined, 0)} van de wachtmarge opgevangen door ander werk"
        lo, hi = (fmt.num(p, 0) for p in COMBINED_POPULATION)
        basis = (
            ("aanname", f"standaardteams; gecombineerd met andere taken onder {lo} inwoners, geleidelijk tot {hi}")
            if st.teams is None
            else ("invoer", "gebruiker")
        )
        channels = ", ".join(CHANNEL_LABELS[c] for c in t.channels)
        rows.append((at + f"teams.{t.key}", f"Team {t.label_nl}", f"{channels} ({how})", "", *basis))
    declared = {d.path for d in DECLARATIONS}
    for name in StaffingSettings.NUMERIC:
        if at + name in declared:  # listed with the declared inputs
            continue
        spec = params.SPECS[name]
        value = getattr(st, name)
        unit = "fractie" if spec.percent else spec.unit
        rows.append((at + name, spec.label_nl, value, unit, *_against_default(float(value), params.default_row(name))))
    rows.append(
        (
            at + "patience_seconds",
            "Wachtrijmodel telefoon",
            "Erlang C (niemand hangt op)"
            if st.patience_seconds is None
            else f"Erlang A, geduld {st.patience_seconds:g} s",
            "",
            "keuze",
            "VNG-norm als planningsstandaard" if st.patience_seconds is None else "Scenario",
        )
    )
    rows.append(
        (
            at + "overhead_variable",
            "Overhead valt weg met een fte",
            "ja" if st.overhead_variable else "nee",
            "",
            "keuze" if st.overhead_variable else "aanname",
            "Scenario" if st.overhead_variable else "Aanname: huisvesting, ICT en leiding vallen niet weg met één fte",
        )
    )
    return rows


def _label(a: Address, case: BusinessCase) -> str:
    for items, kind in (("investments", INVESTMENT_LABEL), ("recurring_costs", RECURRING_LABEL)):
        if a.declaration is not None and a.declaration.items == items:
            own = getattr(case, items)[a.index or 0].label
            return own if own == kind else f"{kind}: {own}"
    return a.label_nl


def _example(a: Address, value: float, case: BusinessCase) -> bool:
    """Whether a cost item is the standard scenario's example (its label and amount unchanged)."""
    d = a.declaration
    if d is None or d.items not in ("investments", "recurring_costs"):
        return False
    item = getattr(case, d.items)[a.index or 0]
    if d.items == "investments":
        return item.label == INVESTMENT_LABEL and value == STANDARD_INVESTMENT_EUR
    return item.label == RECURRING_LABEL and value == STANDARD_RECURRING_EUR


def _basis(a: Address, value: float, base: Baseline, case: BusinessCase) -> tuple[str, str]:
    """(basis, source) of one input's value."""
    d = a.declaration
    if d is None:
        return "keuze", "Scenario"
    if _example(a, value, case):
        return "aanname", "voorbeeld uit het standaardscenario: vul de offerte of begroting van de gemeente in"
    if d.items == "recurring_costs":
        return "invoer", f"gebruiker; vanaf jaar {case.recurring_costs[a.index or 0].start_year}"
    if d.items:
        return "invoer", "gebruiker"
    if d.slot == "volume_total":
        if base.volume_estimated:
            return "afgeleid", "inwoners (CBS 2024) x contacten per inwoner per jaar (standaardwaarde)"
        return "invoer", "scenariobestand"
    if d.spec == "segment_share" and (base.segments.gemeente, a.segment) in params.gemeente_segment_table().index:
        return _against_default(value, params.gemeente_segment_row(base.segments.gemeente, a.segment))
    try:
        row = params.default_row(d.spec, channel=a.channel, segment=a.segment)
    except KeyError:  # a default stated once for the one channel it is about (chat concurrency), or none
        t = params.default_table()
        t = t[(t["parameter"] == d.spec) & (t["reason"] == "")]
        if len(t) != 1:
            return "invoer", "scenariobestand"
        row = t.iloc[0]
    return _against_default(float(value), row)


def _against_default(value: float, row: pd.Series) -> tuple[str, str]:
    """(basis, source): the shipped default's, or "changed by the user" with the default beside it."""
    if abs(value - float(row["value"])) > 1e-9 * max(1.0, abs(float(row["value"]))):
        return "invoer", f"Gewijzigd door de gebruiker (standaard: {fmt.num(float(row['value']), 4)}, {row['source']})"
    return str(row["basis"]), f"{row['source']} ({row['year']})"


def analyse(
    sf: ScenarioFile,
    *,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    progress: Progress | None = None,
    bbv: BBVSettings | None = None,
) -> Analysis:
    """Compute everything shown about one scenario file (see the module docstring).

    Parameters
    ----------
    sf : ScenarioFile
        The scenario file, as read by :func:`omnicalc.read_scenario`.
    draws : int
        Monte Carlo draws [-]; the same default on screen, in reports and in the CLI.
    seed : int
        Seed of the random generator.
    progress : callable or None
        Called as ``progress(done, total)`` while the Monte Carlo runs.
    bbv : BBVSettings or None
        Budget rules of the BBV view; None: the file's ``[bbv]`` section (defaults where left out).
    """
    base = sf.baseline()
    return Analysis(
        scenario_file=sf,
        baseline=base,
        result=evaluate(base, sf.scenario),
        business_case=run_business_case(base, sf.scenario, sf.business_case),
        simulation=simulate(
            base, sf.scenario, sf.business_case, ranges=sf.ranges, draws=draws, seed=seed, progress=progress
        ),
        sensitivity=tornado(base, sf.scenario, sf.business_case, ranges=sf.ranges),
        bbv_settings=bbv or sf.bbv,
    )


__all__ = ["DEFAULT_DRAWS", "OUTPUT_LABELS_NL", "THEORETICAL_NL", "Analysis", "analyse"]
