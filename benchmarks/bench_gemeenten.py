"""All 342 gemeenten under one standard scenario: NPV and realisable saving per inhabitant against population.

Run: .venv/bin/python benchmarks/bench_gemeenten.py [output folder, default: benchmarks/out]
Writes gemeenten.csv (one row per gemeente) and gemeenten.png (two scatter plots), and prints
the share with a positive NPV per size class, the staffing check (staffing view / top-down) per
class and the time taken.

The standard scenario is issue 13's: status portal reach 0,6 / adoption 0,5 / residual contact
0,2; EUR 400.000 once and EUR 80.000 a year; 6 years; every other input the shipped default.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import omnicalc as oc

CASE = oc.BusinessCase(
    horizon_years=6,
    investments=(oc.Investment("Statusportaal", 400_000),),
    recurring_costs=(oc.RecurringCost("Licentie en beheer", 80_000),),
)
SCENARIO = oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.5, 0.2))
CLASSES = [0, 20_000, 50_000, 100_000, 200_000, 1_000_000]
CLASS_LABELS = ["< 20k", "20-50k", "50-100k", "100-200k", ">= 200k"]


def table() -> pd.DataFrame:
    rows = []
    for g in oc.gemeenten().itertuples():
        base = oc.baseline_for_gemeente(g.code)
        bc = oc.run_business_case(base, SCENARIO, CASE)
        y = bc.years
        rows.append(
            {
                "code": g.code,
                "gemeente": base.name,
                "population": base.population,
                "npv_eur": bc.npv_eur,
                "npv_eur_per_inhabitant": bc.npv_eur / base.population,
                "realisable_eur_per_year": float(y["realisable_saving_eur"].iloc[-1]),
                "realisable_eur_per_inhabitant": float(y["realisable_saving_eur"].iloc[-1]) / base.population,
                "theoretical_eur_per_inhabitant": float(y["theoretical_saving_eur"].iloc[-1]) / base.population,
                "fte_before": float(y["fte_workload"].iloc[0]),
                "fte_freed": float(y["fte_freed"].iloc[-1]),
                "fte_released": float(y["fte_released"].iloc[-1]),
                "kcc_combined": float(bc.fte_per_team["combined"].iloc[0]),
                "staffing_vs_top_down": bc.staffing_check.ratio,
            }
        )
    t = pd.DataFrame(rows)
    t["size_class"] = pd.cut(t["population"], CLASSES, labels=CLASS_LABELS, right=False)
    return t


def plot(t: pd.DataFrame, path: Path) -> None:
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for ax, col, title in (
        (axes[0], "npv_eur_per_inhabitant", "Netto contante waarde per inwoner (€)"),
        (axes[1], "realisable_eur_per_inhabitant", "Realiseerbare besparing per inwoner per jaar (€)"),
    ):
        dots = ax.scatter(t["population"], t[col], c=t["kcc_combined"], cmap="viridis_r", s=10, vmin=0, vmax=1)
        fig.colorbar(dots, ax=ax, label="KCC gecombineerd met andere taken (aandeel)")
        ax.set_xscale("log")
        ax.set_xlabel("Inwoners (CBS 2024, log)")
        ax.set_title(title, fontsize=10)
        ax.axhline(0, color="#888", lw=0.8)
    fig.suptitle("342 gemeenten, statusportaal 0,6 / 0,5 / 0,2; € 400.000 + € 80.000 per jaar; 6 jaar", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "out"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    t = table()
    seconds = time.perf_counter() - t0
    t.to_csv(out / "gemeenten.csv", index=False)
    plot(t, out / "gemeenten.png")
    g = t.groupby("size_class", observed=True)
    summary = pd.DataFrame(
        {
            "gemeenten": g.size(),
            "positive_npv_share": g["npv_eur"].apply(lambda s: float((s > 0).mean())),
            "median_npv_eur": g["npv_eur"].median().round(0),
            "median_realisable_eur_per_inhabitant": g["realisable_eur_per_inhabitant"].median().round(3),
            "median_staffing_vs_top_down": g["staffing_vs_top_down"].median().round(3),
            "median_fte_freed": g["fte_freed"].median().round(2),
        }
    )
    print(summary.to_string())
    print(f"\npositive NPV: {int((t['npv_eur'] > 0).sum())} of {len(t)}")
    print(f"Spearman rank correlation population ~ NPV: {t['population'].corr(t['npv_eur'], method='spearman'):.3f}")
    biggest = t.nlargest(8, "population")[["gemeente", "population", "npv_eur", "fte_freed", "fte_released"]]
    print(biggest.round(1).to_string(index=False))
    print(f"\n342 business cases in {seconds:.1f} s ({seconds / len(t) * 1000:.1f} ms each); wrote {out}")
    ratio = t["staffing_vs_top_down"]
    print(f"staffing / top-down over all gemeenten: min {ratio.min():.2f}, max {ratio.max():.2f}")
    assert np.isfinite(t["npv_eur"]).all()


if __name__ == "__main__":
    main()
