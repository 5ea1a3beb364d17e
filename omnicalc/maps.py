"""The national map for people: a matplotlib figure of the 342 municipalities with Dutch number formats, as PNG.

The Landelijk dashboard draws it once per process (the same for every session). The other charts are
Vega-Lite specs drawn in the browser (:mod:`omnicalc.charts`). Figures are made without pyplot, so
nothing global is shared between users. The core model never imports this module.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PolyCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from . import fmt

GREY = "#7f8c8d"


def png(fig: Figure) -> bytes:
    """The figure as PNG bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


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
    "choropleth",
    "png",
]
