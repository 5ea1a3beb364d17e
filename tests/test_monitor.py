"""Plan versus actual (issue 19, point 4): deviations per channel and a re-estimated portal adoption.

Known answers are hand calculations from the stated inputs.
"""

from __future__ import annotations

import dataclasses

import pytest

import omnicalc as oc
from omnicalc.monitor import monitor

PLAN = """schema_version = 2
name = "Monitor"

[baseline]
population = 50000
volumes_per_year = { telefoon = 100000, balie = 20000 }
status_question_share = { telefoon = 0.30, balie = 0.05 }

[segments]
share = { zelfstandig = 1.0, beperkt_zelfstandig = 0.0, afhankelijk = 0.0 }  # every resident self-reliant

[status_portal]
reach_share = 1.0
adoption_share = 0.5
residual_contact_share = 0.0

[business_case]
horizon_years = 3

[business_case.ramps.status_portal]
years_to_full = 2
"""


def test_deviation_per_channel_and_the_re_estimated_adoption_by_hand():
    # Plan, year 2 (ramp linear over 2 years: factor 1): the portal avoids 1 x 0.5 x (1 - 0) of the status questions:
    # phone 100,000 - 30,000 x 0.5 = 85,000; counter 20,000 - 1,000 x 0.5 = 19,500.
    # Measured: phone 91,000 (+6,000 = +7,06%), counter 19,500 (on plan).
    # Re-estimated adoption: 100,000 - 30,000 a + 20,000 - 1,000 a = 110,500 -> 31,000 a = 9,500 -> a = 0,30645.
    sf = oc.read_scenario(PLAN)
    m = monitor(sf, {"telefoon": 91_000, "balie": 19_500}, 2)
    assert m.table.loc["telefoon", "planned_per_year"] == pytest.approx(85_000)
    assert m.table.loc["balie", "planned_per_year"] == pytest.approx(19_500)
    assert m.table.loc["telefoon", "deviation_per_year"] == pytest.approx(6_000)
    assert m.table.loc["telefoon", "deviation_share"] == pytest.approx(6_000 / 85_000)
    assert m.adoption == pytest.approx(9_500 / 31_000, abs=1e-8) and m.planned_adoption == 0.5
    assert m.readings_nl[0] == "Telefoon 7% boven plan."
    assert m.readings_nl[1] == "Balie volgens plan (0,0%)."
    assert (
        "dalen langzamer dan aangenomen" in m.readings_nl[2]
        and "adoptie van het statusportaal van 31%" in m.readings_nl[2]
    )
    # the re-estimate, put back into the scenario, reproduces the measured total
    fitted = dataclasses.replace(sf, scenario=sf.scenario.with_value("status_portal.adoption_share", m.adoption))
    again = monitor(fitted, {"telefoon": 91_000, "balie": 19_500}, 2)
    assert again.table["deviation_per_year"].sum() == pytest.approx(0, abs=1e-6)


def test_year_one_uses_the_ramp_and_missing_channels_are_not_compared():
    # year 1: half the adoption (ramp 1/2): phone 100,000 - 30,000 x 0.25 = 92,500; only the phone is measured
    m = monitor(oc.read_scenario(PLAN), {"telefoon": 92_500}, 1)
    assert list(m.table.index) == ["telefoon"]
    assert m.table.loc["telefoon", "planned_per_year"] == pytest.approx(92_500)
    assert m.adoption == pytest.approx(0.5, abs=1e-8)
    assert m.readings_nl == ("Telefoon volgens plan (0,0%).",)


def test_a_gap_the_portal_cannot_explain_is_said_and_bad_input_is_refused():
    m = monitor(oc.read_scenario(PLAN), {"telefoon": 140_000}, 2)
    assert m.adoption is None and "niet alleen van de adoptie" in m.readings_nl[-1]
    with pytest.raises(oc.InputError, match="year") as e:
        monitor(oc.read_scenario(PLAN), {"telefoon": 1}, 4)
    assert "kies een jaar van 1 tot en met 3" in e.value.message_nl
    with pytest.raises(oc.InputError, match="actual.telefoon"):
        monitor(oc.read_scenario(PLAN), {"telefoon": float("nan")}, 1)
    with pytest.raises(oc.InputError, match="phone"):
        monitor(oc.read_scenario(PLAN), {"phone": 1}, 1)


def test_the_monitor_command_reads_a_kcc_export(tmp_path, capsys):
    # the same hand calculation from the command line, with a KCC totals export as a gemeente would write it
    from omnicalc import cli

    plan = tmp_path / "plan.toml"
    plan.write_text(PLAN, encoding="utf-8")
    meting = tmp_path / "kcc_2027.csv"
    meting.write_text("Kanaal;Aantal contacten 2027\nTelefoon;91.000\nBalie;19.500\n", encoding="utf-8")
    assert cli.main(["monitor", str(plan), str(meting), "--jaar", "2"]) == 0
    out = capsys.readouterr().out
    assert "Telefoon 7% boven plan." in out and "Balie volgens plan (0,0%)." in out
    assert "adoptie van het statusportaal van 31%" in out and "gemeten     91.000" in out
    assert cli.main(["monitor", str(plan), str(meting), "--jaar", "9"]) == 2
    assert "kies een jaar van 1 tot en met 3" in capsys.readouterr().err
