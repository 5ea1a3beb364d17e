"""The multi-year business case: known answers by hand and invariants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import omnicalc as oc
from omnicalc.headline import EVERYONE_SELF_RELIANT as SELF_RELIANT  # every resident can use a portal

ROOT = Path(__file__).resolve().parent.parent


def phone_base(calls: float = 100_000) -> oc.Baseline:
    """Phone only, 30% status questions at EUR 11 a call (stated, so the hand calculations hold whatever the
    shipped defaults are)."""
    base = oc.Baseline.from_channel_volumes({"telefoon": calls}, population=50_000, segments=SELF_RELIANT)
    return base.with_status_question_share(0.30, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": 11})


FULL_PORTAL = oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0))


def test_known_answer_theoretical_cash_flows():
    # full portal on 100,000 calls: 30,000 status calls x EUR 11 = EUR 330,000 a year at full effect;
    # linear ramp over 3 years: 110,000 / 220,000 / 330,000. Investment 200,000 at t = 0.
    case = oc.BusinessCase(
        horizon_years=3,
        discount_rate=0.0225,
        savings_basis="theoretical",
        ramps={"status_portal": oc.Ramp("linear", 1, 3)},
        investments=(oc.Investment("portaal", 200_000),),
    )
    bc = oc.run_business_case(phone_base(), FULL_PORTAL, case)
    np.testing.assert_allclose(bc.cash_flows_eur, [-200_000, 110_000, 220_000, 330_000])
    expected_npv = -200_000 + 110_000 / 1.0225 + 220_000 / 1.0225**2 + 330_000 / 1.0225**3
    assert bc.npv_eur == pytest.approx(expected_npv)
    assert bc.payback.year == pytest.approx(1 + 90_000 / 220_000)
    assert bc.roi == pytest.approx((660_000 - 200_000) / 200_000)
    assert "t = 0" in bc.timing_convention


def test_recurring_costs_start_in_their_year():
    case = oc.BusinessCase(horizon_years=4, recurring_costs=(oc.RecurringCost("licentie", 50_000, start_year=2),))
    bc = oc.run_business_case(phone_base(), oc.Scenario(), case)
    np.testing.assert_allclose(bc.years["recurring_cost_eur"], [0, 0, 50_000, 50_000, 50_000])
    assert bc.npv_eur < 0
    assert bc.payback.year is None and "no payback" in bc.payback.reason
    assert bc.irr.rate is None


def test_null_case_has_npv_zero():
    bc = oc.run_business_case(oc.baseline_for_gemeente("Utrecht"), oc.Scenario(), oc.BusinessCase())
    assert bc.npv_eur == 0.0
    assert (bc.years["fte_released"] == 0).all()


def test_s_curve_and_linear_reach_full_effect_together():
    years = np.arange(1, 8)
    lin, s = oc.Ramp("linear", 2, 4).factors(years), oc.Ramp("s_curve", 2, 4).factors(years)
    np.testing.assert_allclose(lin, [0, 0.25, 0.5, 0.75, 1, 1, 1])
    np.testing.assert_allclose(s, [0, 0.15625, 0.5, 0.84375, 1, 1, 1])


def test_realisable_is_below_theoretical_when_staff_is_step_fixed():
    base = oc.baseline_for_gemeente("Utrecht")
    s = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.7, 0.2))
    bc = oc.run_business_case(base, s, oc.BusinessCase(horizon_years=5))
    y = bc.years
    assert (y["realisable_saving_eur"] <= y["theoretical_saving_eur"] + 1e-6).all()
    assert y["fte_released"].iloc[1] == 0  # nothing released in year 1 with a one-year lag
    assert y["savings_used_eur"].equals(y["realisable_saving_eur"])


def test_realisable_stays_below_theoretical_without_a_cap():
    """A small team on top-down costs (the sample KCC export: 98k calls, 99k counter visits). Version 0.1 found
    Erlang C releasing 2 whole FTE worth more than the avoided contacts and capped the line; now the freed
    capacity is released through attrition at loonkosten, and the line lies below the theoretical one by itself."""
    volumes = oc.read_kcc_export((ROOT / "examples" / "kcc" / "kcc_export_2024.csv").read_bytes()).volumes_per_year
    base = oc.Baseline.from_channel_volumes(volumes, population=60_000)
    s = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2))
    bc = oc.run_business_case(base, s, oc.BusinessCase(horizon_years=5))
    y = bc.years
    assert (y["realisable_saving_eur"] <= y["theoretical_saving_eur"] + 1e-9).all()
    assert "realisable_capped" not in y.columns
    reconciled = y["variable_saving_eur"] + y["staff_saving_eur"] - y["friction_cost_eur"]
    np.testing.assert_allclose(y["realisable_saving_eur"], reconciled)
    assert y["fte_released"].iloc[-1] > 0 and "afgebouwd" in bc.release_sentence_nl()


def test_wage_indexation_scales_savings():
    base, s = phone_base(), FULL_PORTAL
    flat = oc.run_business_case(
        base,
        s,
        oc.BusinessCase(
            horizon_years=3, savings_basis="theoretical", ramps={"status_portal": oc.Ramp(years_to_full=1)}
        ),
    )
    grow = oc.run_business_case(
        base,
        s,
        oc.BusinessCase(
            horizon_years=3,
            savings_basis="theoretical",
            wage_indexation_share=0.02,
            ramps={"status_portal": oc.Ramp(years_to_full=1)},
        ),
    )
    np.testing.assert_allclose(
        grow.years["theoretical_saving_eur"].iloc[1:],
        flat.years["theoretical_saving_eur"].iloc[1:] * [1, 1.02, 1.02**2],
    )


def test_residents_line_shows_shifted_cost():
    # 1,000 counter visits, every resident self-reliant, all asked to move to web forms; 75% are aanvragen and 80% of
    # those must stay in person (600 visits), so 400 move: residents save 40 - 10 = 30 min x EUR 10/h = EUR 5 +
    # EUR 3 travel each
    shift = oc.Scenario(channel_shifts=(oc.ChannelShift("balie", "webformulier", 1.0),))
    base = oc.Baseline.from_channel_volumes({"balie": 1_000}, population=10_000, segments=SELF_RELIANT)
    case = oc.BusinessCase(
        horizon_years=1,
        ramps={"channel_shift": oc.Ramp(years_to_full=1)},
        residents=oc.ResidentCosts(
            value_of_time_eur_per_hour=10,
            minutes_per_contact={"balie": 40, "webformulier": 10},
            travel_eur_per_contact={"balie": 3},
        ),
    )
    bc = oc.run_business_case(base, shift, case)
    assert bc.years["resident_cost_change_eur"].iloc[1] == pytest.approx(-400 * (5 + 3))


def test_kpis_before_and_after():
    bc = oc.run_business_case(
        phone_base(), FULL_PORTAL, oc.BusinessCase(horizon_years=2, ramps={"status_portal": oc.Ramp(years_to_full=1)})
    )
    k = bc.kpis
    assert k.loc[0, "status_question_share"] == pytest.approx(0.30)
    assert k.loc[1, "status_question_share"] == pytest.approx(0.0)
    assert k.loc[0, "integral_cost_eur_per_contact"] == pytest.approx(11.0)
    assert k.loc[0, "contacts_per_inhabitant_per_year"] == pytest.approx(2.0)  # 100,000 / 50,000
    assert k.loc[1, "contacts_per_year"] == pytest.approx(70_000)


def test_bad_case_inputs_name_the_field():
    with pytest.raises(oc.InputError, match="business_case.horizon_years"):
        oc.BusinessCase(horizon_years=20)
    with pytest.raises(oc.InputError, match="investment"):
        oc.Investment("x", -5)
    with pytest.raises(oc.InputError, match="ramp.kind"):
        oc.Ramp("exponential")
    with pytest.raises(oc.InputError, match="levers are"):
        oc.BusinessCase(ramps={"portal": oc.Ramp()})


# -- properties -------------------------------------------------------------------------
adoption = st.floats(0.0, 1.0)


@given(adoption, adoption, st.floats(0.0, 1.0), st.sampled_from([*oc.REASONS, None]))  # None: every reason
@settings(max_examples=60, deadline=None)
def test_more_adoption_never_lowers_gross_savings(a1, a2, shift_share, reason):
    base = oc.baseline_for_gemeente("Zwolle")
    lo, hi = sorted((a1, a2))

    def gross(a: float) -> np.ndarray:
        s = oc.Scenario(
            status_portal=oc.StatusPortal(0.8, a, 0.1),
            channel_shifts=(oc.ChannelShift("telefoon", "webformulier", shift_share, reason),),
        )
        return oc.run_business_case(base, s, oc.BusinessCase(horizon_years=4)).years["theoretical_saving_eur"]

    assert (gross(hi).to_numpy() >= gross(lo).to_numpy() - 1e-6).all()


@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(0, 3), st.sampled_from([0.5, 1.0]))
@settings(max_examples=30, deadline=None)
def test_released_fte_follows_freed_capacity_lag_and_attrition(adopt, reduction, lag, step):
    base = oc.baseline_for_gemeente("Tilburg")
    s = oc.Scenario(status_portal=oc.StatusPortal(0.9, adopt, 0.1), repeat_contacts=oc.RepeatContacts(reduction))
    bc = oc.run_business_case(
        base,
        s,
        oc.BusinessCase(horizon_years=6, staffing=oc.StaffingSettings(fte_step=step, fte_release_lag_years=lag)),
    )
    y = bc.years
    released, freed = y["fte_released"].to_numpy(), y["fte_freed"].to_numpy()
    assert (released <= np.maximum(freed, 0) + 1e-9).all()  # never more than is freed
    assert (released[1 : 1 + lag] == 0).all()  # nothing before the lag
    assert (released >= -1e-9).all()  # these levers only take work away
    per_year = bc.case.staffing.attrition_share * bc.outcome.fte_before.sum()
    assert (np.diff(released) <= per_year + 1e-9).all()  # no faster than natural attrition


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=10), st.floats(0.0, 0.1))
def test_zero_investment_and_zero_savings_give_npv_zero(_, rate):
    case = oc.BusinessCase(horizon_years=5, discount_rate=rate)
    bc = oc.run_business_case(phone_base(), oc.Scenario(), case)
    assert bc.npv_eur == 0.0


@pytest.mark.parametrize("minutes", [1e-5, 1e-300, 0, float("nan"), "30"])
def test_flat_profile_checks_the_interval_before_building_it(minutes):
    # 1e-5 minutes used to build a list of 240 million intervals (4 GB) before the range check
    with pytest.raises(oc.InputError, match="interval_minutes"):
        oc.ArrivalProfile.flat(40, minutes)


def test_ramp_is_zero_before_its_start_year():
    # x = (t - start + 1) / years_to_full clipped to 0..1: start 3, 2 years -> 0, 0, 0.5, 1, 1
    assert oc.Ramp("linear", 3, 2).factors(np.arange(1, 6)).tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]


def test_wage_indexation_scales_variable_and_staff_savings():
    # the same volumes every year (ramp full from year 1): each saving line of year t is that of
    # the unindexed case times 1.02^(t - 1)
    base = oc.Baseline.from_channel_volumes({"telefoon": 300_000, "email": 100_000}, population=100_000)
    s = oc.Scenario(status_portal=oc.StatusPortal(1.0, 0.8, 0.1))
    ramps = {k: oc.Ramp("linear", 1, 1) for k in ("status_portal",)}
    plain = oc.run_business_case(base, s, oc.BusinessCase(horizon_years=4, ramps=ramps)).years
    indexed = oc.run_business_case(
        base, s, oc.BusinessCase(horizon_years=4, ramps=ramps, wage_indexation_share=0.02)
    ).years
    for col in ("variable_saving_eur", "staff_saving_eur", "theoretical_saving_eur"):
        assert plain[col].iloc[3] > 0, col
        assert indexed[col].iloc[3] == pytest.approx(plain[col].iloc[3] * 1.02**2), col


def test_the_remembered_staffing_before_the_levers_equals_a_fresh_one():
    """case_kernel remembers the staffing before the levers (the same for every lever setting) by
    the exact bytes of its inputs: a second run gives bit-identical results, and a changed input
    is not mistaken for a remembered one."""
    from omnicalc import business_case as bc_module

    base = oc.baseline_for_gemeente("Utrecht")
    scenario = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.5, 0.2))
    bc_module._REMEMBERED.clear()
    first = oc.simulate(base, scenario, draws=300, seed=4)
    assert bc_module._REMEMBERED
    again = oc.simulate(base, scenario, draws=300, seed=4)
    assert again.npv_eur.tobytes() == first.npv_eur.tobytes()
    assert again.fte_released.tobytes() == first.fte_released.tobytes()
    other = oc.simulate(base, scenario, draws=300, seed=5)
    bc_module._REMEMBERED.clear()
    fresh = oc.simulate(base, scenario, draws=300, seed=5)
    assert other.npv_eur.tobytes() == fresh.npv_eur.tobytes()
    assert len(bc_module._REMEMBERED) <= bc_module._REMEMBER_AT_MOST
