"""The Excel report: Samenvatting, Aannames, Per kanaal, Kasstromen, Onzekerheid.

Totals, cash flows, discounting and the NPV are live Excel formulas (with omnicalc's value
stored as the cached result), so finance can change the discount rate, a cost per contact
or a saving and see the effect. Number formats use Excel's US-style codes, which Excel and
LibreOffice show with Dutch separators on a Dutch system. All text goes in as text; text
that begins with =, +, -, @, a tab or a line break, also after spaces or as a full-width sign, is
neutralised (see :func:`omnicalc.report.safe_text`).
"""

from __future__ import annotations

import io
from datetime import datetime

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .. import inclusion, params
from ..analysis import THEORETICAL_NL, Analysis
from ..bbv import BALANCE_LINES_NL, mkba_vs_bbv_nl
from ..business_case import release_steps
from ..domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from . import safe_text

EUR = '"€" #,##0;-"€" #,##0'
EUR2 = '"€" #,##0.00;-"€" #,##0.00'


def to_xlsx(report: Analysis) -> bytes:
    """The report as an .xlsx file (bytes)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    wb.set_properties(
        {
            "title": safe_text(report.title),
            "author": "omnicalc",
            "created": datetime.combine(report.made_on, datetime.min.time()),
        }
    )
    f = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}),
        "eur": wb.add_format({"num_format": EUR}),
        "eur2": wb.add_format({"num_format": EUR2}),
        "eur_bold": wb.add_format({"num_format": EUR, "bold": True}),
        "int": wb.add_format({"num_format": "#,##0"}),
        "dec": wb.add_format({"num_format": "#,##0.00"}),
        "pct": wb.add_format({"num_format": "0.0%"}),
        "fac": wb.add_format({"num_format": "0.0000"}),
        "bold": wb.add_format({"bold": True}),
        "aanname": wb.add_format({"bg_color": "#FFF4D6", "bold": True}),
        "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
        "small": wb.add_format({"italic": True, "font_color": "#555555"}),
    }
    summary = wb.add_worksheet("Samenvatting")
    assumptions = wb.add_worksheet("Aannames")
    channels = wb.add_worksheet("Per kanaal")
    flows = wb.add_worksheet("Kasstromen")
    raming = wb.add_worksheet("Meerjarenraming (BBV)")
    uncertainty = wb.add_worksheet("Onzekerheid")
    rules = wb.add_worksheet("Inclusieregels")
    cells = _assumptions(wb, assumptions, report, f)
    _cash_flows(wb, flows, report, f, cells)
    _channels(channels, report, f)
    _raming(raming, report, f)
    _uncertainty(wb, uncertainty, report, f)
    _rules(rules, report, f)
    _summary(wb, summary, report, f)
    wb.close()
    return buf.getvalue()


def _text(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None = None) -> None:
    ws.write_string(row, col, safe_text(value), fmt)


def _assumptions(wb: Workbook, ws: Worksheet, report: Analysis, f: dict[str, Format]) -> dict[str, str]:
    """Scenario inputs, then every shipped default; returns each input's cell (``Aannames!$B$5``) by path."""
    ws.set_column(0, 0, 42)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 3, 14)
    ws.set_column(4, 4, 60)
    _text(ws, 0, 0, "Aannames en bronnen", f["title"])
    _text(
        ws,
        1,
        0,
        "Geel = aanname: geen (Nederlandse) bron; controleer voor uw gemeente. Wijzig een waarde in kolom "
        "B om het effect in de kasstromen te zien.",
        f["small"],
    )
    for c, h in enumerate(
        ["Invoer", "Waarde", "Eenheid", "Basis", "Bron of onderbouwing", "Pad in het scenariobestand"]
    ):
        _text(ws, 3, c, h, f["head"])
    cells: dict[str, str] = {}
    row = 4
    for r in report.inputs().itertuples():
        _text(ws, row, 0, r.input)
        if isinstance(r.value, str):
            _text(ws, row, 1, r.value)
        else:
            ws.write_number(
                row,
                1,
                float(r.value),
                f["pct"] if r.unit.startswith("fractie") else f["eur"] if r.unit.startswith("EUR") else f["int"],
            )
        _text(ws, row, 2, r.unit)
        _text(ws, row, 3, r.basis, f["aanname"] if r.basis == "aanname" else None)
        _text(ws, row, 4, r.source, f["wrap"])
        _text(ws, row, 5, r.path, f["small"])
        if r.path:
            cells[r.path] = "Aannames!" + xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
        row += 1
    row += 2
    _text(ws, row, 0, "Alle standaardwaarden van omnicalc", f["bold"])
    row += 1
    heads = ["Parameter", "Kanaal / reden / groep", "Waarde", "Laag", "Hoog", "Eenheid", "Jaar", "Basis", "Bron"]
    for c, h in enumerate(heads):
        _text(ws, row, c, h, f["head"])
    for r in params.default_table().itertuples():
        row += 1
        spec = params.SPECS.get(r.parameter)
        _text(ws, row, 0, spec.label_nl if spec else r.parameter)
        detail = CHANNEL_LABELS.get(r.channel) or REASON_LABELS.get(r.reason) or SEGMENT_LABELS.get(r.segment) or ""
        if r.channel and r.reason:
            detail = f"{CHANNEL_LABELS[r.channel]} – {REASON_LABELS[r.reason]}"
        _text(ws, row, 1, detail)
        for c, v in ((2, r.value), (3, r.low), (4, r.high)):
            ws.write_number(row, c, float(v), f["dec"])
        _text(ws, row, 5, r.unit)
        ws.write_number(row, 6, int(r.year))
        _text(ws, row, 7, r.basis, f["aanname"] if r.basis == "aanname" else None)
        _text(ws, row, 8, r.source)
    wb.define_name("Discontovoet", "=" + cells["business_case.discount_rate"])
    return cells


#: The Kasstromen sheet's columns: (heading, years-table column or None for a formula-only line).
FLOW_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Jaar", None),
    ("Besparing theoretisch", "theoretical_saving_eur"),
    ("Variabele kosten bespaard", "variable_saving_eur"),
    ("Fte vrijgespeeld", "fte_freed"),
    ("Fte afgebouwd", "fte_released"),
    ("Personeelsbesparing", "staff_saving_eur"),
    ("Frictiekosten", "friction_cost_eur"),
    ("Dubbele lasten (vrijgespeeld, nog niet afgebouwd)", "double_burden_eur"),
    ("Besparing realiseerbaar", "realisable_saving_eur"),
    ("Besparing in kasstroom", "savings_used_eur"),
    ("Investering", "investment_eur"),
    ("Jaarlijkse kosten", "recurring_cost_eur"),
    ("Netto kasstroom", "net_cash_flow_eur"),
    ("Cumulatief", "cumulative_eur"),
    ("Disconteringsfactor", "discount_factor"),
    ("Contante waarde", "discounted_eur"),
    ("Bij herinzetten (alleen variabele kosten)", "saving_herinzetten_eur"),
    ("Vermeden werving bij herinzetten (geen kasstroom)", "redeployed_value_eur"),
)
#: Per team, the release rule's columns after FLOW_COLUMNS: freed (from the staffing model), target, before
#: rounding, released.
TEAM_COLUMNS = ("vrijgespeeld", "doel afbouw", "afbouw vóór afronding", "afgebouwd")


def _cash_flows(wb: Workbook, ws: Worksheet, report: Analysis, f: dict[str, Format], cells: dict[str, str]) -> str:
    """Cash flows per year with live formulas: the staff lines from the loonkosten in Aannames, then the NPV."""
    bc = report.business_case
    y, case = bc.years, bc.case
    at = "business_case.staffing."
    ws.set_column(0, 0, 8)
    ws.set_column(1, len(FLOW_COLUMNS) + 4 * 8, 15)
    _text(ws, 0, 0, "Kasstromen per jaar", f["title"])
    _text(ws, 1, 0, bc.timing_convention, f["small"])
    # the loonkosten per FTE and what a released FTE saves, from the Aannames cells
    _text(ws, 2, 0, "Loonkosten per fte (salaris × 12 × (1 + IKB) × (1 + werkgeverslasten))", f["small"])
    ws.write_formula(
        2,
        6,
        f"={cells[at + 'salary_eur_per_month']}*12*(1+{cells[at + 'salary_extras_share']})"
        f"*(1+{cells[at + 'employer_charges_share']})",
        f["eur"],
        case.staffing.loonkosten_eur_per_fte,
    )
    lk = "$G$3"
    ws.write_formula(
        2,
        8,
        f'={lk}*(1+IF({cells[at + "overhead_variable"]}="ja",{cells[at + "overhead_share"]},0))',
        f["eur"],
        case.staffing.released_value_eur_per_fte,
    )
    _text(ws, 2, 9, "per afgebouwde fte (met overhead als die variabel is)", f["small"])
    value = "$I$3"
    for c, (h, _) in enumerate(FLOW_COLUMNS):
        _text(ws, 3, c, h, f["head"])
    index = f"(1+{cells['business_case.wage_indexation_share']})"
    friction = cells[at + "friction_eur_per_fte"]
    lag, step, attrition = (cells[at + k] for k in ("fte_release_lag_years", "fte_step", "attrition_share"))
    bezuinigen = case.release_mode == "bezuinigen"
    o = bc.outcome
    teams = case.staffing.teams_for(bc.baseline.population)
    targets, unrounded, _ = release_steps(o.fte_freed.T, o.fte_before, case.staffing)  # (team, Y): cached values
    base_col = len(FLOW_COLUMNS)
    team_cols = [[base_col + len(TEAM_COLUMNS) * k + j for j in range(len(TEAM_COLUMNS))] for k in range(len(teams))]
    _text(ws, 1, base_col, "Afbouw per team (Aannames: vertraging, natuurlijk verloop, formatie-eenheid)", f["small"])
    for k, team in enumerate(teams):
        for j, h in enumerate(TEAM_COLUMNS):
            _text(ws, 3, team_cols[k][j], f"Team {team.label_nl}: {h}", f["head"])
        _text(ws, 2, team_cols[k][1], f"fte nu {team.label_nl}:", f["small"])
        ws.write_number(2, team_cols[k][0], float(o.fte_before[k]), f["dec"])

    def col(c: int) -> str:
        return xl_rowcol_to_cell(0, c)[:-1]

    first = 4
    for i, (t, r) in enumerate(zip(y.index, y.itertuples())):
        row, xl = first + i, first + i + 1  # xl: 1-based row number for formulas
        ws.write_number(row, 0, int(t))
        for c in (1, 2):
            ws.write_number(row, c, float(getattr(r, str(FLOW_COLUMNS[c][1]))), f["eur"])
        for k, (fc, tc, uc, rc) in enumerate(team_cols):
            freed = float(o.fte_freed[i - 1, k]) if i else 0.0
            released = float(o.fte_released[i - 1, k]) if i else 0.0
            ws.write_number(row, fc, freed, f["dec"])
            F, T, U, R = (f"{col(c)}{xl}" for c in (fc, tc, uc, rc))
            before = xl_rowcol_to_cell(2, fc, row_abs=True, col_abs=True)
            if i == 0:
                for c in (tc, uc, rc):
                    ws.write_number(row, c, 0.0, f["dec"])
                continue
            ws.write_formula(
                row,
                tc,
                f"=IF(A{xl}>{lag},MIN(OFFSET({F},-{lag},0),{F}),MIN({F},0))",
                f["dec"],
                float(targets[k, i - 1]),
            )
            ws.write_formula(
                row,
                uc,
                f"=IF({T}<0,{T},MIN(MAX({T},0),MAX({col(uc)}{xl - 1},0)+{attrition}*{before}))",
                f["dec"],
                float(unrounded[k, i - 1]),
            )
            ws.write_formula(row, rc, f"=IF({U}<0,{U},MAX({U}-{step}/2,0))", f["dec"], released)
        freed_sum = "+".join(f"{col(c[0])}{xl}" for c in team_cols) or "0"
        released_sum = "+".join(f"{col(c[3])}{xl}" for c in team_cols) or "0"
        ws.write_formula(row, 3, f"={freed_sum}", f["dec"], float(r.fte_freed))
        ws.write_formula(row, 4, f"={released_sum}", f["dec"], float(r.fte_released))
        grown = f"{index}^(A{xl}-1)"
        ws.write_formula(row, 5, f"=IF(A{xl}=0,0,E{xl}*{value}*{grown})", f["eur"], float(r.staff_saving_eur))
        before = "0" if i == 0 else f"MAX(0,E{xl - 1})"
        ws.write_formula(row, 6, f"=MAX(0,MAX(0,E{xl})-{before})*{friction}", f["eur"], float(r.friction_cost_eur))
        ws.write_formula(
            row, 7, f"=IF(A{xl}=0,0,MAX(0,D{xl}-E{xl})*{lk}*{grown})", f["eur"], float(r.double_burden_eur)
        )
        ws.write_formula(
            row, 8, f"=C{xl}+F{xl}-G{xl}" if bezuinigen else f"=C{xl}", f["eur"], float(r.realisable_saving_eur)
        )
        used = f"=I{xl}" if case.savings_basis == "realisable" else f"=B{xl}"
        ws.write_formula(row, 9, used, f["eur"], float(r.savings_used_eur))
        ws.write_number(row, 10, float(r.investment_eur), f["eur"])
        ws.write_number(row, 11, float(r.recurring_cost_eur), f["eur"])
        ws.write_formula(row, 12, f"=J{xl}-K{xl}-L{xl}", f["eur"], float(r.net_cash_flow_eur))
        ws.write_formula(row, 13, f"=M{xl}" if i == 0 else f"=N{xl - 1}+M{xl}", f["eur"], float(r.cumulative_eur))
        ws.write_formula(
            row, 14, f"=1/(1+{cells['business_case.discount_rate']})^A{xl}", f["fac"], float(r.discount_factor)
        )
        ws.write_formula(row, 15, f"=M{xl}*O{xl}", f["eur"], float(r.discounted_eur))
        ws.write_formula(row, 16, f"=C{xl}", f["eur"], float(r.saving_herinzetten_eur))
        ws.write_formula(row, 17, f"=IF(A{xl}=0,0,D{xl}*{lk}*{grown})", f["eur"], float(r.redeployed_value_eur))
    last = first + len(y) - 1
    total = last + 2
    _text(ws, total, 0, "Totaal", f["bold"])
    for c in (1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17):
        ws.write_formula(
            total,
            c,
            f"=SUM({col(c)}{first + 1}:{col(c)}{last + 1})",
            f["eur_bold"],
            float(y[str(FLOW_COLUMNS[c][1])].sum()),
        )
    _text(ws, total + 2, 0, "Netto contante waarde", f["bold"])
    ws.write_formula(total + 2, 3, f"=SUM(P{first + 1}:P{last + 1})", f["eur_bold"], float(bc.npv_eur))
    npv = xl_rowcol_to_cell(total + 2, 3, row_abs=True, col_abs=True)
    wb.define_name("NCW", f"=Kasstromen!{npv}")
    ws.write_string(
        total + 3,
        0,
        "Discontovoet, loonkosten en frictiekosten uit het tabblad Aannames; wijzig die cellen om de NCW te "
        "herberekenen. Fte vrijgespeeld per team komt uit het bezettingsmodel van omnicalc; de afbouw per team "
        "rekent dit blad zelf (vertraging, natuurlijk verloop en formatie-eenheid uit Aannames).",
        f["small"],
    )
    _text(ws, total + 4, 0, bc.release_sentence_nl(), f["small"])
    _text(ws, total + 5, 0, bc.staffing_check.sentence_nl(), f["small"])
    chart = wb.add_chart({"type": "line"})
    chart.add_series(
        {
            "name": "Cumulatief",
            "categories": ["Kasstromen", first, 0, last, 0],
            "values": ["Kasstromen", first, 13, last, 13],
            "marker": {"type": "circle"},
        }
    )
    chart.set_title({"name": "Cumulatieve kasstroom"})
    chart.set_x_axis({"name": "Jaar"})
    chart.set_y_axis({"num_format": EUR})
    chart.set_legend({"none": True})
    ws.insert_chart(total + 8, 0, chart, {"x_scale": 1.4})
    return f"Kasstromen!{npv}"


def _channels(ws: Worksheet, report: Analysis, f: dict[str, Format]) -> None:
    pc = report.result.per_channel
    ws.set_column(0, 0, 28)
    ws.set_column(1, 6, 17)
    _text(ws, 0, 0, "Per kanaal (één jaar, volle werking)", f["title"])
    heads = [
        "Kanaal",
        "Contacten nu",
        "Contacten met scenario",
        "Kosten per contact",
        "Kosten nu",
        "Kosten met scenario",
        "Besparing",
    ]
    for c, h in enumerate(heads):
        _text(ws, 2, c, h, f["head"])
    first = 3
    for i, r in enumerate(pc.itertuples()):
        row, xl = first + i, first + i + 1
        _text(ws, row, 0, r.label_nl)
        ws.write_number(row, 1, float(r.volume_before_per_year), f["int"])
        ws.write_number(row, 2, float(r.volume_after_per_year), f["int"])
        ws.write_number(row, 3, float(r.cost_eur_per_contact), f["eur2"])
        ws.write_formula(row, 4, f"=B{xl}*D{xl}", f["eur"], float(r.cost_before_eur_per_year))
        ws.write_formula(row, 5, f"=C{xl}*D{xl}", f["eur"], float(r.cost_after_eur_per_year))
        ws.write_formula(row, 6, f"=E{xl}-F{xl}", f["eur"], float(r.saving_eur_per_year))
    last = first + len(pc) - 1
    total = last + 1
    _text(ws, total, 0, "Totaal", f["bold"])
    sums = {
        1: pc.volume_before_per_year.sum(),
        2: pc.volume_after_per_year.sum(),
        4: pc.cost_before_eur_per_year.sum(),
        5: pc.cost_after_eur_per_year.sum(),
        6: pc.saving_eur_per_year.sum(),
    }
    for c, v in sums.items():
        col = "ABCDEFG"[c]
        ws.write_formula(
            total, c, f"=SUM({col}{first + 1}:{col}{last + 1})", f["int"] if c in (1, 2) else f["eur_bold"], float(v)
        )
    lever_row = total + 3
    _text(ws, lever_row, 0, "Besparing per hefboom", f["bold"])
    for i, r in enumerate(report.result.per_lever.itertuples()):
        _text(ws, lever_row + 1 + i, 0, r.label_nl)
        ws.write_number(lever_row + 1 + i, 1, float(r.saving_eur_per_year), f["eur"])


def _raming(ws: Worksheet, report: Analysis, f: dict[str, Format]) -> None:
    """The BBV view (:attr:`omnicalc.analysis.Analysis.bbv`) as values: one row per line, a column per jaarschijf."""
    raming = report.bbv
    years = raming.years
    _text(ws, 0, 0, "Meerjarenraming (BBV)", f["title"])
    _text(ws, 1, 0, mkba_vs_bbv_nl(report.business_case.case.discount_rate), f["small"])
    _text(ws, 2, 0, "Waarden in lopende euro's (geen formules); + voordelig, - nadelig. " + raming.note_nl, f["small"])
    for c, h in enumerate(["Regel", "Aard", *(f"Jaar {y}" for y in years)]):
        _text(ws, 4, c, h, f["head"])
    row = 5
    for _, line in raming.lines.iterrows():
        _text(ws, row, 0, line["label_nl"])
        _text(ws, row, 1, line["nature"])
        for c, y in enumerate(years):
            ws.write_number(row, 2 + c, float(line[y]), f["eur"])
        row += 1
    b = raming.balance
    for label, col in BALANCE_LINES_NL:
        _text(ws, row, 0, label, f["bold"])
        for c, v in enumerate(b[col]):
            ws.write_number(row, 2 + c, float(v), f["eur_bold"])
        row += 1
    ws.set_column(0, 0, 52)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 1 + len(years), 14)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _rules(ws: Worksheet, report: Analysis, f: dict[str, Format]) -> None:
    """What the inclusion rules kept in this scenario, then the rules (:func:`omnicalc.inclusion.rules_nl`): the
    UWV model and the suitable channels."""
    _text(ws, 0, 0, "Inclusieregels", f["title"])
    _text(
        ws,
        1,
        0,
        "Geen hefboom stuurt contacten naar een kanaal dat de inwonersgroep niet mag gebruiken of dat de "
        "contactreden niet kan afhandelen, of onder de inclusievloer van een groep (vloeren: tabblad Aannames).",
        f["small"],
    )
    notes = report.result.inclusion_notes_nl() or ["De inclusieregels houden in dit scenario niets tegen."]
    _text(ws, 3, 0, "Wat de inclusieregels in dit scenario tegenhouden", f["bold"])
    for i, note in enumerate(notes):
        _text(ws, 4 + i, 0, note)
    row = 6 + len(notes)
    for title, table in inclusion.rules_nl().items():
        _text(ws, row, 0, title, f["bold"])
        for c, h in enumerate(table.columns):
            _text(ws, row + 1, c, h, f["head"])
        for r, values in enumerate(table.itertuples(index=False)):
            for c, v in enumerate(values):
                _text(ws, row + 2 + r, c, v, f["wrap"])
        row += len(table) + 4
    ws.set_column(0, 5, 20)
    ws.set_column(6, 8, 45)


def _uncertainty(wb: Workbook, ws: Worksheet, report: Analysis, f: dict[str, Format]) -> None:
    sim, tor = report.simulation, report.sensitivity
    ws.set_column(0, 0, 48)
    ws.set_column(1, 4, 17)
    _text(ws, 0, 0, "Onzekerheid", f["title"])
    _text(
        ws,
        1,
        0,
        f"Monte Carlo: {sim.draws} trekkingen ({sim.distribution.upper()}), seed {sim.seed}. "
        "Elke onzekere invoer varieert binnen zijn bandbreedte (tabblad Aannames).",
        f["small"],
    )
    for c, h in enumerate(["", "P10", "P50", "P90", "Gemiddeld"]):
        _text(ws, 3, c, h, f["head"])
    labels = {
        "npv_eur": "Netto contante waarde",
        "yearly_saving_eur": "Besparing per jaar (in kasstroom)",
        "theoretical_saving_eur": "Besparing per jaar (theoretisch)",
    }
    for i, (key, label) in enumerate(labels.items()):
        _text(ws, 4 + i, 0, label)
        for c, q in enumerate(["P10", "P50", "P90", "mean"]):
            ws.write_number(4 + i, 1 + c, float(sim.percentiles.loc[key, q]), f["eur"])
    _text(ws, 7, 0, "Terugverdientijd (jaar)")
    for c, p in enumerate(sim.payback_percentiles.values()):
        if p.year is None:
            _text(ws, 7, 1 + c, p.text_nl)
        else:
            ws.write_number(7, 1 + c, p.year, f["dec"])
    _text(ws, 8, 0, f"Kans op terugverdienen binnen {sim.horizon_years} jaar")
    if sim.probability_of_payback is None:
        _text(ws, 8, 1, sim.probability_of_payback_nl)
    else:
        ws.write_number(8, 1, sim.probability_of_payback, f["pct"])
    _text(ws, 10, 0, tor.reading_nl(), f["bold"])
    for c, h in enumerate(["Invoer (tornado)", "Laag", "Hoog", "NCW bij laag", "NCW bij hoog"]):
        _text(ws, 12, c, h, f["head"])
    top = tor.table.head(12)
    for i, r in enumerate(top.itertuples()):
        _text(ws, 13 + i, 0, r.label_nl)
        ws.write_number(13 + i, 1, float(r.low), f["dec"])
        ws.write_number(13 + i, 2, float(r.high), f["dec"])
        ws.write_number(13 + i, 3, float(r.npv_low_eur), f["eur"])
        ws.write_number(13 + i, 4, float(r.npv_high_eur), f["eur"])
    chart = wb.add_chart({"type": "bar"})
    last = 13 + len(top) - 1
    chart.add_series(
        {
            "name": "NCW bij laag",
            "categories": ["Onzekerheid", 13, 0, last, 0],
            "values": ["Onzekerheid", 13, 3, last, 3],
            "fill": {"color": "#C0392B"},
        }
    )
    chart.add_series(
        {
            "name": "NCW bij hoog",
            "categories": ["Onzekerheid", 13, 0, last, 0],
            "values": ["Onzekerheid", 13, 4, last, 4],
            "fill": {"color": "#2E8B57"},
        }
    )
    chart.set_title({"name": "Gevoeligheid van de netto contante waarde"})
    chart.set_y_axis({"reverse": True})
    chart.set_x_axis({"num_format": EUR})
    ws.insert_chart(last + 3, 0, chart, {"x_scale": 1.6, "y_scale": 1.4})


def _summary(wb: Workbook, ws: Worksheet, report: Analysis, f: dict[str, Format]) -> None:
    bc, r, sim = report.business_case, report.result, report.simulation
    ws.set_column(0, 0, 44)
    ws.set_column(1, 2, 22)
    _text(ws, 0, 0, safe_text(report.title), f["title"])
    b = report.baseline
    _text(
        ws,
        1,
        0,
        f"Gemeente: {b.name or 'eigen invoer'} {f'({b.code})' if b.code else ''}, {b.population:,} "
        f"inwoners; gemaakt op {report.made_on:%d-%m-%Y} met omnicalc".replace(",", "."),
        f["small"],
    )
    rows = [
        ("Netto contante waarde", "=NCW", float(bc.npv_eur), f["eur_bold"]),
        (
            "Besparing per jaar, realiseerbaar (volle werking)",
            None,
            float(bc.years["realisable_saving_eur"].iloc[-1]),
            f["eur"],
        ),
        (f"Besparing per jaar, {THEORETICAL_NL}", None, float(r.saving_eur_per_year), f["eur"]),
        ("Waarvan direct (variabele kosten)", None, float(r.saving_variable_eur_per_year), f["eur"]),
        ("Fte vrijgespeeld in het laatste jaar", None, float(bc.years["fte_freed"].iloc[-1]), f["dec"]),
        (
            "Fte afgebouwd in het laatste jaar"
            + (" (bezuinigen)" if bc.case.release_mode == "bezuinigen" else " (herinzetten: niet in de kasstroom)"),
            None,
            float(bc.years["fte_released"].iloc[-1]),
            f["dec"],
        ),
        ("Kans op terugverdienen binnen de looptijd", None, sim.probability_of_payback, f["pct"]),
    ]
    band = {  # where the point estimate lies in its P10-P90 (the KPI cards' note)
        "Netto contante waarde": report.kpis.loc["npv_eur", "note_nl"],
        rows[1 if bc.case.savings_basis == "realisable" else 2][0]: sim.band_nl(
            "yearly_saving_eur", float(bc.years["savings_used_eur"].iloc[-1])
        ),
    }
    for i, (label, formula, value, fmt) in enumerate(rows):
        _text(ws, 3 + i, 0, label)
        if label in band:
            _text(ws, 3 + i, 3, band[label], f["small"])
        if formula:
            ws.write_formula(3 + i, 1, formula, fmt, value)
        elif value is None:  # the probability of payback when there is nothing to pay back
            _text(ws, 3 + i, 1, "n.v.t.")
        else:
            ws.write_number(3 + i, 1, value, fmt)
    row = 3 + len(rows)
    _text(ws, row, 0, "Terugverdientijd")
    if bc.payback.year is None:
        _text(ws, row, 1, bc.payback.reason_nl)
    else:
        ws.write_number(row, 1, bc.payback.year, f["dec"])
        _text(ws, row, 2, "jaar")
    _text(ws, row, 3, report.payback_sentence_nl, f["small"])
    _text(ws, row + 1, 0, "IRR")
    if bc.irr.rate is None:
        _text(ws, row + 1, 1, bc.irr.reason_nl)
    else:
        ws.write_number(row + 1, 1, bc.irr.rate, f["pct"])
    _text(ws, row + 3, 0, bc.timing_convention, f["small"])
    _text(ws, row + 4, 0, f"Onzekerheid: {sim.draws} trekkingen, seed {sim.seed}; zie tabblad Onzekerheid.", f["small"])
    _text(ws, row + 5, 0, "Waarden met basis 'aanname' hebben geen Nederlandse bron: zie tabblad Aannames.", f["small"])
    chart = wb.add_chart({"type": "column"})
    n = len(bc.years)
    chart.add_series(
        {
            "name": "Netto kasstroom",
            "categories": ["Kasstromen", 4, 0, 3 + n, 0],
            "values": ["Kasstromen", 4, 12, 3 + n, 12],
            "fill": {"color": "#1F5F8B"},
        }
    )
    chart.set_title({"name": "Netto kasstroom per jaar"})
    chart.set_y_axis({"num_format": EUR})
    chart.set_legend({"none": True})
    ws.insert_chart(row + 7, 0, chart, {"x_scale": 1.4})


__all__ = [
    "EUR",
    "EUR2",
    "to_xlsx",
]
