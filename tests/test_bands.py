"""The estimate inside its band (issue 15): central base values, behaviour drawn by default, the point's rank.

The acceptance of issue 15: for 20 gemeenten drawn with a fixed seed and the standard scenario, the
deterministic NPV and yearly saving lie within their own simulated P10-P90; the national estimate's
central value lies between its P25 and P75 and high / low <= 4.
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.headline import national_headline
from omnicalc.presets import claim_scenario_file, standard_scenario_file
from omnicalc.uncertainty import uncertain_inputs

SEED = 15


def twenty_gemeenten() -> list[str]:
    table = oc.gemeenten()
    rng = np.random.default_rng(SEED)
    return list(table["name"].iloc[rng.choice(len(table), 20, replace=False)])


@pytest.mark.parametrize("gemeente", twenty_gemeenten())
def test_the_deterministic_case_lies_inside_its_band(gemeente):
    a = oc.analyse(standard_scenario_file(gemeente), draws=1_000)
    p, sim = a.simulation.percentiles, a.simulation
    npv = a.business_case.npv_eur
    saving = float(a.business_case.years["savings_used_eur"].iloc[-1])
    assert p.loc["npv_eur", "P10"] <= npv <= p.loc["npv_eur", "P90"]
    assert p.loc["yearly_saving_eur", "P10"] <= saving <= p.loc["yearly_saving_eur", "P90"]
    assert 10 <= sim.rank("npv_eur", npv) <= 90 and 10 <= sim.rank("yearly_saving_eur", saving) <= 90


@pytest.mark.parametrize("method", ["top_down", "bottom_up"])
@pytest.mark.parametrize("gemeente", ["Utrecht", "'s-Gravenhage", "Zwolle"])
def test_the_gemeenten_of_the_finding_are_inside_their_band(gemeente, method):
    # the finding: Den Haag's NPV EUR 201.073 beside P10 EUR 472.883; Zwolle's -418.475 beside P10 -412.370
    sf = standard_scenario_file(gemeente)
    sf = oc.ScenarioFile(**{**sf.__dict__, "cost": oc.CostModel(method=method)})
    a = oc.analyse(sf, draws=1_000)
    npv = a.business_case.npv_eur
    assert 10 <= a.simulation.rank("npv_eur", npv) <= 90
    note = a.kpis.loc["npv_eur", "note_nl"]
    assert "P10" in note and "P90" in note


def test_the_national_estimate_is_central_and_its_band_is_honest():
    nh = national_headline()
    p = nh.percentiles_eur
    assert p["P25"] <= nh.central_eur <= p["P75"]
    # the basisraming itself lies inside the band (the skewed phone-cost range puts it near P25)
    assert nh.low_eur <= nh.deterministic_eur <= nh.high_eur
    assert nh.high_eur / nh.low_eur <= 4
    assert "basisraming" in nh.sentence_nl()


def test_behaviour_is_uncertain_by_default_and_the_user_can_narrow_or_widen_it():
    sf = standard_scenario_file("Zwolle")
    base, scenario, case = sf.baseline(), sf.scenario, sf.business_case
    ranges = {u.name: u.range for u in uncertain_inputs(base, scenario, case)}
    # the declared ranges (parameters.csv, aanname): reach 0,3-0,7, adoption 0,4-0,8, residual 0,1-0,5
    assert ranges["status_portal.reach_share"] == oc.Range(0.3, 0.5, 0.7)
    assert ranges["status_portal.adoption_share"] == oc.Range(0.4, 0.6, 0.8)
    assert ranges["status_portal.residual_contact_share"] == oc.Range(0.1, 0.25, 0.5)
    wide = oc.simulate(base, scenario, case, draws=500, seed=1)
    fixed = {p: oc.Range(v.base, v.base, v.base) for p, v in ranges.items() if p.startswith("status_portal.")}
    narrow = oc.simulate(base, scenario, case, draws=500, seed=1, ranges=fixed)
    assert np.ptp(narrow.input_draws["status_portal.adoption_share"]) == 0
    assert np.std(narrow.yearly_saving_eur) < np.std(wide.yearly_saving_eur)
    wider = {"status_portal.adoption_share": oc.Range(0.1, 0.6, 0.95)}
    assert (
        oc.simulate(base, scenario, case, draws=500, seed=1, ranges=wider)
        .input_draws["status_portal.adoption_share"]
        .min()
        < 0.4
    )


def test_decisions_and_switched_off_levers_get_no_range():
    # investments and message costs are decisions; a lever at 0 has no behaviour to draw
    sf = standard_scenario_file("Zwolle")
    names = {u.name for u in uncertain_inputs(sf.baseline(), sf.scenario, sf.business_case)}
    assert not any(n.startswith(("repeat_contacts.", "proactive_status.", "channel_shifts")) for n in names)
    assert not any("investments" in n for n in names)
    s = oc.Scenario(channel_shifts=(oc.ChannelShift("balie", "webformulier", 0.3, "aanvraag"),))
    shift = {u.name: u.range for u in uncertain_inputs(sf.baseline(), s, sf.business_case)}
    # the declared shift share 0,3 (0,1-0,5) gives a chosen 0,3 exactly that range
    r = shift["channel_shifts[0].share"]
    assert (r.low, r.base, r.high) == pytest.approx((0.1, 0.3, 0.5))


def test_rank_counts_ties_half_and_is_said_in_dutch():
    a = oc.analyse(oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n'), draws=200)
    sim = a.simulation
    assert sim.rank("npv_eur", 0.0) == 50  # no levers: every draw is 0
    text = sim.band_nl("yearly_saving_eur", 0.0)
    assert text.startswith("P10 ") and text.endswith("deze raming ligt op P50")


def test_the_claim_preset_reproduces_the_pilot_inputs():
    # the preset *claim uit de pilot*: EUR 11 a call and 30% status questions, every status question avoided
    sf = claim_scenario_file("Zwolle")
    base = sf.baseline()
    phone = base.volume_table().loc["telefoon"]
    assert phone["statusvraag"] / phone.sum() == pytest.approx(0.30)
    assert dict(zip(oc.CHANNELS, base.cost.eur_per_contact()))["telefoon"] == 11.0
    r = sf.evaluate()
    # every status call avoided at EUR 11: the phone part of the saving is 0,30 x calls x 11
    assert r.per_channel.loc["telefoon", "saving_eur_per_year"] == pytest.approx(0.30 * phone.sum() * 11.0)
    assert "Claim uit de pilot" in sf.scenario.name


def test_fte_roi_and_the_theoretical_saving_show_their_band_too():
    # the review of issue 15: FTE released, ROI and the theoretical saving were point estimates without a band
    a = oc.analyse(standard_scenario_file("Zwolle"), draws=500)
    k, sim = a.kpis, a.simulation
    y = a.business_case.years
    assert sim.band_nl("fte_released", y["fte_released"].iloc[-1]) in k.loc["fte_released", "note_nl"]
    assert " fte – P90 " in k.loc["fte_released", "note_nl"]
    assert sim.band_nl("roi", a.business_case.roi) == k.loc["roi", "note_nl"] and "%" in k.loc["roi", "note_nl"]
    theoretical = sim.band_nl("theoretical_saving_eur", a.result.saving_eur_per_year)
    assert theoretical in k.loc["saving_eur_per_year", "note_nl"]
    p = sim.percentiles
    for row in ("fte_released", "roi", "theoretical_saving_eur"):
        assert p.loc[row, "P10"] <= p.loc[row, "P90"]
    # a case without costs has no ROI band, and says so
    empty = oc.analyse(oc.read_scenario('schema_version = 2\ngemeente = "Zwolle"\n'), draws=100)
    assert empty.simulation.band_nl("roi", 0.0) == "geen bandbreedte (geen kosten ingevuld)"


def test_the_example_costs_say_they_are_an_example():
    # the review: the standard scenario's EUR 250.000 / EUR 50.000 were listed as the user's input, label doubled
    rows = oc.analyse(standard_scenario_file("Zwolle"), draws=50).inputs().set_index("path")
    for path, label in (
        ("business_case.investments[0].amount_eur", "Eenmalige investering"),
        ("business_case.recurring_costs[0].amount_eur_per_year", "Jaarlijkse kosten"),
    ):
        assert rows.loc[path, "input"] == label and rows.loc[path, "basis"] == "aanname"
        assert "voorbeeld" in rows.loc[path, "source"]
    own = standard_scenario_file("Zwolle")
    own = oc.ScenarioFile(
        **{**own.__dict__, "business_case": oc.BusinessCase(investments=(oc.Investment("Portaal", 90_000),))}
    )
    row = oc.analyse(own, draws=50).inputs().set_index("path").loc["business_case.investments[0].amount_eur"]
    assert row["input"] == "Eenmalige investering: Portaal" and row["basis"] == "invoer"
