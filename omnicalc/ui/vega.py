"""A chart widget drawn in the browser by Vega: the spec goes once, afterwards only its data rows.

:class:`VegaChart` shows a :class:`omnicalc.charts.Chart`. Setting :attr:`VegaChart.rows` sends the new
records, which the browser puts into the spec's param :data:`omnicalc.charts.ROWS` (about 3 ms of kernel
CPU per update, against some 100 ms for a matplotlib PNG; VOILA-NOTES §3.4a). The chart is drawn as
SVG with the Dutch locale of the spec; the Vega actions menu (with its links to the online editor)
is off. Next to the chart a Dutch sentence (the HTML beside it, :func:`chart_widget`) says what it shows.

The JavaScript (Vega, Vega-Lite, vega-embed: about 0,9 MB) is never loaded from a CDN. Under
``omnicalc serve`` the server makes the bundle once and serves it at :data:`BUNDLE_ROUTE` (the page
caches it; :func:`bundle_path`); the widget's own module is a few lines that import it from there. In
any other kernel (JupyterLab, tests) the widget carries the bundle itself, made on first use (about
a second).
"""

from __future__ import annotations

import hashlib
import html
import os
from functools import cache
from typing import Any

import anywidget
import ipywidgets as w
import traitlets as t

from ..charts import ROWS, Chart

#: The widget's JavaScript, bundled with vega-embed by vl-convert (``vegaEmbed`` is the bundle's import).
SNIPPET = """
async function render({ model, el }) {
  let view = null;
  const push = async () => {
    if (view === null) return;
    view.signal("@ROWS@", structuredClone(model.get("rows")));
    await view.runAsync();
    el.dataset.updates = String(Number(el.dataset.updates || 0) + 1);
  };
  const draw = async () => {
    if (view !== null) { view.finalize(); view = null; }
    const spec = model.get("spec");
    if (!spec || Object.keys(spec).length === 0) { el.replaceChildren(); return; }
    const result = await vegaEmbed(el, structuredClone(spec), {renderer: "svg", actions: false});
    view = result.view;
    await push();
  };
  model.on("change:spec", draw);
  model.on("change:rows", push);
  await draw();
  return () => { if (view !== null) view.finalize(); };
}
export default { render };
""".replace("@ROWS@", ROWS)
#: Where ``omnicalc serve`` serves the bundle, below the server's base URL; the name changes with its content.
BUNDLE_ROUTE = "omnicalc/static/"
#: Set by ``omnicalc serve`` for its kernels: the server serves the bundle (see :func:`bundle_path`).
SERVED_ENV = "OMNICALC_VEGA_SERVED"


def _vl_version() -> str:
    import vl_convert as vlc

    return str(vlc.get_vegalite_versions()[-1])


@cache
def bundle_path() -> str:
    """The bundle's file name below :data:`BUNDLE_ROUTE`: a hash of the snippet and the library versions.

    Returns
    -------
    str
    """
    import vl_convert as vlc

    key = f"{SNIPPET}|{vlc.get_vega_version()}|{vlc.get_vega_embed_version()}|{_vl_version()}"
    return f"vega-{hashlib.sha256(key.encode()).hexdigest()[:16]}.js"


@cache
def bundle() -> str:
    """The widget's JavaScript with Vega, Vega-Lite and vega-embed in it (an ES module, about 0,9 MB).

    Returns
    -------
    str
    """
    import vl_convert as vlc

    return str(vlc.javascript_bundle(SNIPPET, vl_version=_vl_version()))


def _served_module() -> str:
    """A small ES module that imports the bundle from the server that sent the page."""
    return f"""
const config = document.getElementById("jupyter-config-data");
const base = config ? (JSON.parse(config.textContent).baseUrl || "/") : "/";
const url = new URL(base + "{BUNDLE_ROUTE}{bundle_path()}", window.location.href).href;
let module = null;
// a busy server: try again (a failed import is remembered per URL, so the retry asks another one)
for (let attempt = 0; module === null; attempt++) {{
  try {{
    module = await import(attempt ? url + "?poging=" + attempt : url);
  }} catch (e) {{
    if (attempt >= 3) throw e;
    await new Promise((done) => setTimeout(done, 1000 * (attempt + 1)));
  }}
}}
export default module.default;
"""


def _module() -> str:
    return _served_module() if os.environ.get(SERVED_ENV) else bundle()


class VegaChart(anywidget.AnyWidget):
    """A Vega-Lite chart in the browser whose data rows can be replaced without redrawing it."""

    _esm = ""  # set on first use (:func:`chart_widget`)
    spec = t.Dict().tag(sync=True)
    rows = t.List(t.Dict()).tag(sync=True)


def chart_widget(css: str) -> tuple[VegaChart, w.HTML]:
    """An empty :class:`VegaChart` and the HTML for its Dutch summary sentence; :func:`show` fills both.

    Parameters
    ----------
    css : str
        CSS class of the chart (the summary gets ``css + "-summary"``).

    Returns
    -------
    tuple of VegaChart and ipywidgets.HTML
    """
    if not VegaChart._esm:
        VegaChart._esm = _module()
    widget = VegaChart()
    widget.add_class("oc-chart")
    widget.add_class(css)
    summary = w.HTML()
    summary.add_class("oc-chart-summary")
    summary.add_class(f"{css}-summary")
    return widget, summary


def _summary_html(chart: Chart) -> str:
    return f"<p style='font-size:12px;color:#444;margin:2px 0 10px;max-width:760px'>{html.escape(chart.summary_nl)}</p>"


def show(widget: VegaChart, summary: w.HTML, chart: Chart) -> None:
    """Show ``chart`` in ``widget``: only its rows when the widget shows the same spec with other data, else the spec.

    Parameters
    ----------
    widget : VegaChart
    summary : ipywidgets.HTML
        The summary next to the chart; gets ``chart``'s sentence.
    chart : omnicalc.charts.Chart
    """
    if _without_rows(widget.spec) != _without_rows(chart.spec):
        widget.spec = chart.spec  # another shape (a title, a legend): redraw
    widget.rows = chart.rows
    summary.value = _summary_html(chart)


def _without_rows(spec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in spec.items() if k != "params"}


__all__ = ["BUNDLE_ROUTE", "SERVED_ENV", "SNIPPET", "VegaChart", "bundle", "bundle_path", "chart_widget", "show"]
