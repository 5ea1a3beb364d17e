"""The BBV view (meerjarenraming): known answers computed by hand, the split incidenteel/structureel, bad input.

Every expected number below is worked out by hand in the comment above it (not taken from the code). Conventions
(omnicalc/bbv.py): jaarschijf 1 is unindexed, jaarschijf t is indexed (1 + rate) ** (t - 1); an activated
investment is depreciated straight-line from jaarschijf 1 on, with interest on the book value at the start of each
year (1 January); signs: + voordelig, - nadelig.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.bbv import EMPTY_DEKKING_LABEL_NL, capital_charges, index_factors

ROOT = Path(__file__).resolve().parent.parent

#: Rates that make the hand calculations below independent of the shipped defaults.
HAND = {
    "cao_wage_indexation_share": 0.0,
    "price_indexation_share": 0.03,
    "capitalisation_threshold_eur": 25_000.0,
    "omslagrente_rate": 0.02,
    "asset_life_software_years": 5,
}


def test_kapitaallasten_of_400k_over_5_years_at_2_percent():
    # By hand: depreciation 400.000 / 5 = 80.000 a year. Book value on 1 January: 400.000, 320.000, 240.000,
    # 160.000, 80.000. Interest 2% of that: 8.000, 6.400, 4.800, 3.200, 1.600. Kapitaallasten = 88.000, 86.400,
    # 84.800, 83.200, 81.600; together 424.000 (the 400.000 plus 24.000 interest); book value at the end 0.
    c = capital_charges(400_000, 5, 0.02, 5)
    assert c["depreciation_eur"].tolist() == pytest.approx([80_000.0] * 5)
    assert c["book_value_start_eur"].tolist() == pytest.approx([400_000.0, 320_000.0, 240_000.0, 160_000.0, 80_000.0])
    assert c["interest_eur"].tolist() == pytest.approx([8_000.0, 6_400.0, 4_800.0, 3_200.0, 1_600.0])
    assert c["capital_charges_eur"].tolist() == pytest.approx([88_000.0, 86_400.0, 84_800.0, 83_200.0, 81_600.0])
    assert c["capital_charges_eur"].sum() == pytest.approx(424_000.0)
    assert c["book_value_end_eur"].iloc[-1] == pytest.approx(0.0)


def test_kapitaallasten_stop_after_the_life():
    # By hand: 90.000 over 3 years at 1%: depreciation 30.000 in years 1-3; interest 900, 600, 300; years 4-5 nothing.
    c = capital_charges(90_000, 3, 0.01, 5)
    assert c["capital_charges_eur"].tolist() == pytest.approx([30_900.0, 30_600.0, 30_300.0, 0.0, 0.0])


def test_indexation_compounds_from_an_unindexed_year_1():
    # By hand, 100.000 at 3%: year 1 100.000,00 (unindexed); year 2 x 1,03 = 103.000,00; year 3 x 1,03 again =
    # 106.090,00; year 4 = 106.090 x 1,03 = 109.272,70. (109.272,70 = 100.000 x 1,03^3 is year 4 under this
    # convention, year 3 only if year 1 were already indexed once.)
    amounts = 100_000 * index_factors(0.03, 4)
    assert [round(float(a), 2) for a in amounts] == [100_000.00, 103_000.00, 106_090.00, 109_272.70]


def _null_case(**case):
    base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    return oc.run_business_case(base, oc.Scenario(), oc.BusinessCase(**case))


def test_a_recurring_cost_is_price_indexed():
    # By hand: a licence of 100.000 a year at 3% price indexation: -100.000, -103.000, -106.090, -109.272,70.
    bc = _null_case(horizon_years=4, recurring_costs=(oc.RecurringCost("Licentie", 100_000),))
    r = oc.meerjarenraming(bc, oc.BBVSettings(**HAND))
    line = r.lines.loc["recurring_0"]
    assert (line["nature"], line["indexation"]) == ("structureel", "prijs")
    assert [round(float(line[y]), 2) for y in r.years] == [-100_000.00, -103_000.00, -106_090.00, -109_272.70]


def test_incidental_and_structural_split_with_expensed_investment_and_dekking():
    # A null scenario (no savings), horizon 5: software of 400.000 (above the 25.000 threshold: activated, 5 years,
    # 2% omslagrente), laptops of 20.000 (below: expensed in year 1), a licence of 100.000 a year (3% prices), and a
    # structural dekking of 50.000 a year. By hand:
    #   licence      -100.000   -103.000   -106.090   -109.272,70   -112.550,881 (100.000 x 1,03^4)
    #   kapitaallasten -88.000   -86.400    -84.800    -83.200       -81.600
    #   structural   -188.000   -189.400   -190.890   -192.472,70   -194.150,881
    #   incidental    -20.000          0          0             0              0
    #   saldo        -208.000   -189.400   -190.890   -192.472,70   -194.150,881
    #   after dekking -158.000  -139.400   -140.890   -142.472,70   -144.150,881
    #   cumulative   -158.000   -297.400   -438.290   -580.762,70   -724.913,581
    bc = _null_case(
        horizon_years=5,
        investments=(oc.Investment("Portaal", 400_000, "software"), oc.Investment("Laptops", 20_000, "hardware")),
        recurring_costs=(oc.RecurringCost("Licentie", 100_000),),
    )
    r = oc.meerjarenraming(bc, oc.BBVSettings(**HAND, dekking=(oc.Dekking("Vrijval formatie KCC", 50_000),)))
    b = r.balance
    assert b["structural_eur"].tolist() == pytest.approx([-188_000, -189_400, -190_890, -192_472.70, -194_150.881])
    assert b["incidental_eur"].tolist() == pytest.approx([-20_000, 0, 0, 0, 0])
    assert b["balance_eur"].tolist() == pytest.approx([-208_000, -189_400, -190_890, -192_472.70, -194_150.881])
    assert b["balance_after_coverage_eur"].tolist() == pytest.approx(
        [-158_000, -139_400, -140_890, -142_472.70, -144_150.881]
    )
    assert b["cumulative_eur"].tolist() == pytest.approx([-158_000, -297_400, -438_290, -580_762.70, -724_913.581])
    assert r.structural_effect_eur == pytest.approx(-194_150.881)
    expensed = r.lines.loc["expensed_1"]
    assert expensed["nature"] == "incidenteel" and "onder de activeringsgrens" in expensed["label_nl"]
    assert [expensed[y] for y in r.years] == pytest.approx([-20_000, 0, 0, 0, 0])
    assert r.lines.loc["interest_0", "nature"] == "structureel"
    # the MKBA view is untouched: 420.000 at t = 0 and 100.000 a year, real
    assert bc.cash_flows_eur.tolist() == pytest.approx([-420_000] + [-100_000] * 5)


def test_the_threshold_itself_is_activated():
    # By hand: 25.000 at a threshold of 25.000 is activated: 5.000 a year over 5 years plus 2% of 25.000 = 500.
    bc = _null_case(horizon_years=5, investments=(oc.Investment("Koppeling", 25_000),))
    r = oc.meerjarenraming(bc, oc.BBVSettings(**HAND))
    assert "expensed_0" not in r.lines.index
    assert r.lines.loc["depreciation_0", r.years[0]] == pytest.approx(-5_000)
    assert r.lines.loc["interest_0", r.years[0]] == pytest.approx(-500)
    r = oc.meerjarenraming(bc, oc.BBVSettings(**{**HAND, "capitalisation_threshold_eur": 25_000.01}))
    assert [r.lines.loc["expensed_0", y] for y in r.years] == pytest.approx([-25_000, 0, 0, 0, 0])


def test_empty_dekking_is_one_labelled_line_of_zero():
    r = oc.meerjarenraming(_null_case(horizon_years=3))
    assert r.lines.loc["dekking", "label_nl"] == EMPTY_DEKKING_LABEL_NL
    assert r.balance["coverage_eur"].tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("release_mode", ["bezuinigen", "herinzetten"])
def test_without_indexation_and_activation_the_bbv_years_are_the_mkba_cash_flows(release_mode):
    # With no indexation (the case's real wage growth is 0) and every investment expensed, the budget effect of
    # year 1 is the MKBA's t = 0 plus year 1, and every later year its cash flow: the two views share one case.
    sf = oc.load_scenario(ROOT / "examples/utrecht_statusportaal.toml")
    case = replace(sf.business_case, release_mode=release_mode)
    bc = oc.run_business_case(sf.baseline(), sf.scenario, case)
    with pytest.warns(oc.AssumptionWarning, match="capitalisation_threshold_eur = 1e"):  # valid, but implausible
        flat = oc.BBVSettings(
            cao_wage_indexation_share=0.0, price_indexation_share=0.0, capitalisation_threshold_eur=1e6
        )
    r = oc.meerjarenraming(bc, flat)
    cf = bc.cash_flows_eur
    np.testing.assert_allclose(r.balance["balance_eur"].to_numpy(), np.concatenate([[cf[0] + cf[1]], cf[2:]]))
    has_staff = "staff_saving" in r.lines.index
    assert has_staff == (release_mode == "bezuinigen")
    if has_staff:
        # frictiekosten and dubbele lasten are incidental, the freed formatie structural
        assert r.lines.loc[["friction", "double_burden"], "nature"].tolist() == ["incidenteel", "incidenteel"]
        assert r.lines.loc["staff_saving", "nature"] == "structureel"


def test_cao_indexation_replaces_the_real_wage_growth():
    # By hand: a staff saving S_t in the MKBA (real, already x (1 + w)^(t-1)) becomes S_t / (1 + w)^(t-1) x
    # (1 + cao)^(t-1) in the BBV. With w = 1% and cao = 3.5%, year 3: factor 1,035^2 / 1,01^2 = 1,071225 / 1,0201.
    sf = oc.load_scenario(ROOT / "examples/utrecht_statusportaal.toml")
    case = replace(sf.business_case, wage_indexation_share=0.01)
    bc = oc.run_business_case(sf.baseline(), sf.scenario, case)
    r = oc.meerjarenraming(bc, oc.BBVSettings(cao_wage_indexation_share=0.035))
    y3 = bc.years.loc[3]
    expected = (y3["staff_saving_eur"] + y3["double_burden_eur"]) * 1.071225 / 1.0201
    assert r.lines.loc["staff_saving", 3] == pytest.approx(expected)


def test_the_analysis_carries_the_bbv_view():
    a = oc.analyse(oc.load_scenario(ROOT / "examples/utrecht_statusportaal.toml"), draws=100)
    assert isinstance(a.bbv, oc.Meerjarenraming)
    assert a.bbv.years == list(range(1, a.business_case.case.horizon_years + 1))
    # the example's investment (400.000, implementatie: 5 years) at the shipped omslagrente (1%): 4.000 in year 1
    assert a.bbv.lines.loc["interest_0", 1] == pytest.approx(-400_000 * 0.01)
    assert a.bbv_settings.omslagrente_rate == oc.params.default_value("omslagrente_rate")
    table = a.bbv.table_nl()
    assert "Budgettair saldo" in table.index and "Jaar 1" in table.columns


def test_asset_kind_round_trips_through_the_scenario_file():
    text = (
        'schema_version = 2\ngemeente = "Zwolle"\n[[business_case.investments]]\nlabel = "Licenties"\n'
        'amount_eur = 100000\nasset_kind = "software"\n'
    )
    sf = oc.read_scenario(text)
    assert sf.business_case.investments[0].asset_kind == "software"
    assert 'asset_kind = "software"' in oc.dump_scenario(sf)
    default = replace(sf, business_case=replace(sf.business_case, investments=(oc.Investment("Licenties", 1),)))
    assert "asset_kind" not in oc.dump_scenario(default)


def test_the_explanation_of_the_two_views():
    assert oc.mkba_vs_bbv_nl() == (
        "De MKBA rekent in constante euro's met 2,25% disconto (maatschappelijke waarde); de meerjarenraming (BBV) "
        "toont de jaarlijkse lasten en baten in lopende euro's zoals ze in de begroting komen."
    )
    assert "met 3% disconto" in oc.mkba_vs_bbv_nl(0.03)


@pytest.mark.parametrize(
    ("build", "field", "allowed"),
    [
        (lambda: oc.BBVSettings(omslagrente_rate=0.5), "bbv.omslagrente_rate", "allowed is 0 to 0.2 [1/year]"),
        (lambda: oc.BBVSettings(omslagrente_rate="2%"), "bbv.omslagrente_rate", "a number is required"),
        (lambda: oc.BBVSettings(capitalisation_threshold_eur=-1), "bbv.capitalisation_threshold_eur", "allowed is 0"),
        (lambda: oc.BBVSettings(asset_life_software_years=0), "bbv.asset_life_software_years", "allowed is 1 to 50"),
        (lambda: oc.BBVSettings(asset_life_hardware_years=2.5), "bbv.asset_life_hardware_years", "whole number"),
        (lambda: oc.BBVSettings(price_indexation_share=0.5), "bbv.price_indexation_share", "allowed is -0.1 to 0.3"),
        (
            lambda: oc.Investment("Servers", 1000, asset_kind="gebouw"),
            "investment 'Servers'.asset_kind",
            "allowed is 'software', 'implementation', 'hardware'",
        ),
        (lambda: oc.Dekking("Reserve", -5), "dekking 'Reserve'.amount_eur_per_year", "allowed is 0"),
        (lambda: oc.Dekking("Reserve", 5, start_year=3, end_year=2), "dekking 'Reserve'.end_year", "from start_year"),
        (lambda: oc.Dekking("Reserve", 5, nature="soms"), "dekking 'Reserve'.nature", "'structureel' or"),
        (lambda: oc.BBVSettings(dekking=(5,)), "bbv.dekking", "a tuple of Dekking"),
    ],
)
def test_bad_input_names_field_value_and_what_is_allowed(build, field, allowed):
    with pytest.raises(oc.InputError) as e:
        build()
    assert e.value.field == field
    assert str(e.value).startswith(f"{field}: value ")
    assert allowed in str(e.value)
    assert e.value.message_nl and "niet toegestaan" in e.value.message_nl


def test_bbv_settings_round_trip_through_the_scenario_file():
    text = (
        'schema_version = 2\ngemeente = "Zwolle"\n[bbv]\nomslagrente_rate = 0.02\n'
        "capitalisation_threshold_eur = 10000\nasset_life_hardware_years = 3\n"
        '[[bbv.dekking]]\nlabel = "Vrijval formatie KCC"\namount_eur_per_year = 50000\nend_year = 3\n'
        'nature = "incidenteel"\n'
    )
    sf = oc.read_scenario(text)
    assert (sf.bbv.omslagrente_rate, sf.bbv.capitalisation_threshold_eur, sf.bbv.life_years("hardware")) == (
        0.02,
        10_000,
        3,
    )
    assert sf.bbv.dekking == (oc.Dekking("Vrijval formatie KCC", 50_000, end_year=3, nature="incidenteel"),)
    again = oc.read_scenario(oc.dump_scenario(sf))
    assert again.bbv.dekking == sf.bbv.dekking and again.bbv.omslagrente_rate == 0.02
    assert "[bbv]" not in oc.dump_scenario(oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n'))
    with pytest.raises(oc.ScenarioFileError, match="bbv.rente"):
        oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n[bbv]\nrente = 0.02\n')
    with pytest.raises(oc.InputError, match="bbv.omslagrente_rate: value 0.9 is not allowed; allowed is 0 to 0.2"):
        oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n[bbv]\nomslagrente_rate = 0.9\n')


def test_the_cli_prints_and_exports_the_raming():
    # The split case above, rendered: year 1 balance -208.000 (by hand: -100.000 licence - 88.000 kapitaallasten
    # - 20.000 laptops) and the structural effect -194.150,881 -> "-€ 194.151".
    from omnicalc.cli import bbv_json, render_bbv

    bc = _null_case(
        horizon_years=5,
        investments=(oc.Investment("Portaal", 400_000, "software"), oc.Investment("Laptops", 20_000, "hardware")),
        recurring_costs=(oc.RecurringCost("Licentie", 100_000),),
    )
    r = oc.meerjarenraming(bc, oc.BBVSettings(**HAND))
    text = render_bbv(r)
    budget = next(line for line in text.splitlines() if line.startswith("Budgettair saldo"))
    assert budget.split()[2:4] == ["-€", "208.000"]
    assert "Structureel effect vanaf jaar 5: -€ 194.151 per jaar." in text
    assert oc.MKBA_VS_BBV_NL in text
    data = bbv_json(r)
    assert data["balance"]["1"]["balance_eur"] == pytest.approx(-208_000)
    assert data["lines"]["interest_0"]["1"] == pytest.approx(-8_000)


def test_the_headline_view_is_a_scenario_setting_mkba_by_default():
    plain = oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n')
    assert plain.headline_view == "mkba" and "headline_view" not in oc.dump_scenario(plain)
    sf = oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\nheadline_view = "bbv"\n')
    assert sf.headline_view == "bbv" and 'headline_view = "bbv"' in oc.dump_scenario(sf)
    assert oc.analyse(sf, draws=50).headline_view == "bbv"
    with pytest.raises(oc.ScenarioFileError, match="headline_view: value 'npv' is not allowed; allowed is 'mkba' or"):
        oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\nheadline_view = "npv"\n')
