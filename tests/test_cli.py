"""The command line, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import omnicalc as oc

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "utrecht_statusportaal.toml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "omnicalc.cli", *args], capture_output=True, text=True, timeout=120)


def test_evaluate_prints_a_dutch_table():
    p = run("evaluate", str(EXAMPLE))
    assert p.returncode == 0, p.stderr
    saving = oc.load_scenario(EXAMPLE).evaluate().saving_eur_per_year
    expected = f"€ {round(saving):,}".replace(",", ".")
    assert f"Bruto besparing per jaar (volle kosten per contact): {expected}" in p.stdout
    assert "Telefoon" in p.stdout and "299.136" in p.stdout
    npv = oc.load_scenario(EXAMPLE).run().npv_eur
    assert f"Netto contante waarde: € {round(npv):,}".replace(",", ".") in p.stdout
    assert "Tijdconventie: Investeringen vallen op t = 0" in p.stdout


def test_evaluate_json():
    p = run("evaluate", str(EXAMPLE), "--json")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["gemeente"]["code"] == "GM0344"
    assert data["summary"]["saving_eur_per_year"] == pytest.approx(
        oc.load_scenario(EXAMPLE).evaluate().saving_eur_per_year
    )
    assert data["business_case"]["npv_eur"] == pytest.approx(oc.load_scenario(EXAMPLE).run().npv_eur)
    assert data["business_case"]["years"]["0"]["investment_eur"] == 400_000


def test_bad_file_gives_a_dutch_message_and_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 2\ngemeente = 'Utrecht'\n[status_portal]\nreach_share = 1.5\n")
    p = run("evaluate", str(bad))
    assert p.returncode == 2
    assert "Bereik statusportaal" in p.stderr and "1,5" in p.stderr and "Traceback" not in p.stderr
    p = run("evaluate", str(bad), "--json")
    assert p.returncode == 2 and "status_portal.reach_share" in p.stderr


def test_simulate_prints_percentiles_and_the_tornado_reading():
    p = run("simulate", str(EXAMPLE), "--draws", "2000", "--seed", "5")
    assert p.returncode == 0, p.stderr
    sim = oc.simulate(
        oc.load_scenario(EXAMPLE).baseline(),
        oc.load_scenario(EXAMPLE).scenario,
        oc.load_scenario(EXAMPLE).business_case,
        draws=2000,
        seed=5,
    )
    p50 = f"€ {round(sim.percentiles.loc['npv_eur', 'P50']):,}".replace(",", ".")
    assert "2.000 trekkingen (PERT), seed 5" in p.stdout and p50 in p.stdout
    assert "De businesscase hangt vooral af van" in p.stdout
    j = run("simulate", str(EXAMPLE), "--draws", "500", "--json")
    data = json.loads(j.stdout)
    assert data["draws"] == 500 and 0 <= data["probability_of_payback"] <= 1 and data["tornado"]
