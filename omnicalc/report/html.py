"""The HTML report: one self-contained page (styles inline, charts as embedded SVG), printable to PDF.

The charts are the dashboard's Vega-Lite specs (:mod:`omnicalc.charts`) rendered by vl-convert; each has its
Dutch summary sentence as ``alt`` text and as caption."""

from __future__ import annotations

import base64
import html
from collections.abc import Collection

import pandas as pd

from .. import charts, fmt, inclusion
from ..analysis import Analysis
from ..bbv import mkba_vs_bbv_nl
from ..business_case import resident_cost_sentence_nl
from ..errors import InputError
from ..kpis import KPIS
from ..levers import LEVERS
from ..model import lever_values
from ..params import SPECS, default_table
from .sources import code_label_nl, label_nl, publication_nl, unit_nl

CSS = """
@page { size: A4; margin: 16mm 14mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 10pt; color: #222; margin: 0; }
h1 { font-size: 18pt; margin: 0 0 4px; } h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 2px solid #1f5f8b; }
.sub { color: #555; margin: 0 0 10px; }
.kpis { display: flex; gap: 8px; flex-wrap: wrap; margin: 10px 0; }
.kpi { border: 1px solid #ccd; border-radius: 6px; padding: 6px 10px; min-width: 130px; }
.kpi .v { font-size: 15pt; font-weight: bold; } .kpi .t, .kpi .s { font-size: 8pt; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; break-inside: auto; }
table.years { font-size: 7pt; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #dde7f0; } td.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; } .aanname { background: #fff4d6; font-weight: bold; }
img { max-width: 100%; break-inside: avoid; } .small { font-size: 8pt; color: #555; }
figure { margin: 6px 0; break-inside: avoid; }
section { break-inside: avoid-page; } .page { break-before: page; }
section.long { break-inside: auto; } h1.bijlage { font-size: 16pt; }
ul.summary { padding-left: 18px; margin: 4px 0; } ul.summary li { margin: 0 0 4px; }
"""


def _figure(chart: charts.Chart) -> str:
    """The chart as an embedded SVG image, its summary sentence as ``alt`` text and caption."""
    data = base64.b64encode(charts.svg(chart).encode()).decode()
    alt = html.escape(chart.summary_nl, quote=True)
    return (
        f"<figure class='chart'><img alt='{alt}' src='data:image/svg+xml;base64,{data}'>"
        f"<figcaption class='small'>{html.escape(chart.summary_nl)}</figcaption></figure>"
    )


def _e(text: object) -> str:
    return html.escape(str(text))


#: The parts of the report a reader may leave out (the dashboard's *Rapport voor de raad*), by key.
PARTS_NL: dict[str, str] = {
    "targets": "Doelen (KPI's), als het scenario doelen heeft",
    "comparison": "Vergelijking van de bewaarde scenario's, als er zijn",
    "defaults": "Bijlage: alle standaardwaarden en hun bronnen (enkele pagina's tabel)",
}


def to_html(report: Analysis, parts: Collection[str] | None = None) -> str:
    """The report as one self-contained HTML page (no external resources).

    Parameters
    ----------
    report : Analysis
        What to report.
    parts : collection of str or None
        Which of :data:`PARTS_NL` to include; None: all of them. The rest (summary, BBV, MKBA, uncertainty,
        the assumptions that matter most, the scenario's own assumptions) is always there.
    """
    wanted = set(PARTS_NL) if parts is None else set(parts)
    unknown = wanted - set(PARTS_NL)
    if unknown:
        raise InputError("parts", sorted(unknown), "allowed are " + ", ".join(PARTS_NL))
    r, bc, sim, tor, b = (report.result, report.business_case, report.simulation, report.sensitivity, report.baseline)
    y = bc.years
    p = sim.percentiles
    payback, irr = report.payback_sentence_nl, bc.irr.text_nl
    kpis = [
        (k.label_nl, k.text_nl, k.note_nl)
        for k in report.kpis.loc[["npv_eur", "saving_eur_per_year", "payback_year", "fte_released"]].itertuples()
    ]
    cards = "".join(
        f"<div class='kpi'><div class='t'>{_e(t)}</div><div class='v'>{_e(v)}</div><div class='s'>{_e(s)}</div></div>"
        for t, v, s in kpis
    )
    pc = r.per_channel
    channel_rows = "".join(
        f"<tr><td>{_e(c.label_nl)}</td><td class='n'>{fmt.num(c.volume_before_per_year)}</td>"
        f"<td class='n'>{fmt.num(c.volume_after_per_year)}</td><td class='n'>{fmt.eur(c.cost_eur_per_contact, 2)}</td>"
        f"<td class='n'>{fmt.eur(c.cost_before_eur_per_year)}</td><td class='n'>{fmt.eur(c.saving_eur_per_year)}</td>"
        "</tr>"
        for c in pc.itertuples()
    )
    year_head, year_rows = _labelled_table(bc.year_lines_nl(), "Jaar")
    scenario_inputs = report.inputs()
    inputs = "".join(
        f"<tr><td>{_e(label_nl(i.input))}</td><td class='{'' if isinstance(i.value, str) else 'n'}'>"
        f"{_value(i.value, i.unit)}</td>"
        f"<td>{_e(unit_nl(i.unit))}</td><td class='{'aanname' if i.basis == 'aanname' else ''}'>{_e(i.basis)}</td>"
        # a measured value cites the gemeente's own registration file; every other source its publication
        f"<td>{_e(i.source if i.basis == 'gemeten' else publication_nl(i.source))}</td></tr>"
        for i in scenario_inputs.itertuples()
    )
    residents = report.residents_per_segment
    resident_rows = "".join(
        f"<tr><td>{_e(x.label_nl)}</td><td class='n'>{fmt.num(x.residents)}</td>"
        f"<td class='n'>{fmt.eur(x.cost_before_eur_per_year)}</td>"
        f"<td class='n'>{fmt.eur(x.cost_after_eur_per_year)}</td>"
        f"<td class='n'>{fmt.eur(x.change_eur_per_year)}</td>"
        f"<td class='n'>{fmt.eur(x.change_eur_per_resident_per_year, 2)}</td></tr>"
        for x in residents.itertuples()
    )
    raming = report.bbv
    bbv_head, bbv_rows = _labelled_table(raming.table_nl(), "")
    notes = r.inclusion_notes_nl()
    kept = (
        "<p><b>Wat de inclusieregels tegenhouden</b></p><ul>" + "".join(f"<li>{_e(n)}</li>" for n in notes) + "</ul>"
        if notes
        else "<p>De inclusieregels houden in dit scenario niets tegen.</p>"
    )
    rules = "".join(
        f"<h3>{_e(title)}</h3><table class='small'><tr>"
        + "".join(f"<th>{_e(c)}</th>" for c in t.columns)
        + "</tr>"
        + "".join(
            "<tr>" + "".join(f"<td>{_e(publication_nl(str(v)))}</td>" for v in row) + "</tr>"
            for row in t.itertuples(index=False)
        )
        + "</table>"
        for title, t in inclusion.rules_nl().items()
    )
    defaults = "".join(
        f"<tr><td>{_e(SPECS[d.parameter].label_nl if d.parameter in SPECS else d.parameter)}</td>"
        f"<td>{_e(' – '.join(code_label_nl(x) for x in (d.channel, d.reason, d.segment) if x))}</td>"
        f"<td class='n'>{fmt.num(d.value, 2)}</td><td class='n'>{fmt.num(d.low, 2)} – {fmt.num(d.high, 2)}</td>"
        f"<td>{_e(unit_nl(d.unit))}</td><td>{d.year}</td><td class='{'aanname' if d.basis == 'aanname' else ''}'>"
        f"{_e(d.basis)}</td><td class='small'>{_e(publication_nl(d.source))}</td></tr>"
        for d in default_table().itertuples()
    )
    percentile_rows = "".join(
        f"<tr><td>{label}</td>"
        + "".join(f"<td class='n'>{fmt.eur(p.loc[key, q])}</td>" for q in ("P10", "P50", "P90"))
        + "</tr>"
        for key, label in (
            ("npv_eur", "Netto contante waarde"),
            ("yearly_saving_eur", "Besparing per jaar (in kasstroom)"),
            ("theoretical_saving_eur", "Besparing per jaar (theoretisch)"),
        )
    )
    pay = sim.payback_percentiles
    percentile_rows += (
        "<tr><td>Terugverdientijd</td>" + "".join(f"<td class='n'>{v.text_nl}</td>" for v in pay.values()) + "</tr>"
    )
    band = sim.cumulative_percentiles
    cash_chart = charts.cash_flow(
        y["cumulative_eur"].to_numpy(), band["P10"].to_numpy(), band["P90"].to_numpy(), bc.payback.year
    )
    lever_rows = "".join(
        f"<tr><td>{_e(lv.label_nl)}</td><td class='n'>{fmt.eur(row.saving_eur_per_year)}</td>"
        f"<td class='n'>{fmt.eur(row.running_cost_eur_per_year)}</td>"
        f"<td class='small'>{_e(lv.explanation_nl)}</td></tr>"
        for lv, row in zip(LEVERS, r.per_lever.itertuples())
        if lv.active(report.scenario_file.scenario.levers[lv.section], lever_values(report.scenario_file.scenario))
    )
    waterfall_chart = charts.waterfall(r.cost_before_eur_per_year, r.per_lever["saving_eur_per_year"].to_numpy())
    channel_chart = charts.channel_bars(
        pc["cost_before_eur_per_year"], pc["cost_after_eur_per_year"], "Kosten per kanaal per jaar", True
    )
    tornado = tor.table.assign(label_nl=tor.table["label_nl"].map(label_nl))  # channel codes as Dutch labels
    tornado_chart = charts.tornado(tornado, tor.base_npv_eur)
    sources = scenario_inputs.set_index("path")
    top_rows = [
        f"<tr><td>{_e(label_nl(t.label_nl))}</td><td class='n'>{_value(t.base, _unit(t.unit))}</td>"
        f"<td class='n'>{_value(t.low, _unit(t.unit))} – {_value(t.high, _unit(t.unit))}</td>"
        f"<td class='n'>{fmt.eur(t.npv_low_eur)} – {fmt.eur(t.npv_high_eur)}</td>"
        f"<td>{_e(sources.loc[t.input, 'basis'] if t.input in sources.index else '')}</td>"
        f"<td>{_e(publication_nl(str(sources.loc[t.input, 'source'])) if t.input in sources.index else '')}</td></tr>"
        for t in tor.table.head(8).itertuples()
    ]
    who = f"{b.name} ({b.code})" if b.code else (b.name or "eigen invoer")
    horizon = bc.case.horizon_years
    defaults_section = (
        f"""<section class="long"><h2>Alle standaardwaarden en hun bronnen</h2>
<table class="small"><tr><th>Parameter</th><th>Kanaal / reden / groep</th><th>Waarde</th><th>Bandbreedte</th>
<th>Eenheid</th><th>Jaar</th><th>Basis</th><th>Bron</th></tr>{defaults}</table>
</section>"""
        if "defaults" in wanted
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{_e(report.title)}</title><style>{CSS}</style></head>
<body>
<section>
<h1>{_e(report.title)}</h1>
<p class="sub">Gemeente {_e(who)}, {fmt.num(b.population)} inwoners · looptijd {horizon} jaar ·
gemaakt op {report.made_on:%d-%m-%Y} met omnicalc</p>
<h2>Samenvatting</h2>
<ul class="summary">{"".join(f"<li>{_e(x)}</li>" for x in summary_nl(report))}</ul>
<div class="kpis">{cards}</div>
<p class="small">{_e(bc.timing_convention)} Onzekerheid: {fmt.num(sim.draws)} trekkingen ({sim.distribution.upper()}),
seed {sim.seed}. Waarden met basis <b>aanname</b> hebben geen Nederlandse bron. Gemeenten en inwoners: CBS
Kerncijfers wijken en buurten 2024 en CBS Gebiedsindelingen, CC BY 4.0.</p>
</section>
<section><h2>Meerjarenraming (BBV)</h2>
<p>{_e(mkba_vs_bbv_nl(bc.case.discount_rate))}</p>
<table class="years"><tr>{bbv_head}</tr>{bbv_rows}</table>
<p class="small">{_e(raming.note_nl)} Structureel effect vanaf het laatste jaar:
{fmt.eur(raming.structural_effect_eur)} per jaar.</p>
</section>
<section><h2>Kasstromen en netto contante waarde (MKBA)</h2>
<p>Netto contante waarde: <b>{fmt.eur(bc.npv_eur)}</b> (discontovoet {fmt.pct(bc.case.discount_rate, 2)} reëel).
Interne rentevoet: {_e(irr)}. Terugverdientijd: {_e(payback)}</p>
<table class="years"><tr>{year_head}</tr>{year_rows}</table>
<p class="small">{_e(bc.release_sentence_nl())} {_e(bc.staffing_check.sentence_nl())}</p>
</section>
<section><h2>Onzekerheid</h2>
<table><tr><th></th><th>P10</th><th>P50</th><th>P90</th></tr>{percentile_rows}</table>
<p>Kans op terugverdienen binnen de looptijd van {horizon} jaar: <b>{sim.probability_of_payback_nl}</b>.</p>
{_figure(cash_chart)}
<p><b>{_e(tor.reading_nl())}</b></p>
{_figure(tornado_chart)}
</section>
<section><h2>De aannames die het meest uitmaken</h2>
<p class="small">De {len(top_rows)} invoerwaarden met de grootste invloed op de netto contante waarde (tornado),
met hun bron.</p>
<table class="small"><tr><th>Invoer</th><th>Waarde</th><th>Bandbreedte</th><th>Netto contante waarde</th>
<th>Basis</th><th>Bron of onderbouwing</th></tr>{"".join(top_rows)}</table>
</section>
{_targets_section(report) if "targets" in wanted else ""}
{_comparison_section(report) if "comparison" in wanted else ""}
<section class="page"><h1 class="bijlage">Bijlage: onderbouwing en alle aannames</h1>
<h2>Besparing per hefboom</h2>
{_figure(waterfall_chart)}
<table><tr><th>Hefboom</th><th>Besparing per jaar</th><th>Kosten per jaar</th><th>Hoe het werkt</th></tr>
{lever_rows}</table>
{kept}
</section>
<section><h2>Per kanaal (één jaar, volle werking)</h2>
<table><tr><th>Kanaal</th><th>Contacten nu</th><th>Met scenario</th><th>Kosten per contact</th><th>Kosten nu</th>
<th>Besparing</th></tr>{channel_rows}</table>
{_figure(channel_chart)}
<h3>Tijd en reiskosten van inwoners, per inwonersgroep</h3>
<table><tr><th>Inwonersgroep</th><th>Inwoners</th><th>Nu per jaar</th><th>Met scenario</th><th>Verschil</th>
<th>Per inwoner</th></tr>{resident_rows}</table>
<p class="small">{_e(resident_cost_sentence_nl(residents))} Niet in de kasstroom van de gemeente.</p>
</section>
<section class="long"><h2>Aannames van dit scenario</h2>
<table class="small"><tr><th>Invoer</th><th>Waarde</th><th>Eenheid</th><th>Basis</th><th>Bron of onderbouwing</th></tr>
{inputs}</table>
</section>
<section><h2>Inclusieregels</h2>
<p>Geen hefboom stuurt contacten naar een kanaal dat de inwonersgroep volgens het UWV-kanaalsturingsmodel niet
mag gebruiken of dat de contactreden niet kan afhandelen, of onder de inclusievloer van een groep.</p>
{rules}
</section>
{defaults_section}
</body></html>
"""


def summary_nl(report: Analysis) -> list[str]:
    """The plain-Dutch summary a raad reads first: what, costs, savings, payback, how sure, staff, residents.

    Every sentence is made from what :class:`~omnicalc.analysis.Analysis` already holds; nothing is recomputed.
    """
    r, bc, sim = report.result, report.business_case, report.simulation
    case, sf = bc.case, report.scenario_file
    levers = [lv.label_nl for lv in LEVERS if lv.active(sf.scenario.levers[lv.section], lever_values(sf.scenario))]
    what = (
        f"Wat: {', '.join(levers[:-1]) + ' en ' + levers[-1] if len(levers) > 1 else levers[0]}"
        if levers
        else "Wat: geen hefboom ingesteld"
    )
    invest = sum(i.amount_eur for i in case.investments)
    recurring = sum(c.amount_eur_per_year for c in case.recurring_costs)
    k = report.kpis
    saving = k.loc["saving_eur_per_year"]
    npv = k.loc["npv_eur"]
    notes = r.inclusion_notes_nl()
    return [
        f"{what}, voor {report.baseline.name or 'de gemeente'}, met een looptijd van {case.horizon_years} jaar.",
        f"Kosten: eenmalig {fmt.eur(invest)} en {fmt.eur(recurring)} per jaar.",
        (
            f"Besparing: {saving.text_nl} per jaar in het laatste jaar van de looptijd (realiseerbaar: wat werkelijk "
            f"uit de begroting kan); theoretisch, als elk vermeden contact de volle kosten bespaart, "
            f"{fmt.eur(r.saving_eur_per_year)}."
            if case.savings_basis == "realisable"
            else f"Besparing: {saving.text_nl} per jaar in het laatste jaar van de looptijd, theoretisch: elk vermeden "
            "contact bespaart de volle kosten per contact (wat werkelijk uit de begroting kan, is minder)."
        ),
        f"Terugverdienen: {report.payback_sentence_nl}",
        f"Hoe zeker: netto contante waarde {npv.text_nl} ({npv.note_nl}); kans op terugverdienen binnen de looptijd "
        f"{sim.probability_of_payback_nl}. {report.sensitivity.reading_nl()}",
        f"Personeel: {bc.release_sentence_nl()}",
        "Inwoners die niet digitaal kunnen: "
        + (" ".join(notes) if notes else "de inclusieregels houden in dit scenario niets tegen.")
        + f" {resident_cost_sentence_nl(report.residents_per_segment)}",
    ]


def _targets_section(report: Analysis) -> str:
    """The gemeente's KPI targets (``[[targets]]``) against the scenario; nothing when it set none."""
    t = report.targets
    if not len(t):
        return ""
    rows = "".join(
        f"<tr><td>{_e(r.label_nl)}</td><td class='n'>{_e(KPIS[r.kpi].shown(r.target))}</td><td class='n'>{r.year}</td>"
        f"<td class='n'>{_e(KPIS[r.kpi].shown(r.now))}</td><td class='n'>{_e(KPIS[r.kpi].shown(r.value))}</td>"
        f"<td>{'gehaald' if r.met else '<b>niet gehaald</b>'}</td></tr>"
        for r in t.itertuples()
    )
    return (
        "<section class='targets'><h2>Doelen (KPI's)</h2><p class='small'>De doelen die de gemeente zelf stelde, "
        "naast wat dit scenario in dat jaar geeft (jaar 0 = nu).</p><table class='small'><tr><th>KPI</th>"
        f"<th>Doel</th><th>Jaar</th><th>Nu</th><th>Scenario</th><th></th></tr>{rows}</table></section>"
    )


def _comparison_section(report: Analysis) -> str:
    """The kept scenarios (``[[kept]]``) as one table: results, then each input in which they differ; nothing
    when none were kept."""
    c = report.comparison
    if c is None:
        return ""
    head, rows = _labelled_table(c.table_nl().set_index(""), "")
    return (
        "<section class='comparison'><h2>Vergelijking van scenario's</h2><p class='small'>De bewaarde scenario's "
        "naast elkaar: eerst hun uitkomsten (elk met de eigen businesscase, op de basiswaarden), dan elke invoer "
        "waarin ze verschillen (<i>standaard</i>: de standaardwaarde; <i>geen</i>: dat onderdeel ontbreekt).</p>"
        f"<table class='small'><tr>{head}</tr>{rows}</table></section>"
    )


def _unit(unit: str) -> str:
    """The tornado's unit as the assumptions table spells it (``fraction`` is ``fractie``)."""
    return "fractie" if unit == "fraction" else unit


def _labelled_table(table: pd.DataFrame, corner: str) -> tuple[str, str]:
    """Header cells and rows of a table whose index labels the rows and whose cells are numbers as text."""
    head = "".join(f"<th>{_e(c)}</th>" for c in [corner, *table.columns])
    rows = "".join(
        f"<tr><td>{_e(label)}</td>" + "".join(f"<td class='n'>{_e(v)}</td>" for v in row) + "</tr>"
        for label, row in zip(table.index, table.to_numpy().tolist())
    )
    return head, rows


def _value(value: object, unit: str) -> str:
    if isinstance(value, str) or not isinstance(value, (int, float)):
        return _e(value)
    x = float(value)
    if unit.startswith("fractie"):
        return fmt.pct(x, 2 if x < 0.1 or round(x * 100, 1) != round(x * 100, 2) else 1)
    if unit.startswith("EUR"):
        return fmt.eur(x, 2 if unit == "EUR/contact" else 0)
    return fmt.num(x, 0 if x == int(x) or abs(x) >= 100 else 2)


__all__ = [
    "CSS",
    "PARTS_NL",
    "summary_nl",
    "to_html",
]
