"""KPI formulas (hand calculations), targets in the scenario file, and goal seek on every KPI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.kpis import KPIS, KpiTarget, check_targets, kpi_table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "utrecht_statusportaal.toml").read_text(encoding="utf-8")
TARGETS = (
    '\n[[targets]]\nkpi = "phone_reduction_share"\nvalue = 0.3\nyear = 3\n'
    '\n[[targets]]\nkpi = "status_question_share"\nvalue = 0.35\n'
)


def test_kpi_formulas_by_hand():
    # now: 1.000 phone (400 status, 300 aanvraag), 200 counter aanvraag; later: 600 phone, 150 counter, 450 web form
    c, r = oc.CHANNELS.index, oc.REASONS.index
    v = np.zeros((2, len(oc.CHANNELS), len(oc.REASONS)))
    v[0, c("telefoon"), r("statusvraag")], v[0, c("telefoon"), r("aanvraag")] = 400, 300
    v[0, c("telefoon"), r("informatievraag")], v[0, c("balie"), r("aanvraag")] = 300, 200
    v[1, c("telefoon"), r("statusvraag")], v[1, c("telefoon"), r("informatievraag")] = 300, 300
    v[1, c("balie"), r("aanvraag")], v[1, c("webformulier"), r("aanvraag")] = 150, 450
    cost = np.zeros(len(oc.CHANNELS))
    cost[c("telefoon")], cost[c("balie")], cost[c("webformulier")] = 12.0, 30.0, 1.0
    t = kpi_table(v, cost, population=400)
    assert t["contacts_per_year"].tolist() == [1200, 1200]
    later = (600 * 12 + 150 * 30 + 450 * 1) / 1200
    assert t["integral_cost_eur_per_contact"].tolist() == pytest.approx([(12_000 + 6_000) / 1200, later])
    assert t["self_service_share"].tolist() == pytest.approx([0, 450 / 1200])
    assert t["contacts_per_inhabitant_per_year"].tolist() == pytest.approx([3, 3])
    assert t["status_question_share"].tolist() == pytest.approx([400 / 1200, 300 / 1200])
    assert t["phone_reduction_share"].tolist() == pytest.approx([0, 0.4])  # 1.000 -> 600
    assert t["digital_application_share"].tolist() == pytest.approx([0, 450 / 600])


def test_the_business_case_kpis_are_the_same_formulas():
    sf = oc.read_scenario(EXAMPLE)
    bc = sf.run()
    r = sf.evaluate()
    assert list(bc.kpis.columns) == list(KPIS)
    # year 0 is the baseline: the one-year evaluation's "before" row
    assert bc.kpis.iloc[0].to_numpy() == pytest.approx(r.kpis.loc["before"].to_numpy())
    assert r.summary()["self_service_share_after"] == r.kpis.loc["after", "self_service_share"]


def test_targets_round_trip_and_are_checked_per_year():
    sf = oc.read_scenario(EXAMPLE + TARGETS)
    assert sf.targets == (KpiTarget("phone_reduction_share", 0.3, 3), KpiTarget("status_question_share", 0.35))
    assert oc.read_scenario(oc.dump_scenario(sf)).targets == sf.targets
    bc = sf.run()
    t = check_targets(bc, sf.targets)
    phone = t.iloc[0]
    assert phone.year == 3 and phone.value == pytest.approx(bc.kpis.loc[3, "phone_reduction_share"])
    assert phone.met == (phone.value >= 0.3)
    status = t.iloc[1]  # lower is better: met when at most the target, in the final year
    assert status.year == bc.case.horizon_years
    assert status.met == (bc.kpis.loc[bc.case.horizon_years, "status_question_share"] <= 0.35)
    assert ("niet gehaald" in status.text_nl) != bool(status.met) and "ten hoogste 35,0%" in status.text_nl


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ('kpi = "klanttevredenheid"\nvalue = 0.8', "targets[0].kpi"),
        ('kpi = "self_service_share"\nvalue = 60', "targets[0].value"),
        ('kpi = "self_service_share"\nvalue = 0.6\nyear = 0', "targets[0].year"),
    ],
)
def test_a_bad_target_names_its_field(bad, field):
    with pytest.raises(oc.InputError) as e:
        oc.read_scenario(EXAMPLE + f"\n[[targets]]\n{bad}\n")
    assert e.value.field == field
    assert e.value.message_nl.startswith("Doel")


def test_a_target_beyond_the_horizon_is_refused():
    sf = oc.read_scenario(EXAMPLE + '\n[[targets]]\nkpi = "self_service_share"\nvalue = 0.6\nyear = 9\n')
    with pytest.raises(oc.InputError, match="a year of the case, 1 to 6"):
        check_targets(sf.run(), sf.targets)


@pytest.mark.parametrize(
    ("target", "value", "lever"),
    [
        ("status_question_share", 0.18, "status_portal.adoption_share"),  # 21,5% -> 12,9% over the range
        ("integral_cost_eur_per_contact", 21.8, "channel_shifts[0].share"),  # € 22,12 -> € 21,38: lower is better
        ("digital_application_share", 0.10, "channel_shifts[0].share"),  # 0% -> 15,0%
    ],
)
def test_goal_seek_reaches_every_kind_of_kpi_and_re_evaluation_agrees(target, value, lever):
    sf = oc.read_scenario(EXAMPLE)
    base, case = sf.baseline(), sf.business_case
    g = oc.goal_seek(base, sf.scenario, lever=lever, target=target, value=value, case=case)
    assert g.value is not None, g.message_nl
    again = oc.evaluate(base, sf.scenario.with_value(lever, g.value)).kpis.loc["after", target]
    assert again == pytest.approx(value, abs=1e-6)
    assert KPIS[target].subject_nl in g.message_nl


def test_the_cli_prints_the_targets(tmp_path):
    path = tmp_path / "doelen.toml"
    path.write_text(EXAMPLE + TARGETS, encoding="utf-8")
    cli = [sys.executable, "-m", "omnicalc.cli", "evaluate", str(path), "--draws", "200"]
    p = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Doelen (KPI's)" in p.stdout and "Minder telefonische contacten dan nu: doel ten minste 30,0%" in p.stdout
