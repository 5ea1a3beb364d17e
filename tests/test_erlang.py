"""Erlang C staffing against a published known answer.

Source (REFERENCE.md): the Call Centre Helper Erlang C example, also asserted in
rodrigo-arenas/pyworkforce's tests: 100 calls per 30 minutes, average handling time
180 s, target 80% answered within 20 s, maximum occupancy 85%, shrinkage 30% ->
load 10 Erlang; 14 agents (probability of waiting 0.1741, service level 0.8884,
occupancy 0.7143, average speed of answer 7.84 s); 20 scheduled (= 14 / 0.7).
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc

KNOWN = dict(service_level_target_share=0.8, answer_time_seconds=20, max_occupancy_share=0.85)


def test_call_centre_helper_example():
    s = oc.required_agents(100, 180, 1800, **KNOWN)
    assert float(s.load_erlang) == pytest.approx(10.0)
    assert int(s.agents) == 14
    assert float(s.probability_of_waiting) == pytest.approx(0.1741, abs=1e-4)
    assert float(s.service_level) == pytest.approx(0.8884, abs=1e-4)
    assert float(s.occupancy) == pytest.approx(0.7143, abs=1e-4)
    assert float(s.average_speed_of_answer_seconds) == pytest.approx(7.84, abs=0.01)


def test_scheduled_agents_with_shrinkage_via_team_fte():
    """One 30-minute interval a week holding all calls: 100 calls, A = 10 Erlang. By hand (Erlang C):
    SL(13) = 0,795595 < 0,8 <= SL(14) = 0,888350, so 14 whole agents and 13 + (0,8 - 0,795595) /
    (0,888350 - 0,795595) = 13,047493 fractional ones (the staffing counts the fraction); with 30%
    shrinkage (productive share 0,7) that is 13,047493 / 0,7 = 18,639 scheduled in that interval."""
    cost = oc.CostModel(handling_time_seconds={"telefoon": 180}, productive_share=0.7)
    staffing = oc.StaffingSettings(profile=oc.ArrivalProfile((1.0,), 30), gross_hours_per_fte_per_year=1872, **KNOWN)
    volume = np.zeros(len(oc.CHANNELS))
    volume[oc.CHANNELS.index("telefoon")] = 100 * 52
    fte = oc.team_fte(volume, cost, staffing, 100_000)[0]  # the KCC team (phone only here)
    scheduled_in_interval = fte * 1872 / 52 / 0.5  # FTE-hours per week / interval hours
    assert scheduled_in_interval == pytest.approx((13 + (0.8 - 0.795595) / (0.888350 - 0.795595)) / 0.7, rel=1e-5)


def test_vectorised_equals_one_by_one():
    calls = np.array([[0, 0.3, 5, 40], [100, 250, 1000, 3]])
    grid = oc.required_agents(calls, 300, 1800, **KNOWN)
    for idx, c in np.ndenumerate(calls):
        one = oc.required_agents(c, 300, 1800, **KNOWN)
        assert grid.agents[idx] == one.agents
        assert grid.service_level[idx] == pytest.approx(float(one.service_level))


def test_targets_hold_and_one_agent_fewer_would_miss_them():
    calls = np.linspace(1, 400, 60)
    s = oc.required_agents(calls, 240, 1800, **KNOWN)
    assert (s.service_level >= 0.8 - 1e-9).all()
    assert (s.occupancy <= 0.85 + 1e-9).all()
    # one agent fewer misses the service level or the occupancy (or is not a stable queue)
    a = s.load_erlang
    n = s.agents - 1
    from scipy.stats import poisson

    # Erlang C from the Poisson distribution, independent of the recursion under test
    b = poisson.pmf(n, a) / poisson.cdf(n, a)
    c = np.where(n > a, n * b / (n - a * (1 - b)), 1.0)
    sl = np.where(n > a, 1 - c * np.exp(-(n - a) * 20 / 240), 0.0)
    assert ((sl < 0.8) | (a / np.maximum(n, 1) > 0.85) | (n <= a)).all()


def test_chat_concurrency_divides_the_handling_time():
    single = oc.required_agents(60, 480, 1800, **KNOWN)
    chat = oc.required_agents(60, 480, 1800, concurrency=3, **KNOWN)
    same = oc.required_agents(60, 160, 1800, **KNOWN)
    assert int(chat.agents) == int(same.agents) < int(single.agents)
