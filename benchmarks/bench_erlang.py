"""omnicalc's vectorised Erlang C against pyworkforce on the same grid: 10 years x 48 intervals.

Run: .venv/bin/pip install -e ".[bench]" && .venv/bin/python benchmarks/bench_erlang.py
Prints whether the agent counts agree and the speed ratio (goal >= 50x).
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


def best_of(fn, calls: np.ndarray, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn(calls)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
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
