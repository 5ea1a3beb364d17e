"""Charts for people: Vega-Lite specs with Dutch number formats, one definition for screen and report.

Each chart function takes result tables (never recomputes) and returns a :class:`Chart`: the Vega-Lite
spec (a plain ``dict``), its data rows and a Dutch sentence that says what the chart shows (the text
alternative, issue 18 point 3). The data live in the spec's Vega-Lite param :data:`ROWS`; the
dashboard draws the spec once in the browser and afterwards sends only new rows
(:class:`omnicalc.ui.vega.VegaChart`), the reports render the same spec to SVG or PNG with
vl-convert (:func:`svg`, :func:`png`; no browser, no network). Numbers are formatted by Vega with the
Dutch locale :data:`LOCALE` ("€ 1.234.567", "30,0%"); labels on the bars by :mod:`omnicalc.fmt`.
The core model never imports this module.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import fmt
from .domain import CHANNEL_LABELS, CHANNELS
from .levers import LEVER_KEYS, LEVER_LABELS

BLUE, LIGHT, GREEN, RED, GREY = "#1f5f8b", "#9ecae1", "#2e8b57", "#c0392b", "#7f8c8d"
#: The Vega-Lite param that holds a chart's data rows (a list of records).
ROWS = "rows"
#: Vega's number locale for nl-NL, with the hyphen-minus that :mod:`omnicalc.fmt` writes ("-€ 1.234").
LOCALE: dict[str, Any] = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["€ ", ""], "minus": "-"}
}
#: Axis formats (d3-format with :data:`LOCALE`): "€ 1.234.567", "1.234.567", "30,0%".
EUR, NUM, PCT = "$,.0f", ",.0f", ".1%"
WIDTH = 440  # px of the plot area; fixed, because a chart drawn in a hidden tab has no container width
#: The tornado's plot area: narrower, its labels (up to 260 px) stand beside it.
TORNADO_WIDTH = 340
CONFIG: dict[str, Any] = {
    "locale": LOCALE,
    "font": "DejaVu Sans, Arial, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": "normal", "labelColor": "#333"},
    "legend": {"labelFontSize": 11, "orient": "bottom", "title": None, "labelLimit": 320},
    "title": {"anchor": "start", "fontSize": 13, "fontWeight": "bold", "offset": 10},
}


@dataclass(frozen=True)
class Chart:
    """A chart: its Vega-Lite spec (data included), the data rows alone and a Dutch summary sentence.

    Attributes
    ----------
    spec : dict
        The Vega-Lite v6 spec; its param :data:`ROWS` holds ``rows``.
    rows : list of dict
        The data records (plain floats and strings, JSON-ready); amounts in euros, volumes in contacts.
    summary_nl : str
        What the chart shows, in one or two Dutch sentences with Dutch numbers (the text alternative).
    """

    spec: dict[str, Any]
    rows: list[dict[str, Any]]
    summary_nl: str


def _spec(
    title: str, description: str, rows: list[dict[str, Any]], fields: Sequence[str], body: dict[str, Any]
) -> dict[str, Any]:
    """A top-level spec whose data are the records of the param :data:`ROWS` (flattened into rows with ``fields``).

    The data are a param, not inline values, so that the browser can swap them without redrawing the chart.
    """
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",  # a name only: nothing is fetched
        "title": title,
        "description": description,
        "params": [{"name": ROWS, "value": rows}],
        "data": {"values": [{}]},
        "transform": [
            {"calculate": ROWS, "as": "_row"},
            {"flatten": ["_row"]},
            *({"calculate": f"datum._row[{f!r}]", "as": f} for f in fields),
        ],
        "width": WIDTH,
        "config": CONFIG,
        **body,
    }


def _amount(field: str, title: str, axis_format: str = EUR, ticks: int = 5, **more: Any) -> dict[str, Any]:
    """A quantitative position channel with a Dutch axis (euros unless ``axis_format`` says otherwise)."""
    axis = {"format": axis_format, "tickCount": ticks}
    return {"field": field, "type": "quantitative", "title": title, "axis": axis, **more}


def _f(x: Any) -> float | None:
    """A JSON-ready float (``None`` for NaN or infinity, which JSON cannot carry)."""
    v = float(x)
    return v if math.isfinite(v) else None


def channel_bars(before: Sequence[float], after: Sequence[float], title: str, money: bool) -> Chart:
    """Bars per channel, now and with the scenario, side by side; channels one below the other.

    Parameters
    ----------
    before, after : sequence of float
        Per channel in :data:`omnicalc.domain.CHANNELS` order: contacts per year, or euros per year
        when ``money``.
    title : str
        Dutch title above the chart.
    money : bool
        Amounts in euros (axis "€ 1.234.567") rather than contacts ("1.234.567").

    Returns
    -------
    Chart
    """
    text = fmt.eur if money else fmt.num
    labels = [CHANNEL_LABELS[c] for c in CHANNELS]
    rows = [
        {"kanaal": label, "reeks": series, "waarde": _f(v), "tekst": text(float(v))}
        for label, b, a in zip(labels, before, after)
        for series, v in (("Nu", b), ("Met scenario", a))
    ]
    parts = [f"{label} {text(float(b))} → {text(float(a))}" for label, b, a in zip(labels, before, after)]
    summary = f"{title}, nu → met scenario: " + "; ".join(parts) + "."
    spec = _spec(
        title,
        f"Staafdiagram: {title.lower()}, nu en met het scenario, per kanaal.",
        rows,
        ("kanaal", "reeks", "waarde", "tekst"),
        {
            "height": {"step": 13},
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "y": {"field": "kanaal", "type": "nominal", "sort": labels, "title": None, "axis": {"labelLimit": 200}},
                "yOffset": {"field": "reeks", "sort": ["Nu", "Met scenario"]},
                "x": _amount("waarde", "Euro per jaar" if money else "Contacten per jaar", EUR if money else NUM),
                "color": {
                    "field": "reeks",
                    "type": "nominal",
                    "scale": {"domain": ["Nu", "Met scenario"], "range": [LIGHT, BLUE]},
                },
                "tooltip": [
                    {"field": "kanaal", "title": "Kanaal"},
                    {"field": "reeks", "title": "Situatie"},
                    {"field": "tekst", "title": "Waarde"},
                ],
            },
        },
    )
    return Chart(spec, rows, summary)


def waterfall(cost_before: float, lever_savings: Sequence[float] | np.ndarray) -> Chart:
    """Cost now, each lever's saving, cost with the scenario: a waterfall from top to bottom.

    Parameters
    ----------
    cost_before : float
        Cost of the customer contact now, euros per year.
    lever_savings : sequence of float
        Saving per lever in :data:`omnicalc.levers.LEVER_KEYS` order, euros per year at full effect
        (negative: the lever costs more than it saves).

    Returns
    -------
    Chart
    """
    savings = [float(s) for s in lever_savings]
    steps = [float(cost_before), *(float(cost_before) - np.cumsum(savings))]
    rows: list[dict[str, Any]] = [
        {
            "stap": "Kosten nu",
            "volgorde": 0,
            "van": 0.0,
            "tot": _f(cost_before),
            "soort": "Kosten",
            "tekst": fmt.eur(cost_before),
        }
    ]
    for i, (key, s) in enumerate(zip(LEVER_KEYS, savings)):
        # a saving lowers the cost: written with the minus sign of fmt.eur (one minus on screen), extra cost with +
        text = fmt.eur(0) if abs(s) < 0.5 else (fmt.eur(-s) if s >= 0 else "+" + fmt.eur(-s))
        rows.append(
            {
                "stap": LEVER_LABELS[key],
                "volgorde": i + 1,
                "van": _f(steps[i]),
                "tot": _f(steps[i + 1]),
                "soort": "Besparing" if s >= 0 else "Meerkosten",
                "tekst": text,
            }
        )
    rows.append(
        {
            "stap": "Kosten met scenario",
            "volgorde": len(savings) + 1,
            "van": 0.0,
            "tot": _f(steps[-1]),
            "soort": "Kosten",
            "tekst": fmt.eur(steps[-1]),
        }
    )
    for r in rows:
        r["eind"] = max(r["van"] or 0.0, r["tot"] or 0.0)
    levers = "; ".join(f"{r['stap']} {r['tekst']}" for r in rows[1:-1])
    summary = (
        f"Kosten nu {fmt.eur(cost_before)} per jaar; per hefboom: {levers}; "
        f"kosten met het scenario {fmt.eur(steps[-1])} per jaar."
    )
    order = [r["stap"] for r in rows]
    y = {"field": "stap", "type": "nominal", "sort": order, "title": None, "axis": {"labelLimit": 220}}
    spec = _spec(
        "Kosten per jaar: besparing per hefboom (volle werking)",
        "Watervaldiagram: de kosten nu, de besparing van elke hefboom en de kosten met het scenario.",
        rows,
        ("stap", "volgorde", "van", "tot", "eind", "soort", "tekst"),
        {
            "height": {"step": 30},
            "encoding": {"y": y},
            "layer": [
                {
                    "mark": {"type": "bar", "tooltip": True},
                    "encoding": {
                        "x": _amount("van", "Euro per jaar"),
                        "x2": {"field": "tot"},
                        "color": {
                            "field": "soort",
                            "type": "nominal",
                            "scale": {"domain": ["Kosten", "Besparing", "Meerkosten"], "range": [BLUE, GREEN, RED]},
                        },
                        "tooltip": [{"field": "stap", "title": "Stap"}, {"field": "tekst", "title": "Bedrag"}],
                    },
                },
                {
                    "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": 11},
                    "encoding": {"x": {"field": "eind", "type": "quantitative"}, "text": {"field": "tekst"}},
                },
            ],
        },
    )
    return Chart(spec, rows, summary)


def cash_flow(
    cumulative: Sequence[float] | np.ndarray,
    p10: Sequence[float] | np.ndarray | None,
    p90: Sequence[float] | np.ndarray | None,
    payback_year: float | None,
) -> Chart:
    """Cumulative net cash flow per year, the P10-P90 band and the payback point.

    Parameters
    ----------
    cumulative : sequence of float
        Cumulative net cash flow at the end of year 0, 1, ..., euros.
    p10, p90 : sequence of float or None
        The 10th and 90th percentile of the same over the simulation draws, euros (None: no band).
    payback_year : float or None
        Years until the cumulative cash flow turns positive (None: not within the horizon).

    Returns
    -------
    Chart
    """
    band = p10 is not None and p90 is not None
    rows: list[dict[str, Any]] = [
        {
            "soort": "jaar",
            "jaar": i,
            "basis": _f(c),
            "p10": _f(p10[i]) if band else None,  # type: ignore[index]
            "p90": _f(p90[i]) if band else None,  # type: ignore[index]
            "tekst": fmt.eur(float(c)),
        }
        for i, c in enumerate(cumulative)
    ]
    pay_text = (
        f"Terugverdiend na {fmt.num(payback_year, 1)} jaar"
        if payback_year is not None
        else "Niet terugverdiend binnen de looptijd"
    )
    if payback_year is not None:
        rows.append({"soort": "terugverdiend", "jaar": float(payback_year), "basis": 0.0, "tekst": pay_text})
    last = len(cumulative) - 1
    summary = f"Cumulatieve kasstroom na {last} jaar: {fmt.eur(float(cumulative[last]))}"
    if band:
        summary += f" (P10 {fmt.eur(float(p10[last]))}, P90 {fmt.eur(float(p90[last]))})"  # type: ignore[index]
    summary += f". {pay_text}."
    x = {
        "field": "jaar",
        "type": "quantitative",
        "title": "Jaar",
        "axis": {"tickMinStep": 1, "format": "d"},
        "scale": {"domain": [0, max(last, 1)], "nice": False},
    }
    # the legend's entries are constants (datum), in the order of the layers; the colours go in that order
    legend = {"P10–P90 (onzekerheid)": LIGHT, "Basis": BLUE, "Terugverdiend": GREEN}
    years = {"filter": "datum.soort === 'jaar'"}
    spec = _spec(
        "Cumulatieve kasstroom",
        "Lijndiagram: de cumulatieve netto kasstroom per jaar met de P10–P90-band en het terugverdienpunt.",
        rows,
        ("soort", "jaar", "basis", "p10", "p90", "tekst"),
        {
            "height": 240,
            "config": {**CONFIG, "range": {"category": list(legend.values())}},
            "layer": [
                {
                    "transform": [years, {"filter": "isValid(datum.p10) && isValid(datum.p90)"}],
                    "mark": {"type": "area", "opacity": 0.6},
                    "encoding": {
                        "x": x,
                        "y": {"field": "p10", "type": "quantitative"},
                        "y2": {"field": "p90"},
                        "color": {"datum": "P10–P90 (onzekerheid)"},
                    },
                },
                {"mark": {"type": "rule", "strokeDash": [4, 3], "color": GREY}, "encoding": {"y": {"datum": 0}}},
                {
                    "transform": [years],
                    "mark": {"type": "line", "point": True, "strokeWidth": 2, "tooltip": True},
                    "encoding": {
                        "x": x,
                        "y": _amount("basis", "Euro (cumulatief)", ticks=6),
                        "color": {"datum": "Basis"},
                        "tooltip": [{"field": "jaar", "title": "Jaar"}, {"field": "tekst", "title": "Cumulatief"}],
                    },
                },
                {
                    "transform": [{"filter": "datum.soort === 'terugverdiend'"}],
                    "mark": {"type": "point", "shape": "diamond", "size": 140, "filled": True},
                    "encoding": {
                        "x": x,
                        "y": {"field": "basis", "type": "quantitative"},
                        "color": {"datum": "Terugverdiend"},
                    },
                },
                {
                    "transform": [{"filter": "datum.soort === 'terugverdiend'"}],
                    "mark": {"type": "text", "align": "left", "dx": 8, "dy": -10, "fontSize": 11, "color": GREEN},
                    "encoding": {"x": x, "y": {"field": "basis", "type": "quantitative"}, "text": {"field": "tekst"}},
                },
            ],
        },
    )
    return Chart(spec, rows, summary)


def tornado(table: pd.DataFrame, base_npv: float, rows: int = 8) -> Chart:
    """NPV at each input's low and high around the base NPV, largest swing on top.

    Parameters
    ----------
    table : pandas.DataFrame
        The tornado table (:attr:`omnicalc.uncertainty.Tornado.table`), largest swing first: columns
        ``label_nl``, ``npv_low_eur`` and ``npv_high_eur`` (euros).
    base_npv : float
        Net present value with every input at its base value, euros.
    rows : int
        How many inputs to show.

    Returns
    -------
    Chart
    """
    top = table.head(rows)
    data: list[dict[str, Any]] = []
    for order, t in enumerate(top.itertuples()):
        for side, value in (
            ("Lage waarde van de invoer", t.npv_low_eur),
            ("Hoge waarde van de invoer", t.npv_high_eur),
        ):
            data.append(
                {
                    "invoer": str(t.label_nl),
                    "volgorde": order,
                    "kant": side,
                    "van": _f(base_npv),
                    "tot": _f(value),
                    "tekst": fmt.eur(float(value)),
                }
            )
    parts = [
        f"{t.label_nl} ({fmt.eur(float(t.npv_low_eur))} tot {fmt.eur(float(t.npv_high_eur))})"
        for t in top.head(3).itertuples()
    ]
    summary = f"Netto contante waarde {fmt.eur(base_npv)}. " + (
        "De grootste invloed hebben: " + "; ".join(parts) + "." if parts else "Geen invoer met invloed."
    )
    spec = _spec(
        "Gevoeligheid: waar hangt de businesscase van af?",
        "Tornadodiagram: de netto contante waarde bij de lage en de hoge waarde van elke invoer.",
        data,
        ("invoer", "volgorde", "kant", "van", "tot", "tekst"),
        {
            "height": {"step": 26},
            "width": TORNADO_WIDTH,  # with its labels beside it: inside the results column at 1280 px
            "layer": [
                {
                    "mark": {"type": "bar", "height": {"band": 0.7}, "tooltip": True},
                    "encoding": {
                        "y": {
                            "field": "invoer",
                            "type": "nominal",
                            "title": None,
                            "sort": {"field": "volgorde", "order": "ascending"},
                            "axis": {"labelLimit": 260},
                        },
                        "x": _amount("van", "Netto contante waarde", ticks=4, scale={"zero": False}),
                        "x2": {"field": "tot"},
                        "color": {
                            "field": "kant",
                            "type": "nominal",
                            "scale": {
                                "domain": ["Lage waarde van de invoer", "Hoge waarde van de invoer"],
                                "range": [RED, GREEN],
                            },
                        },
                        "tooltip": [
                            {"field": "invoer", "title": "Invoer"},
                            {"field": "kant", "title": "Bij"},
                            {"field": "tekst", "title": "Netto contante waarde"},
                        ],
                    },
                },
                {"mark": {"type": "rule", "color": "black"}, "encoding": {"x": {"datum": _f(base_npv)}}},
            ],
        },
    )
    return Chart(spec, data, summary)


def svg(chart: Chart) -> str:
    """The chart as SVG text, rendered by vl-convert (no browser, no network).

    Parameters
    ----------
    chart : Chart

    Returns
    -------
    str
        A standalone ``<svg>`` document.
    """
    import vl_convert as vlc

    return str(vlc.vegalite_to_svg(chart.spec, vl_version="6.4"))


def png(chart: Chart, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, rendered by vl-convert (no browser, no network).

    Parameters
    ----------
    chart : Chart
    scale : float
        Pixels per CSS pixel (2: sharp when printed).

    Returns
    -------
    bytes
    """
    import vl_convert as vlc

    return bytes(vlc.vegalite_to_png(chart.spec, vl_version="6.4", scale=scale))


__all__ = [
    "CONFIG",
    "LOCALE",
    "ROWS",
    "Chart",
    "cash_flow",
    "channel_bars",
    "png",
    "svg",
    "tornado",
    "waterfall",
]
