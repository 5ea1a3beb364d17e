"""Scenario reports for programme managers: Excel (with live formulas), HTML and PDF.

:func:`build_report` computes everything once (evaluation, business case, Monte Carlo,
tornado); the renderers in :mod:`.excel`, :mod:`.html` and :mod:`.pdf` only lay out
that one object and never recompute.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .. import params
from ..business_case import BusinessCaseResult, run_business_case
from ..domain import CHANNEL_LABELS
from ..model import Baseline, Result, evaluate
from ..scenario_file import ScenarioFile
from ..uncertainty import DEFAULT_SEED, Simulation, Tornado, simulate, tornado

#: Characters that make a spreadsheet cell a formula (and so a way to inject one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: object) -> str:
    """Text for a report cell: a leading =, +, -, @, tab or CR is neutralised with an apostrophe."""
    s = str(text)
    return "'" + s if s.startswith(FORMULA_STARTS) else s


@dataclass(frozen=True, eq=False)
class ScenarioReport:
    """Everything a report shows, computed once."""

    scenario_file: ScenarioFile
    baseline: Baseline
    result: Result
    business_case: BusinessCaseResult
    simulation: Simulation
    sensitivity: Tornado
    made_on: date = field(default_factory=date.today)

    @property
    def title(self) -> str:
        name = self.scenario_file.scenario.name or "Scenario"
        return f"{name} – {self.baseline.name or 'eigen invoer'}"

    def file_stem(self) -> str:
        """``omnicalc_<gemeente>_<date>``: safe for file systems."""
        who = self.baseline.name or "scenario"
        who = "".join(ch if ch.isalnum() else "-" for ch in who).strip("-") or "scenario"
        return f"omnicalc_{who}_{self.made_on:%Y-%m-%d}"

    def inputs(self) -> pd.DataFrame:
        """The inputs of this scenario with unit and basis: levers are choices, defaults carry their source."""
        s, case, cost = self.scenario_file.scenario, self.business_case.case, self.baseline.cost
        rows: list[tuple[str, object, str, str, str]] = [
            ("Bereik statusportaal", s.status_portal.reach_share, "fractie", "keuze", "Scenario"),
            ("Adoptie statusportaal", s.status_portal.adoption_share, "fractie", "keuze", "Scenario"),
            ("Restcontact statusportaal", s.status_portal.residual_contact_share, "fractie", "keuze", "Scenario"),
            ("Reductie herhaalcontact", s.repeat_contacts.reduction_share, "fractie", "keuze", "Scenario"),
        ]
        for k, sh in enumerate(s.channel_shifts):
            what = f"Verschuiving {k + 1}: {CHANNEL_LABELS[sh.from_channel]} → {CHANNEL_LABELS[sh.to_channel]}"
            rows.append((what + (f" ({sh.reason})" if sh.reason else ""), sh.share, "fractie", "keuze", "Scenario"))
        rows += [
            ("Kostenmethode", "top-down" if cost.method == "top_down" else "bottom-up", "", "keuze", "Scenario"),
            (
                "Eenmalige investering",
                sum(i.amount_eur for i in case.investments),
                "EUR",
                "invoer",
                "; ".join(i.label for i in case.investments) or "geen",
            ),
            (
                "Jaarlijkse kosten",
                sum(c.amount_eur_per_year for c in case.recurring_costs),
                "EUR/jaar",
                "invoer",
                "; ".join(c.label for c in case.recurring_costs) or "geen",
            ),
            ("Looptijd", case.horizon_years, "jaar", "keuze", "Scenario"),
            ("Discontovoet", case.discount_rate, "fractie/jaar", *_basis("discount_rate", case.discount_rate)),
            (
                "Besparing in kasstroom",
                "realiseerbaar" if case.savings_basis == "realisable" else "theoretisch",
                "",
                "keuze",
                "Scenario",
            ),
            ("Inwoners", self.baseline.population, "inwoners", "bron", "CBS Kerncijfers wijken en buurten 2024"),
            (
                "Volumes",
                "geschat uit inwoners" if self.baseline.volume_estimated else "eigen invoer",
                "",
                "invoer",
                "contacten per inwoner (standaardwaarden)" if self.baseline.volume_estimated else "gebruiker",
            ),
        ]
        for c, v in cost.top_down_eur_per_contact.items():
            rows.append(
                (
                    f"Kosten per contact – {CHANNEL_LABELS[c]}",
                    v,
                    "EUR/contact",
                    *_basis("cost_eur_per_contact", v, channel=c),
                )
            )
        return pd.DataFrame(rows, columns=["input", "value", "unit", "basis", "source"])


def _basis(parameter: str, value: float, channel: str = "") -> tuple[str, str]:
    row = params.default_table()
    row = row[(row["parameter"] == parameter) & (row["channel"] == channel) & (row["reason"] == "")].iloc[0]
    if abs(float(value) - float(row["value"])) > 1e-12:
        return "invoer", "Gewijzigd door de gebruiker (standaard: " + f"{row['value']:g}, {row['source']})"
    return str(row["basis"]), f"{row['source']} ({row['year']})"


def build_report(sf: ScenarioFile, *, draws: int = 10_000, seed: int = DEFAULT_SEED) -> ScenarioReport:
    """Compute everything a report shows for one scenario file."""
    base = sf.baseline()
    return ScenarioReport(
        scenario_file=sf,
        baseline=base,
        result=evaluate(base, sf.scenario),
        business_case=run_business_case(base, sf.scenario, sf.business_case),
        simulation=simulate(base, sf.scenario, sf.business_case, draws=draws, seed=seed),
        sensitivity=tornado(base, sf.scenario, sf.business_case),
    )


__all__ = ["FORMULA_STARTS", "ScenarioReport", "build_report", "safe_text"]
