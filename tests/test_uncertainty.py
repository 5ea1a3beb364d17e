"""Monte Carlo and tornado: analytic means, zero spread, reproducibility."""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.headline import EVERYONE_SELF_RELIANT as SELF_RELIANT  # every resident can use a portal


def phone_case():
    base = oc.Baseline.from_channel_volumes(
        {"telefoon": 100_000}, population=50_000, segments=SELF_RELIANT
    ).with_status_question_share(0.30, ("telefoon",))
    scenario = oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0))
    case = oc.BusinessCase(
        horizon_years=1, savings_basis="theoretical", ramps={"status_portal": oc.Ramp(years_to_full=1)}
    )
    return base, scenario, case


@pytest.mark.parametrize(
    "distribution, mean_cost",
    [
        ("pert", (11 + 4 * 11 + 31) / 6),  # PERT mean (a + 4m + b) / 6 = 14.333
        ("triangular", (11 + 11 + 31) / 3),  # triangular mean (a + m + b) / 3 = 17.667
    ],
)
def test_linear_output_matches_the_analytic_mean(distribution, mean_cost):
    # saving = 30,000 status calls x cost per call: linear in the phone cost (range given: EUR 11-31, base 11)
    base, scenario, case = phone_case()
    sim = oc.simulate(
        base,
        scenario,
        case,
        draws=40_000,
        seed=7,
        distribution=distribution,
        ranges={"cost.top_down_eur_per_contact.telefoon": oc.Range(11.0, 11.0, 31.0)},
        only=["cost.top_down_eur_per_contact.telefoon"],
    )
    expected = 30_000 * mean_cost
    assert sim.theoretical_saving_eur.mean() == pytest.approx(expected, rel=0.005)
    assert sim.input_draws["cost.top_down_eur_per_contact.telefoon"].between(11, 31).all()
    u = sim.inputs[0]
    assert u.mean(distribution) == pytest.approx(mean_cost)
    # NPV is linear too: -0 investment + saving / 1.0225
    assert sim.npv_eur.mean() == pytest.approx(expected / 1.0225, rel=0.005)


def test_zero_width_ranges_give_zero_spread():
    base = oc.baseline_for_gemeente("Utrecht")
    scenario = oc.Scenario(
        status_portal=oc.StatusPortal(0.6, 0.5, 0.2),
        channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.3, "aanvraag"),),
    )
    case = oc.BusinessCase(horizon_years=4, investments=(oc.Investment("x", 300_000),))
    names = [u.name for u in oc.uncertain_inputs(base, scenario, case)]
    flat = {
        n: oc.Range(u.range.base, u.range.base, u.range.base)
        for n, u in zip(names, oc.uncertain_inputs(base, scenario, case))
    }
    sim = oc.simulate(base, scenario, case, draws=500, ranges=flat)
    deterministic = oc.run_business_case(base, scenario, case)
    assert np.ptp(sim.npv_eur) == pytest.approx(0.0, abs=1e-6)
    assert sim.npv_eur[0] == pytest.approx(deterministic.npv_eur)
    t = oc.tornado(base, scenario, case, ranges=flat)
    assert (t.table["swing_eur"] == 0).all()
    assert "alle bandbreedtes zijn nul" in t.reading_nl()


def test_same_seed_same_result_and_the_seed_is_kept():
    base = oc.baseline_for_gemeente("Tilburg")
    scenario = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2))
    a = oc.simulate(base, scenario, draws=2_000, seed=42)
    b = oc.simulate(base, scenario, draws=2_000, seed=42)
    c = oc.simulate(base, scenario, draws=2_000, seed=43)
    np.testing.assert_array_equal(a.npv_eur, b.npv_eur)
    assert not np.array_equal(a.npv_eur, c.npv_eur)
    assert a.seed == 42 and "seed 42" in a.summary_nl()
    # chunking does not change the draws
    d = oc.simulate(base, scenario, draws=2_000, seed=42, chunk=300)
    np.testing.assert_allclose(a.npv_eur, d.npv_eur)


def test_percentiles_and_payback_probability():
    base = oc.baseline_for_gemeente("Utrecht")
    scenario = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.7, 0.2))
    case = oc.BusinessCase(horizon_years=5, investments=(oc.Investment("portaal", 1_500_000),))
    seen = []
    sim = oc.simulate(base, scenario, case, draws=3_000, progress=lambda done, total: seen.append((done, total)))
    p = sim.percentiles
    assert p.loc["npv_eur", "P10"] <= p.loc["npv_eur", "P50"] <= p.loc["npv_eur", "P90"]
    assert 0.0 <= sim.probability_of_payback <= 1.0
    assert sim.probability_of_payback == pytest.approx((sim.payback_year[sim.paid_back] >= 0).sum() / 3_000)
    assert np.isfinite(p.to_numpy()).all()
    pb = sim.payback_percentiles
    assert set(pb) == {"P10", "P50", "P90"}
    years = [x.year for x in pb.values() if x.year is not None]
    assert years == sorted(years)
    assert seen[-1] == (3_000, 3_000)


def test_tornado_is_sorted_and_read_in_words():
    base = oc.baseline_for_gemeente("Utrecht")
    scenario = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.7, 0.2))
    case = oc.BusinessCase(horizon_years=6, investments=(oc.Investment("portaal", 400_000),))
    t = oc.tornado(base, scenario, case)
    assert t.base_npv_eur == pytest.approx(oc.run_business_case(base, scenario, case).npv_eur)
    swings = t.table["swing_eur"].to_numpy()
    assert (swings[:-1] >= swings[1:]).all() and swings[0] > 0
    assert t.reading_nl().startswith("De businesscase hangt vooral af van " + t.table["label_nl"].iloc[0])
    # the phone-cost row equals a deterministic run with that cost at its high end
    row = t.table.set_index("input").loc["cost.top_down_eur_per_contact.telefoon"]
    high = oc.run_business_case(base.with_cost(top_down_eur_per_contact={"telefoon": row["high"]}), scenario, case)
    assert row["npv_high_eur"] == pytest.approx(high.npv_eur)


def test_user_ranges_on_levers_and_unknown_names():
    base = oc.baseline_for_gemeente("Zwolle")
    scenario = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.5, 0.2))
    sim = oc.simulate(
        base,
        scenario,
        draws=1_000,
        ranges={"status_portal.adoption_share": oc.Range(0.3, 0.5, 0.7)},
        only=["status_portal.adoption_share"],
    )
    assert sim.input_draws["status_portal.adoption_share"].between(0.3, 0.7).all()
    assert np.ptp(sim.theoretical_saving_eur) > 0
    with pytest.raises(oc.InputError, match="unknown"):
        oc.simulate(base, scenario, draws=10, ranges={"colour": oc.Range(0, 1, 2)})
    with pytest.raises(oc.InputError):
        oc.Range(2, 1, 3)
    with pytest.raises(oc.InputError):
        oc.simulate(base, scenario, draws=10, ranges={"status_portal.adoption_share": oc.Range(0.5, 0.8, 1.5)})


def test_national_simulation():
    # the shift is limited by the floors, so each gemeente's own segment shares count (issue 14)
    s = oc.Scenario(
        status_portal=oc.StatusPortal(0.6, 0.5, 0.2),
        channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.8, "aanvraag"),),
    )
    seen = []
    ns = oc.simulate_national(s, draws=200, seed=3, progress=lambda d, t: seen.append(d))
    assert ns.saving_eur.shape == (342, 200) and np.isfinite(ns.saving_eur).all()
    assert seen[-1] == 342
    p = ns.national_percentiles
    assert p["P10"] <= p["P50"] <= p["P90"]
    per = ns.per_gemeente
    assert (per["saving_p10_eur_per_year"] <= per["saving_p90_eur_per_year"]).all()
    again = oc.simulate_national(s, draws=200, seed=3, chunk=100)
    np.testing.assert_allclose(again.saving_eur, ns.saving_eur)
    # with every range at zero width each municipality gets its deterministic saving
    template = oc.Baseline.from_population(100_000)
    flat = {
        u.name: oc.Range(u.range.base, u.range.base, u.range.base)
        for u in oc.uncertain_inputs(template, s, oc.BusinessCase())
    }
    exact = oc.simulate_national(s, draws=5, ranges=flat)
    det = oc.evaluate_national(s).per_gemeente["saving_eur_per_year"]
    np.testing.assert_allclose(exact.saving_eur[:, 0], det.to_numpy(), rtol=1e-9)


@pytest.mark.parametrize("draws", [0, -1, 1e5, 100_000, 2.5, True, "10"])
def test_national_draws_are_checked_before_anything_is_drawn(draws):
    """draws=1e5 took over 3 GB before the check (342 gemeenten x draws x 7 channels)."""
    with pytest.raises(oc.InputError) as e:
        oc.simulate_national(oc.Scenario(), draws=draws)
    assert e.value.field == "draws" and "10.000 trekkingen" in e.value.message_nl


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, "1", None])
def test_seeds_are_whole_numbers_from_zero(seed):
    base = oc.baseline_for_gemeente("Zwolle")
    for run in (
        lambda: oc.simulate(base, oc.Scenario(), draws=10, seed=seed),
        lambda: oc.simulate_national(oc.Scenario(), draws=10, seed=seed),
    ):
        with pytest.raises(oc.InputError) as e:
            run()
        assert e.value.field == "seed" and "Startwaarde" in e.value.message_nl
