"""The fast Erlang C search (blocks, Erlang B by recursion, passes over the short intervals only)
against the implementation it replaced, kept here as the reference.

Agreement: every real-valued field within 1e-12 relative (seen: below 1e-13), the whole agent
counts equal except where the reference's service level lies within 1e-9 of the target (a tie that
rounding decides; ``agents_fractional`` is continuous there). Load is bit-identical.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import gammaln, pdtr

import omnicalc as oc
from omnicalc.erlang import _interpolate_agents

REAL = (
    "agents_fractional",
    "probability_of_waiting",
    "service_level",
    "occupancy",
    "average_speed_of_answer_seconds",
)


def reference(calls, aht_s, interval_s, *, target, answer_s, max_occupancy=1.0, concurrency=1.0):
    """The implementation before issue 18 (whole arrays each pass, Erlang B from the Poisson distribution)."""
    calls = np.asarray(calls, dtype=float)
    aht = np.asarray(aht_s, dtype=float) / np.asarray(concurrency, dtype=float)
    a = calls * (aht / interval_s)
    active = a > 0
    la = np.where(active, a, 1.0)
    n = np.maximum(np.floor(la) + 1, np.ceil(la / max_occupancy - 1e-12))
    b = np.exp(n * np.log(la) - la - gammaln(n + 1)) / pdtr(n, la)
    decay = -answer_s / aht
    goal = target - 1e-12
    while True:
        c = n * b / (n - la + la * b)
        sl = 1 - c * np.exp((n - la) * decay)
        short = sl < goal
        if not short.any():
            break
        n += short
        b = np.where(short, la * b / (n + la * b), b)
    agents = np.where(active, n, 0).astype(np.int64)
    c = np.where(active, c, 0.0)
    sl = np.where(active, sl, 1.0)
    occupancy = np.where(active, a / n, 0.0)
    asa = np.where(active, c * aht / (n - la), 0.0)
    m = n - 1
    b_prev = n * b / (la * (1 - b))
    c_prev = m * b_prev / np.maximum(m - la + la * b_prev, 1e-300)
    sl_prev = np.where(m > la, 1 - c_prev * np.exp((m - la) * decay), 0.0)
    fractional = _interpolate_agents(n, sl_prev, sl, target, la / max_occupancy)
    return oc.Staffing(a, agents, np.where(active, fractional, 0.0), c, sl, occupancy, asa)


def assert_agrees(calls, aht, interval, target, answer, occupancy, concurrency=1.0):
    kw = dict(service_level_target_share=target, answer_time_seconds=answer, max_occupancy_share=occupancy)
    new = oc.required_agents(calls, aht, interval, concurrency=concurrency, **kw)
    old = reference(
        calls, aht, interval, target=target, answer_s=answer, max_occupancy=occupancy, concurrency=concurrency
    )
    assert new.load_erlang.shape == old.load_erlang.shape
    np.testing.assert_array_equal(new.load_erlang, old.load_erlang)
    tie = np.abs(old.service_level - target) < 1e-9
    np.testing.assert_array_equal(new.agents[~tie], old.agents[~tie])
    for f in REAL:
        np.testing.assert_allclose(getattr(new, f), getattr(old, f), rtol=1e-12, atol=1e-300, err_msg=f)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    scale=st.sampled_from([1e-6, 0.01, 1.0, 30.0, 300.0, 3000.0]),
    zeros=st.booleans(),
    aht=st.floats(5, 3600),
    interval=st.sampled_from([300.0, 900.0, 1800.0, 3600.0]),
    target=st.floats(0.0, 0.999),
    answer=st.floats(0, 300),
    occupancy=st.floats(0.3, 1.0),
    concurrency=st.sampled_from([1.0, 2.0, 3.5]),
)
def test_fast_search_equals_the_reference(
    rows, seed, scale, zeros, aht, interval, target, answer, occupancy, concurrency
):
    rng = np.random.default_rng(seed)
    calls = rng.uniform(0, scale, size=(rows, 40))
    if zeros:
        calls[rng.random(calls.shape) < 0.3] = 0.0
    ahts = aht * rng.uniform(0.5, 1.5, size=(rows, 1))  # broadcast over the intervals, as team_hours does
    assert_agrees(calls, ahts, interval, target, answer, occupancy, concurrency)


def test_fast_search_equals_the_reference_on_a_monte_carlo_sized_grid():
    """More intervals than one block (16.384), loads on both sides of the recursion's 64 agents."""
    rng = np.random.default_rng(18)
    calls = rng.uniform(0, 80, size=(300, 4, 40)) * rng.choice([0.0, 0.1, 1.0, 10.0], size=(300, 4, 1))
    aht = rng.uniform(120, 600, size=(300, 4, 1))
    assert_agrees(calls, aht, 1800, 0.8, 25.0, 0.85)


@pytest.mark.parametrize(
    ("calls", "aht", "agents", "sl"),
    [(100, 180, 14, 0.8884), (0, 180, 0, 1.0), (1e-9, 180, 1, 1.0), (2000, 300, 393, None)],
)
def test_known_answers(calls, aht, agents, sl):
    """Call Centre Helper's 100 calls / 30 min / 180 s / 80% in 20 s / 85%: 14 agents, SL 0,8884 (REFERENCE.md);
    no calls; a trickle; 333 Erlang, where the occupancy cap decides (333,3 / 0,85 -> 393)."""
    s = oc.required_agents(calls, aht, 1800, service_level_target_share=0.8, answer_time_seconds=20,
                           max_occupancy_share=0.85)  # fmt: skip
    old = reference(calls, aht, 1800, target=0.8, answer_s=20, max_occupancy=0.85)
    assert int(s.agents) == int(old.agents) == agents
    if sl is not None:
        assert float(s.service_level) == pytest.approx(sl, abs=1e-4)
    assert s.agents.shape == ()
