"""Charts for people: matplotlib figures with Dutch number formats, as PNG bytes.

One set of chart functions serves the dashboards and the reports. Each takes result
tables (never recomputes) and returns PNG bytes. Figures are made without pyplot, so
nothing global is shared between users. The core model never imports this module.
"""

from __future__ import annotations

import io
import json
import textwrap
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from . import fmt
from .domain import CHANNEL_LABELS, CHANNELS
from .levers import LEVER_KEYS, LEVER_LABELS

BLUE, LIGHT, GREEN, RED, GREY = "#1f5f8b", "#9ecae1", "#2e8b57", "#c0392b", "#7f8c8d"
_EUR = FuncFormatter(lambda x, _: fmt.eur(x))
_NUM = FuncFormatter(lambda x, _: fmt.num(x))


def _figure(width: float = 7.0, height: float = 3.4, bottom: float = 0.2) -> tuple[Figure, Axes]:
    """A figure with fixed margins (constrained layout costs a third of the drawing time on a slider move)."""
    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(left=0.17, right=0.98, top=0.9, bottom=bottom)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def channel_bars(before: np.ndarray, after: np.ndarray, title: str, money: bool) -> Figure:
    """Grouped bars per channel, now and with the scenario."""
    fig, ax = _figure()
    x = np.arange(len(CHANNELS))
    ax.bar(x - 0.2, before, 0.4, color=LIGHT, label="Nu")
    ax.bar(x + 0.2, after, 0.4, color=BLUE, label="Met scenario")
    ax.set_xticks(x, [CHANNEL_LABELS[c].replace("/", "/\n") for c in CHANNELS], fontsize=8)
    ax.yaxis.set_major_formatter(_EUR if money else _NUM)
    ax.set_title(title, fontsize=11, loc="left")
    ax.legend(frameon=False, fontsize=8)
    return fig


def waterfall(cost_before: float, lever_savings: np.ndarray) -> Figure:
    """Cost now, each lever's saving, cost with the scenario."""
    fig, ax = _figure()
    steps = np.concatenate([[cost_before], cost_before - np.cumsum(lever_savings)])
    labels = ["Kosten nu", *(LEVER_LABELS[lv] for lv in LEVER_KEYS), "Kosten met\nscenario"]
    bottoms = np.concatenate([[0.0], np.minimum(steps[:-1], steps[1:]), [0.0]])
    heights = np.concatenate([[cost_before], np.abs(lever_savings), [steps[-1]]])
    colors = [BLUE] + [GREEN if s >= 0 else RED for s in lever_savings] + [BLUE]
    ax.bar(range(len(labels)), heights, bottom=bottoms, color=colors)
    for i, (b, h) in enumerate(zip(bottoms, heights)):
        sign = "" if i in (0, len(labels) - 1) or h < 0.5 else ("−" if lever_savings[i - 1] >= 0 else "+")
        text = sign + fmt.eur(h)
        ax.text(i, b + h, text, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(range(len(labels)), [textwrap.fill(label, 14) for label in labels], fontsize=8)
    ax.yaxis.set_major_formatter(_EUR)
    ax.set_title("Kosten per jaar: besparing per hefboom (volle werking)", fontsize=11, loc="left")
    return fig


def cash_flow(
    cumulative: np.ndarray, p10: np.ndarray | None, p90: np.ndarray | None, payback_year: float | None
) -> Figure:
    """Cumulative net cash flow per year, the P10-P90 band and the payback point."""
    fig, ax = _figure(bottom=0.15)
    years = np.arange(len(cumulative))
    if p10 is not None and p90 is not None:
        ax.fill_between(years, p10, p90, color=LIGHT, alpha=0.6, label="P10–P90 (onzekerheid)")
    ax.plot(years, cumulative, color=BLUE, marker="o", lw=2, label="Basis")
    ax.axhline(0, color=GREY, lw=1, ls="--")
    if payback_year is not None:
        ax.plot(
            [payback_year],
            [0],
            marker="D",
            color=GREEN,
            ms=9,
            ls="none",
            label=f"Terugverdiend na {fmt.num(payback_year, 1)} jaar",
        )
    ax.set_xticks(years)
    ax.set_xlabel("Jaar")
    ax.yaxis.set_major_formatter(_EUR)
    ax.set_title("Cumulatieve kasstroom", fontsize=11, loc="left")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    return fig


def tornado(table: pd.DataFrame, base_npv: float, rows: int = 8) -> Figure:
    """NPV at each input's low and high around the base NPV, largest swing on top."""
    top = table.head(rows).iloc[::-1]
    fig = Figure(figsize=(7.0, 0.42 * max(len(top), 1) + 1.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    y = np.arange(len(top))
    low, high = top["npv_low_eur"].to_numpy(), top["npv_high_eur"].to_numpy()
    ax.barh(y, low - base_npv, left=base_npv, color=RED, height=0.6, label="Lage waarde van de invoer")
    ax.barh(y, high - base_npv, left=base_npv, color=GREEN, height=0.6, label="Hoge waarde van de invoer")
    ax.axvline(base_npv, color="black", lw=1)
    ax.set_yticks(y, list(top["label_nl"]), fontsize=8)
    ax.xaxis.set_major_formatter(_EUR)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel("Netto contante waarde")
    fig.suptitle("Gevoeligheid: waar hangt de businesscase van af?", fontsize=11, x=0.01, ha="left")
    fig.legend(frameon=False, fontsize=8, loc="outside lower center", ncols=2)
    return fig


@lru_cache(maxsize=1)
def _shapes() -> tuple[list[str], list[list[np.ndarray]]]:
    with resources.files("omnicalc").joinpath("defaults/gemeenten_2024.geojson").open("r", encoding="utf-8") as f:
        geo = json.load(f)
    codes, polys = [], []
    for feature in geo["features"]:
        g = feature["geometry"]
        rings = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        codes.append(feature["id"])
        polys.append([np.asarray(poly[0]) for poly in rings])
    return codes, polys


def choropleth(values: pd.Series, title: str, label: str, money: bool = True) -> Figure:
    """A map of the 342 municipalities (CBS 2024 boundaries) coloured by ``values`` (indexed by code); the legend
    in euros with cents, or (``money=False``) as a number with two decimals."""
    codes, polys = _shapes()
    verts, colors = [], []
    v = values.reindex(codes).to_numpy(dtype=float)
    finite = v[np.isfinite(v)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    if hi - lo < 1e-9 * max(1.0, abs(hi)):
        lo, hi = lo - 0.5, hi + 0.5
    norm = Normalize(lo, hi)
    fig = Figure(figsize=(6.2, 6.6), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    cmap = colormaps["Greens"]
    for x, rings in zip(v, polys):
        for ring in rings:
            # equirectangular at 52 degrees north keeps the country's shape
            verts.append(np.column_stack([ring[:, 0] * np.cos(np.radians(52.2)), ring[:, 1]]))
            colors.append(cmap(norm(x)) if np.isfinite(x) else (0.85, 0.85, 0.85, 1))
    ax.add_collection(PolyCollection(verts, facecolors=colors, edgecolors="white", linewidths=0.2))
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.axis("off")
    bar = fig.colorbar(
        ScalarMappable(norm=norm, cmap=cmap),
        ax=ax,
        shrink=0.6,
        format=FuncFormatter(lambda x, _: fmt.eur(x, 2) if money else fmt.num(x, 2)),
    )
    bar.set_label(label)
    ax.set_title(title, fontsize=11, loc="left")
    fig.text(
        0.01, 0.005, "Gemeentegrenzen 2024: Bron: CBS (Gebiedsindelingen, via PDOK); CC BY 4.0", fontsize=6, color=GREY
    )
    return fig


__all__ = [
    "cash_flow",
    "channel_bars",
    "choropleth",
    "png",
    "tornado",
    "waterfall",
]
