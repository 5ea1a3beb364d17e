"""Time of one municipality's evaluation (goal <= 1 ms), of all 342 at once (goal <= 20 ms) and of a business case.

Run: .venv/bin/python benchmarks/bench_core.py
Prints the median and 95th percentile over repeated runs, after a warm-up.
"""

from __future__ import annotations

import statistics
import time

import omnicalc as oc


def timed(fn, repeat: int) -> tuple[float, float]:
    fn()  # warm-up: loads defaults, fills caches
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    scenario = oc.Scenario(
        status_portal=oc.StatusPortal(0.6, 0.5, 0.2),
        repeat_contacts=oc.RepeatContacts(0.25),
        channel_shifts=(
            oc.ChannelShift("telefoon", "webformulier", 0.3, "aanvraag"),
            oc.ChannelShift("balie", "webformulier", 0.2, "aanvraag"),
        ),
    )
    base = oc.baseline_for_gemeente("Utrecht")
    rows = [
        ("one gemeente: evaluate()", lambda: oc.evaluate(base, scenario), 2000, 1.0),
        ("one gemeente: evaluate() + per_channel table", lambda: oc.evaluate(base, scenario).per_channel, 1000, None),
        (
            "one gemeente: baseline_for_gemeente() + evaluate()",
            lambda: oc.evaluate(oc.baseline_for_gemeente("Utrecht"), scenario),
            1000,
            None,
        ),
        ("342 gemeenten: evaluate_national()", lambda: oc.evaluate_national(scenario), 100, 20.0),
        (
            "one gemeente: 10-year business case with Erlang C",
            lambda: oc.run_business_case(base, scenario, oc.BusinessCase(horizon_years=10)),
            200,
            None,
        ),
    ]
    print(f"{'what':52s} {'median ms':>10s} {'p95 ms':>8s}  goal")
    for label, fn, repeat, goal in rows:
        med, p95 = timed(fn, repeat)
        print(f"{label:52s} {med:10.3f} {p95:8.3f}  {'<= ' + format(goal, 'g') + ' ms' if goal else ''}")


if __name__ == "__main__":
    main()
