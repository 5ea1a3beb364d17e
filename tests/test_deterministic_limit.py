"""The Monte Carlo runs the model itself: with every range collapsed to one value, every draw
equals the single evaluation — for every input path, top-down and bottom-up, with chat, with
channel shifts and with the uncertainty-only factors set away from 1.

A second model (a copy of a formula in the Monte Carlo) would make these differ; so would a
path that the Monte Carlo reads but the single evaluation ignores, or the other way round.
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.domain import CHANNELS, SEGMENTS
from omnicalc.inputs import DECLARATIONS, base_value, resolve
from omnicalc.model import set_status_share, status_share

SHIFTS = (
    oc.ChannelShift("telefoon", "webformulier", 0.3, "aanvraag"),
    oc.ChannelShift("balie", "chat", 0.2),
)


def _scenario() -> oc.Scenario:
    return oc.Scenario(
        status_portal=oc.StatusPortal(0.6, 0.5, 0.2),
        proactive_status=oc.ProactiveStatus(0.6, 0.7, 0.15, 0.05, 30_000),
        repeat_contacts=oc.RepeatContacts(0.25),
        channel_shifts=SHIFTS,
    )


def _case() -> oc.BusinessCase:
    return oc.BusinessCase(
        horizon_years=6,
        ramps={"status_portal": oc.Ramp("s_curve", 1, 3), "channel_shift": oc.Ramp("linear", 2, 2)},
        investments=(oc.Investment("portaal", 400_000), oc.Investment("koppelingen", 150_000)),
        recurring_costs=(oc.RecurringCost("licentie", 80_000), oc.RecurringCost("beheer", 20_000, start_year=3)),
    )


def _baseline(method: str) -> oc.Baseline:
    volumes = {"telefoon": 120_000, "balie": 60_000, "email": 30_000, "chat": 15_000, "webformulier": 40_000}
    return oc.Baseline.from_channel_volumes(volumes, population=150_000, cost=oc.CostModel(method=method))


def every_path(baseline: oc.Baseline, scenario: oc.Scenario, case: oc.BusinessCase) -> list[str]:
    """Every numeric input path of this case: the declarations expanded, and the levers' inputs."""
    out = []
    for d in DECLARATIONS:
        if "{channel}" in d.path:
            out += [d.path.format(channel=c) for c in CHANNELS]
        elif "{segment}" in d.path:
            out += [d.path.format(segment=s) for s in SEGMENTS]
        elif "{k}" in d.path:
            n = len(case.investments) if "investments" in d.path else len(case.recurring_costs)
            out += [d.path.format(k=k) for k in range(n)]
        else:
            out.append(d.path)
    return out + [i.path for i in scenario.inputs()]


@pytest.mark.parametrize("method", ["top_down", "bottom_up"])
def test_collapsed_ranges_give_the_single_evaluation_for_every_path(method):
    base, scenario, case = _baseline(method), _scenario(), _case()
    expected = oc.run_business_case(base, scenario, case)
    paths = every_path(base, scenario, case)
    assert len(paths) > 60
    ranges = {}
    for p in paths:
        v = base_value(base, scenario, case, p)
        ranges[p] = oc.Range(v, v, v)
    sim = oc.simulate(base, scenario, case, draws=7, ranges=ranges, only=paths, seed=3)
    assert {u.name for u in sim.inputs} == set(paths)
    np.testing.assert_allclose(sim.npv_eur, expected.npv_eur, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(sim.net_cash_flow_eur, np.broadcast_to(expected.cash_flows_eur, (7, 7)), atol=1e-6)
    tor = oc.tornado(base, scenario, case, ranges=ranges, only=paths)
    assert tor.base_npv_eur == pytest.approx(expected.npv_eur, rel=1e-9)
    assert (tor.table["swing_eur"].abs() < 1e-6).all()


@pytest.mark.parametrize("method", ["top_down", "bottom_up"])
def test_each_path_drawn_alone_moves_the_result_as_a_changed_input_does(method):
    """Setting one input by path in the Monte Carlo equals building the case with that value."""
    base, scenario, case = _baseline(method), _scenario(), _case()
    checks = {
        "cost.top_down_eur_per_contact.telefoon": lambda v: base.with_cost(top_down_eur_per_contact={"telefoon": v}),
        "cost.handling_time_seconds.chat": lambda v: base.with_cost(handling_time_seconds={"chat": v}),
        "cost.chat_concurrency": lambda v: base.with_cost(chat_concurrency=v),
        "cost.loaded_hourly_rate_eur": lambda v: base.with_cost(loaded_hourly_rate_eur=v),
        "cost.overhead_eur_per_contact.balie": lambda v: base.with_cost(overhead_eur_per_contact={"balie": v}),
    }
    values = {
        "cost.top_down_eur_per_contact.telefoon": 17.0,
        "cost.handling_time_seconds.chat": 600.0,
        "cost.chat_concurrency": 2.0,
        "cost.loaded_hourly_rate_eur": 70.0,
        "cost.overhead_eur_per_contact.balie": 2.5,
    }
    for path, build in checks.items():
        v = values[path]
        sim = oc.simulate(base, scenario, case, draws=3, ranges={path: oc.Range(v, v, v)}, only=[path])
        direct = oc.run_business_case(build(v), scenario, case).npv_eur
        assert sim.npv_eur == pytest.approx(direct, rel=1e-9), path


def test_status_question_factor_away_from_one_equals_a_hand_built_baseline():
    base, scenario, case = _baseline("top_down"), _scenario(), _case()
    factor = 1.25
    v = base.volume_per_year.copy()
    v = set_status_share(v, np.minimum(1.0, status_share(v) * factor))  # each channel's share x 1.25
    hand = oc.Baseline(name="", population=base.population, volume_per_year=v)
    assert status_share(v)[CHANNELS.index("telefoon")] == pytest.approx(0.35 * 1.25)  # the shipped 35%
    expected = oc.run_business_case(hand, scenario, case).npv_eur
    sim = oc.simulate(
        base,
        scenario,
        case,
        draws=3,
        ranges={"baseline.status_question_factor": oc.Range(factor, factor, factor)},
        only=["baseline.status_question_factor"],
    )
    assert sim.npv_eur == pytest.approx(expected, rel=1e-9)
    assert abs(expected - oc.run_business_case(base, scenario, case).npv_eur) > 1_000  # the factor matters


def test_volume_factor_equals_scaled_volumes():
    base = oc.baseline_for_gemeente("Zwolle")
    scenario, case = _scenario(), _case()
    hand = oc.Baseline(
        name="",
        population=base.population,
        volume_per_year=base.volume_per_year * np.where(np.array(CHANNELS)[:, None] == "telefoon", 1.4, 1.0),
        segments=base.segments,  # Zwolle's own segment shares
    )
    sim = oc.simulate(
        base,
        scenario,
        case,
        draws=2,
        ranges={"baseline.volume_factor.telefoon": oc.Range(1.4, 1.4, 1.4)},
        only=["baseline.volume_factor.telefoon"],
    )
    assert sim.npv_eur == pytest.approx(oc.run_business_case(hand, scenario, case).npv_eur, rel=1e-9)


def test_unknown_path_is_named():
    with pytest.raises(oc.InputError, match="colour"):
        resolve("cost.colour.telefoon")
