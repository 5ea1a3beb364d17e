"""Monte Carlo timings: 10,000 draws for one municipality (goal <= 100 ms) and 342 x 1,000 (goal <= 2 s).

Run: .venv/bin/python benchmarks/bench_uncertainty.py
Best of several runs after a warm-up, with and without a channel shift (a shift needs the
per-segment split, which makes every draw about three times larger).
"""

from __future__ import annotations

import time

import omnicalc as oc


def best(fn, repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def main() -> None:
    base = oc.baseline_for_gemeente("Utrecht")
    case = oc.BusinessCase(
        horizon_years=6,
        investments=(oc.Investment("Portaal", 400_000),),
        recurring_costs=(oc.RecurringCost("Licentie", 80_000),),
    )
    portal = oc.StatusPortal(0.6, 0.7, 0.2)
    scenarios = {
        "status portal + repeat contacts": oc.Scenario(status_portal=portal, repeat_contacts=oc.RepeatContacts(0.25)),
        "... + channel shift": oc.Scenario(
            status_portal=portal,
            repeat_contacts=oc.RepeatContacts(0.25),
            channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.3, "aanvraag"),),
        ),
    }
    inputs = len(oc.uncertain_inputs(base, scenarios["... + channel shift"], case))
    print(f"uncertain inputs: {inputs}; business case {case.horizon_years} years with Erlang C staffing")
    print(f"{'what':72s} {'best ms':>9s}  goal")
    for label, s in scenarios.items():
        ms = best(lambda s=s: oc.simulate(base, s, case, draws=10_000), 5)
        print(f"{'1 gemeente x 10,000 draws, ' + label:72s} {ms:9.1f}  <= 100 ms")
    for label, s in scenarios.items():
        ms = best(lambda s=s: oc.simulate_national(s, draws=1_000), 2)
        print(f"{'342 gemeenten x 1,000 draws (yearly saving), ' + label:72s} {ms:9.1f}  <= 2000 ms")
    ms = best(lambda: oc.tornado(base, scenarios["... + channel shift"], case), 5)
    print(f"{'tornado, ' + str(inputs) + ' inputs x low/high':72s} {ms:9.1f}")
    ms = best(
        lambda: oc.goal_seek(
            base,
            scenarios["status portal + repeat contacts"],
            lever="status_portal.adoption_share",
            target="npv_eur",
            value=0.0,
            case=case,
        ),
        3,
    )
    print(f"{'goal seek, NPV = 0 on adoption':72s} {ms:9.1f}")
    ms = best(lambda: oc.optimal_mix(base, max_shift_share=0.2, capacity_per_year={"chat": 15_000}), 3)
    print(f"{'optimal mix (linear programme, 756 variables)':72s} {ms:9.1f}")


if __name__ == "__main__":
    main()
