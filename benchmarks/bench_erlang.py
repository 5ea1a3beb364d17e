"""omnicalc's vectorised Erlang C against pyworkforce on the same grid: 10 years x 48 intervals.

Run: .venv/bin/pip install -e ".[bench]" && .venv/bin/python benchmarks/bench_erlang.py
Prints whether the agent counts agree and the speed ratio (goal >= 50x), then the time of
Erlang A (required_agents_a, 180 s mean patience) against Erlang C on 10 rows x 85 intervals
(needs no pyworkforce).
"""

from __future__ import annotations

import time

import numpy as np

import omnicalc as oc

AHT_S, INTERVAL_S, TARGET, ANSWER_S, MAX_OCC = 292.0, 1800.0, 0.8, 25.0, 0.85


def grid() -> np.ndarray:
    """Calls per half hour over a 24-hour day (48 intervals), for 10 years of 3% fewer calls a year."""
    hours = np.arange(48) / 2
    day = np.exp(-((hours - 11) ** 2) / 8) + 0.6 * np.exp(-((hours - 15) ** 2) / 6)
    return np.outer(0.97 ** np.arange(10), 120 * day / day.max())


def ours(calls: np.ndarray) -> np.ndarray:
    return oc.required_agents(
        calls,
        AHT_S,
        INTERVAL_S,
        service_level_target_share=TARGET,
        answer_time_seconds=ANSWER_S,
        max_occupancy_share=MAX_OCC,
    ).agents


def theirs(calls: np.ndarray) -> np.ndarray:
    from pyworkforce.queuing import ErlangC

    out = np.zeros(calls.shape, dtype=int)
    for idx, c in np.ndenumerate(calls):
        if c <= 0:
            continue
        e = ErlangC(transactions=c, aht=AHT_S / 60, asa=ANSWER_S / 60, interval=INTERVAL_S / 60, shrinkage=0.0)
        out[idx] = e.required_positions(service_level=TARGET, max_occupancy=MAX_OCC)["raw_positions"]
    return out


def best_of(fn, calls: np.ndarray, repeat: int, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = clock()
        fn(calls)
        best = min(best, clock() - t)
    return best


PATIENCE_S = 180.0


def grid_85() -> np.ndarray:
    """10 rows x 85 intervals: a week of 17 half hours (08:30-17:00) x 5 days, 3% fewer calls a row."""
    hours = 8.75 + np.arange(17) / 2
    day = np.exp(-((hours - 10.25) ** 2) / 3) + 0.7 * np.exp(-((hours - 14) ** 2) / 4) + 0.3
    week = np.concatenate([day * f for f in (1.20, 1.02, 0.95, 0.95, 0.88)])
    return np.outer(0.97 ** np.arange(10), 120 * week / week.max())


def erlang_a_agents(calls: np.ndarray) -> np.ndarray:
    return oc.erlang.required_agents_a(
        calls,
        AHT_S,
        INTERVAL_S,
        patience_seconds=PATIENCE_S,
        service_level_target_share=TARGET,
        answer_time_seconds=ANSWER_S,
        max_occupancy_share=MAX_OCC,
    ).agents


def erlang_a_vs_c() -> None:
    calls = grid_85()
    a, c = erlang_a_agents(calls), ours(calls)
    t_a, t_c = best_of(erlang_a_agents, calls, 10), best_of(ours, calls, 20)
    # CPU time of this process too: wall-clock figures on a shared machine include waiting for a core
    cpu_a, cpu_c = (best_of(fn, calls, 10, time.process_time) for fn in (erlang_a_agents, ours))
    print(
        f"Erlang A grid: {calls.shape[0]} rows x {calls.shape[1]} intervals = {calls.size} cells, "
        f"{calls.min():.1f}-{calls.max():.1f} calls per interval, patience {PATIENCE_S:.0f} s"
    )
    print(f"agents Erlang A <= Erlang C everywhere: {bool((a <= c).all())}; total {int(a.sum())} vs {int(c.sum())}")
    print(f"omnicalc.required_agents_a: {t_a * 1000:8.2f} ms wall, {cpu_a * 1000:8.2f} ms CPU")
    print(f"omnicalc.required_agents:   {t_c * 1000:8.2f} ms wall, {cpu_c * 1000:8.2f} ms CPU")
    print(f"Erlang A / Erlang C wall time: {t_a / t_c:.0f}x")


def main() -> None:
    erlang_a_vs_c()
    calls = grid()
    a = ours(calls)
    try:
        b = theirs(calls)
    except ImportError:
        print("pyworkforce is not installed: pip install -e '.[bench]'")
        return
    print(
        f"grid: {calls.shape[0]} years x {calls.shape[1]} intervals = {calls.size} cells, "
        f"{calls.min():.1f}-{calls.max():.1f} calls per interval"
    )
    print(f"agent counts identical: {bool((a == b).all())} (cells differing: {int((a != b).sum())})")
    t_ours, t_theirs = best_of(ours, calls, 20), best_of(theirs, calls, 3)
    print(f"omnicalc.required_agents: {t_ours * 1000:8.2f} ms")
    print(f"pyworkforce ErlangC loop: {t_theirs * 1000:8.2f} ms")
    print(f"speed ratio: {t_theirs / t_ours:.0f}x (goal >= 50x)")


if __name__ == "__main__":
    main()
