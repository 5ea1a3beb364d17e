"""The Excel report a controller can audit: every derived number a live formula on the *Aannames* sheet.

Sheets: Samenvatting, Aannames, Volumes, Bezetting, Per kanaal, Kasstromen (MKBA),
Meerjarenraming (BBV), Onzekerheid, Inclusieregels. The chain from the inputs to the results is
written as formulas, with omnicalc's own numbers as the cached results (for readers that do not
recalculate): volumes per channel and year from the lever inputs and ramps (*Volumes*), staffing
per team with Erlang C per interval (*Bezetting*), cost per channel (*Per kanaal*), savings, staff
release, cash flows, NPV, payback and IRR (*Kasstromen*), indexation, kapitaallasten and saldo
(*Meerjarenraming (BBV)*). An intermediate that stays a number is shown grey and labelled
"waarde uit omnicalc (geen formule)": the share of a channel's contacts a lever can reach (the
split over resident segments and the inclusion rules), and the Monte Carlo results. The lever chain
is written as formulas only where it reproduces omnicalc's volumes for this scenario (a lever is
linear there: no inclusion floor binds); otherwise the volumes are such grey values.

Number formats use Excel's US-style codes, which Excel and LibreOffice show with Dutch separators
on a Dutch system. All text goes in as text; text that begins with =, +, -, @, a tab or a line
break, also after spaces or as a full-width sign, is neutralised (see :func:`omnicalc.report.safe_text`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime

import numpy as np
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .. import inclusion, params
from ..analysis import THEORETICAL_NL, Analysis
from ..bbv import BALANCE_LINES_NL, BBVSettings, mkba_vs_bbv_nl
from ..business_case import ASSET_KINDS, release_steps
from ..compare import RESULTS_NL
from ..domain import CHANNEL_LABELS, CHANNELS, REASON_LABELS, SEGMENT_LABELS
from ..erlang import Staffing, required_agents
from ..finance import NOTHING_TO_PAY_BACK_NL, Payback
from ..kpis import KPIS
from ..levers import BY_KEY, LEVER_KEYS, LEVERS
from ..model import Scenario, active_levers, evaluate, lever_values
from ..workforce import LIVE, SLOTS, WEEKS_PER_YEAR, WORKLOAD
from . import safe_text

EUR = '"€" #,##0;-"€" #,##0'
EUR2 = '"€" #,##0.00;-"€" #,##0.00'
PCT2 = "0.00%"
#: The label of every number that is not a formula.
VALUE_NL = "waarde uit omnicalc (geen formule)"
#: Erlang C: service levels computed per interval for this many agent counts from the first stable one.
ERLANG_COLUMNS = 12
#: The levers the formula chain of the Volumes sheet writes (the others make the volumes values).
CHAIN_LEVERS = ("status_portal", "repeat_contacts", "channel_shift")

SUMMARY, ASSUMPTIONS, VOLUMES, STAFFING = "Samenvatting", "Aannames", "Volumes", "Bezetting"
CHANNELS_SHEET, FLOWS, RAMING = "Per kanaal", "Kasstromen", "Meerjarenraming (BBV)"
#: The sheet with the kept scenarios and the KPI targets (only when the scenario file has them).
COMPARE = "Vergelijking en doelen"


class _Sheet(Worksheet):
    """A worksheet that skips xlsxwriter's ~30 regular-expression passes per formula when a formula names none of
    the functions they rewrite (dynamic arrays, ``_xlfn.``): the Bezetting sheet has thousands of formulas."""

    _REWRITTEN = (
        "ANCHORARRAY BYCOL BYROW CHOOSECOLS CHOOSEROWS DROP EXPAND FILTER HSTACK LAMBDA MAKEARRAY MAP RANDARRAY "
        "REDUCE SCAN SINGLE SEQUENCE SORT SORTBY SWITCH TAKE TEXTSPLIT TOCOL TOROW UNIQUE VSTACK WRAPCOLS WRAPROWS "
        "XLOOKUP"
    ).split()

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if self.use_future_functions or expand_future_functions or any(f in formula for f in self._REWRITTEN):
            return str(super()._prepare_formula(formula, expand_future_functions))
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")


def _at(sheet: str, row: int, col: int, row_abs: bool = True, col_abs: bool = True) -> str:
    """A cell on another sheet, ``'Per kanaal'!$C$5``."""
    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, row_abs, col_abs)}"


def _span(sheet: str, first_row: int, col: int, last_row: int, last_col: int | None = None) -> str:
    """A range on a sheet, absolute."""
    a = xl_rowcol_to_cell(first_row, col, True, True)
    b = xl_rowcol_to_cell(last_row, col if last_col is None else last_col, True, True)
    return f"{quote_sheetname(sheet)}!{a}:{b}"


class _Book:
    """The workbook with its formats and the cells of the inputs, filled while the sheets are written."""

    def __init__(self, wb: Workbook, report: Analysis) -> None:
        self.wb, self.report = wb, report
        self._formats: dict[tuple[str, bool, bool, bool], Format] = {}
        self.f = {
            "title": wb.add_format({"bold": True, "font_size": 14}),
            "head": wb.add_format({"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True}),
            "bold": wb.add_format({"bold": True}),
            "aanname": wb.add_format({"bg_color": "#FFF4D6", "bold": True}),
            "input": wb.add_format({"bg_color": "#FFF4D6"}),
            "wrap": wb.add_format({"text_wrap": True, "valign": "top"}),
            "small": wb.add_format({"italic": True, "font_color": "#555555"}),
            "value_note": wb.add_format({"italic": True, "font_color": "#555555", "bg_color": "#E7E7E7"}),
        }
        self.cells: dict[str, str] = {}  # input path -> its cell on Aannames
        self.values: dict[str, float] = {}  # input path -> the number in that cell
        self.defaults: dict[tuple[str, str], tuple[str, float]] = {}  # (parameter, channel) -> default cell, value

    def num(self, code: str, value: bool = False, bold: bool = False, input_: bool = False) -> Format:
        """A number format; ``value``: grey (a number from omnicalc, not a formula); ``input_``: yellow (an input)."""
        key = (code, value, bold, input_)
        if key not in self._formats:
            props: dict[str, object] = {"num_format": code}
            if value:
                props["bg_color"] = "#E7E7E7"
            if input_:
                props["bg_color"] = "#FFF4D6"
            if bold:
                props["bold"] = True
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def ref(self, path: str, parameter: str, channel: str, used: float) -> str | None:
        """The cell that holds ``used``: the scenario input at ``path``, else the shipped default of
        ``parameter`` (per ``channel``) in the defaults table; None when neither holds it."""
        for cell, value in (
            (self.cells.get(path), self.values.get(path)),
            self.defaults.get((parameter, channel), (None, None)),
        ):
            if cell is not None and value is not None and abs(value - used) <= 1e-9 * max(1.0, abs(used)):
                return cell
        return None


def _text(ws: Worksheet, row: int, col: int, value: object, fmt: Format | None = None) -> None:
    ws.write_string(row, col, safe_text(value), fmt)


def _heads(ws: Worksheet, row: int, heads: Sequence[str], fmt: Format) -> None:
    """A row of column headings from column A."""
    for c, h in enumerate(heads):
        _text(ws, row, c, h, fmt)


def _print_setup(ws: Worksheet, report: Analysis, landscape: bool = True) -> None:
    """A4, fit to the page width, landscape where the sheet is wide; a header with gemeente, scenario and date."""
    b = report.baseline
    clean = lambda s: str(s).replace("&", "&&")[:70]
    gemeente = clean(b.name or "eigen invoer")
    scenario = clean(report.scenario_file.scenario.name or report.title)
    ws.set_header(f"&L{gemeente}&C{scenario}&R{report.made_on:%d-%m-%Y}")
    ws.set_footer("&Comnicalc – pagina &P van &N")
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def to_xlsx(report: Analysis) -> bytes:
    """The report as an .xlsx file.

    Parameters
    ----------
    report : Analysis
        The analysis to lay out (:func:`omnicalc.analyse`); nothing is recomputed except the
        per-lever base shares of the Volumes sheet.

    Returns
    -------
    bytes
        The workbook (Office Open XML).
    """
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
    book = _Book(wb, report)
    sheets = {
        name: wb.add_worksheet(name, worksheet_class=_Sheet)
        for name in (
            SUMMARY,
            ASSUMPTIONS,
            VOLUMES,
            STAFFING,
            CHANNELS_SHEET,
            FLOWS,
            RAMING,
            "Onzekerheid",
            "Inclusieregels",
            *((COMPARE,) if report.scenario_file.kept or report.scenario_file.targets else ()),
        )
    }
    f = book.f
    _assumptions(book, sheets[ASSUMPTIONS])
    vol = _volumes(book, sheets[VOLUMES])
    fte = _staffing(book, sheets[STAFFING], vol)
    _channels(book, sheets[CHANNELS_SHEET], vol)
    flows = _cash_flows(book, sheets[FLOWS], vol, fte)
    raming = _raming(book, sheets[RAMING], flows)
    _uncertainty(book, sheets["Onzekerheid"])
    _rules(sheets["Inclusieregels"], report, f)
    if COMPARE in sheets:
        _compare(book, sheets[COMPARE])
    _summary(book, sheets[SUMMARY], vol, flows, raming)
    for name, ws in sheets.items():
        _print_setup(ws, report, landscape=name not in (SUMMARY,))
    wb.close()
    return buf.getvalue()


def _number_format(book: _Book, unit: str, value: float) -> Format:
    if unit.startswith("fractie") or unit == "1/year":
        return book.num(PCT2)
    if unit.startswith("EUR"):
        return book.num(EUR2 if "contact" in unit else EUR)
    return book.num("#,##0" if float(value).is_integer() else "#,##0.00")


def _assumptions(book: _Book, ws: Worksheet) -> None:
    """Scenario inputs, the rules the formulas use (ramps, BBV), then every shipped default; fills the book's cells."""
    report = book.report
    f = book.f
    ws.set_column(0, 0, 46)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 3, 14)
    ws.set_column(4, 4, 60)
    ws.set_column(5, 8, 14)
    _text(ws, 0, 0, "Aannames en bronnen", f["title"])
    _text(
        ws,
        1,
        0,
        "Geel = aanname: geen (Nederlandse) bron; controleer voor uw gemeente. Wijzig een waarde in kolom B (of een "
        "standaardwaarde in kolom C van de tabel onderaan): Volumes, Bezetting, Per kanaal, Kasstromen, "
        "Meerjarenraming (BBV) en Samenvatting rekenen mee.",
        f["small"],
    )
    for c, h in enumerate(
        ["Invoer", "Waarde", "Eenheid", "Basis", "Bron of onderbouwing", "Pad in het scenariobestand"]
    ):
        _text(ws, 3, c, h, f["head"])
    row = 4

    def put(path: str, label: str, value: object, unit: str, basis: str, source: str) -> None:
        nonlocal row
        _text(ws, row, 0, label)
        if isinstance(value, str):
            _text(ws, row, 1, value)
        else:
            ws.write_number(row, 1, float(value), _number_format(book, unit, float(value)))  # type: ignore[arg-type]
        _text(ws, row, 2, unit)
        _text(ws, row, 3, basis, f["aanname"] if basis == "aanname" else None)
        _text(ws, row, 4, source, f["wrap"])
        _text(ws, row, 5, path, f["small"])
        if path:
            book.cells[path] = _at(ASSUMPTIONS, row, 1)
            if not isinstance(value, str):
                book.values[path] = float(value)  # type: ignore[arg-type]
        row += 1

    for r in report.inputs().itertuples():
        put(r.path, r.input, r.value, r.unit, r.basis, r.source)
    # what the formulas need beside the scenario's inputs: ramps, investment kinds, first years, budget rules
    case = report.business_case.case
    defaults = params.default_table()

    general = {r.parameter: (str(r.basis), str(r.source)) for r in defaults.itertuples() if not r.channel}

    def shipped(name: str) -> tuple[str, str]:
        return general.get(name, ("", ""))

    row += 1
    _text(ws, row, 0, "Rekenregels van de formules (ook invoer)", f["bold"])
    row += 1
    x = lever_values(report.scenario_file.scenario)
    on = active_levers(report.scenario_file.scenario, x)
    for lv, active in zip(LEVERS, on):
        if not active:
            continue
        ramp = case.ramps[lv.key]
        at = f"business_case.ramps.{lv.key}."
        put(
            at + "kind",
            f"Adoptiecurve {lv.label_nl}: vorm",
            "lineair" if ramp.kind == "linear" else "S-curve",
            "",
            "keuze",
            "lineair of S-curve (3x² − 2x³)",
        )
        put(at + "start_year", f"Adoptiecurve {lv.label_nl}: eerste jaar", ramp.start_year, "jaar", "keuze", "Scenario")
        put(
            at + "years_to_full",
            f"Adoptiecurve {lv.label_nl}: jaren tot volle werking",
            ramp.years_to_full,
            "jaar",
            *shipped("ramp_years_to_full"),
        )
    for k, inv in enumerate(case.investments):
        put(
            f"business_case.investments[{k}].asset_kind",
            f"Soort investering: {inv.label}",
            ASSET_KINDS[inv.asset_kind],
            "",
            "keuze",
            "software, implementatie of hardware (afschrijvingstermijn BBV)",
        )
    for k, rc in enumerate(case.recurring_costs):
        put(
            f"business_case.recurring_costs[{k}].start_year",
            f"Eerste jaar: {rc.label}",
            rc.start_year,
            "jaar",
            "keuze",
            "Scenario",
        )
    st = report.bbv_settings
    for name in BBVSettings.NUMERIC:
        pspec = params.SPECS[name]
        value = float(getattr(st, name))
        basis, source = shipped(name)
        if value != params.default_value(name):
            basis, source = "invoer", "gebruiker"
        put(f"bbv.{name}", pspec.label_nl, value, "fractie" if pspec.percent else pspec.unit, basis, source)
    row += 2
    _text(ws, row, 0, "Alle standaardwaarden van omnicalc", f["bold"])
    row += 1
    heads = ["Parameter", "Kanaal / reden / groep", "Waarde", "Laag", "Hoog", "Eenheid", "Jaar", "Basis", "Bron"]
    for c, h in enumerate(heads):
        _text(ws, row, c, h, f["head"])
    dec = book.num("#,##0.00")
    for r in defaults.itertuples():
        row += 1
        spec = params.SPECS.get(r.parameter)
        _text(ws, row, 0, spec.label_nl if spec else r.parameter)
        detail = CHANNEL_LABELS.get(r.channel) or REASON_LABELS.get(r.reason) or SEGMENT_LABELS.get(r.segment) or ""
        if r.channel and r.reason:
            detail = f"{CHANNEL_LABELS[r.channel]} – {REASON_LABELS[r.reason]}"
        _text(ws, row, 1, detail)
        for c, v in ((2, r.value), (3, r.low), (4, r.high)):
            ws.write_number(row, c, float(v), dec)
        _text(ws, row, 5, r.unit)
        ws.write_number(row, 6, int(r.year))
        _text(ws, row, 7, r.basis, f["aanname"] if r.basis == "aanname" else None)
        _text(ws, row, 8, r.source)
        if not r.reason and not r.segment:
            book.defaults[(r.parameter, r.channel)] = (_at(ASSUMPTIONS, row, 2), float(r.value))
    book.wb.define_name("Discontovoet", "=" + book.cells["business_case.discount_rate"])


class _Volumes:
    """Where the Volumes sheet put things: per channel its parameter row, the year columns, the stages."""

    def __init__(self, horizon: int) -> None:
        self.horizon = horizon
        self.row: dict[str, int] = {}  # channel -> row of its parameters (volume B, cost C, variable D, aht E, ...)
        self.first_year_col = 1  # year t is in column 1 + t; the full effect after the last year
        self.stage: dict[str, dict[str, int]] = {}  # stage name -> channel -> row
        self.formulas = False

    def col(self, t: int | None) -> int:
        """The column of year t (None: full effect)."""
        return self.first_year_col + (self.horizon + 1 if t is None else t)

    def param(self, channel: str, col: int) -> str:
        return _at(VOLUMES, self.row[channel], col)

    def span(self, col: int) -> str:
        rows = [self.row[c] for c in CHANNELS]
        return _span(VOLUMES, min(rows), col, max(rows))

    def volume_span(self, t: int | None, stage: str = "final") -> str:
        rows = [self.stage[stage][c] for c in CHANNELS]
        return _span(VOLUMES, min(rows), self.col(t), max(rows))

    def volume(self, channel: str, t: int | None, stage: str = "final") -> str:
        return _at(VOLUMES, self.stage[stage][channel], self.col(t))


def _chain_bases(report: Analysis) -> tuple[np.ndarray, np.ndarray] | None:
    """Per channel the share of its contacts the status portal reaches (status questions of the segments the
    UWV model lets use self-service), per shift the share of the from-channel's contacts it can move; None when
    the scenario has a lever the formula chain does not write."""
    sf, result = report.scenario_file, report.result
    s = sf.scenario
    x = lever_values(s)
    on = dict(zip(LEVER_KEYS, active_levers(s, x)))
    if any(v and k not in CHAIN_LEVERS for k, v in on.items()):
        return None
    base = result.baseline
    v0 = base.volume_per_year.sum(axis=1)
    portal = np.zeros(len(CHANNELS))
    sp = s.status_portal
    if on["status_portal"] and sp.avoided_share > 0:
        alone = evaluate(base, Scenario(status_portal=sp))
        drop = alone.volume_before.sum(axis=1) - alone.volume_after.sum(axis=1)
        portal = np.where(v0 > 0, drop / np.where(v0 > 0, v0, 1.0), 0.0) / sp.avoided_share
    reduction = s.repeat_contacts.reduction_share if on["repeat_contacts"] else 0.0
    repeat = np.array([base.repeat_contact_share[c] for c in CHANNELS])
    moved = result.shift_moved_per_year
    shift = np.zeros(len(s.channel_shifts))
    for k, sh in enumerate(s.channel_shifts):
        a = CHANNELS.index(sh.from_channel)
        left = sh.share * (1 - repeat[a] * reduction) * v0[a]
        shift[k] = moved[k] / left if left > 0 else 0.0
    return portal, shift


def _chain(report: Analysis, portal: np.ndarray, shift: np.ndarray) -> dict[str, np.ndarray]:
    """The Volumes sheet's formulas in numpy: per stage (T + 2, channel), years 0..H and the full effect."""
    s, case, base = report.scenario_file.scenario, report.business_case.case, report.result.baseline
    x = lever_values(s)
    on = dict(zip(LEVER_KEYS, active_levers(s, x)))
    years = np.arange(1, case.horizon_years + 1)
    ramp = {k: np.concatenate([[0.0], case.ramps[k].factors(years), [1.0]])[:, None] for k in LEVER_KEYS}
    v0 = base.volume_per_year.sum(axis=1)[None, :]
    repeat = np.array([base.repeat_contact_share[c] for c in CHANNELS])[None, :]
    out = {}
    v = v0 * np.ones_like(ramp["status_portal"])
    if on["status_portal"]:
        sp = s.status_portal
        v = v0 * (
            1 - portal * sp.reach_share * (sp.adoption_share * ramp["status_portal"]) * (1 - sp.residual_contact_share)
        )
        out["portal"] = v
    red = s.repeat_contacts.reduction_share
    factor = 1 - repeat * red * ramp["repeat_contacts"] if on["repeat_contacts"] else np.ones_like(v)
    if on["repeat_contacts"]:
        v = v * factor
        out["repeat"] = v
    v = v.copy()
    for k, sh in enumerate(s.channel_shifts):
        a, b = CHANNELS.index(sh.from_channel), CHANNELS.index(sh.to_channel)
        moved = sh.share * ramp["channel_shift"][:, 0] * shift[k] * v0[0, a] * factor[:, a]
        v[:, a] -= moved
        v[:, b] += moved
    out["final"] = v
    return out


def _omnicalc_volumes(report: Analysis) -> np.ndarray:
    """omnicalc's own volumes per channel (T + 2, channel): year 0, years 1..H, the full effect."""
    o = report.business_case.outcome
    return np.concatenate(
        [o.volume_before.sum(axis=-1)[None], o.volume_after.sum(axis=-1), report.result.volume_after.sum(axis=1)[None]]
    )


def _volumes(book: _Book, ws: Worksheet) -> _Volumes:
    """Volumes per channel and year from the lever inputs and ramps on Aannames (or labelled values)."""
    report, f = book.report, book.f
    result, case, s = report.result, report.business_case.case, report.scenario_file.scenario
    horizon = case.horizon_years
    out = _Volumes(horizon)
    base = result.baseline
    cost = base.cost
    v0 = base.volume_per_year.sum(axis=1)
    cpc = result.cost_eur_per_contact
    grey = book.num("#,##0", value=True)
    ws.set_column(0, 0, 44)
    ws.set_column(1, horizon + 3, 15)
    _text(ws, 0, 0, "Volumes per kanaal en jaar", f["title"])
    _text(ws, 2, 0, f"Grijs = {VALUE_NL}; alle andere getallen zijn formules op het tabblad Aannames.", f["value_note"])
    heads = [
        "Kanaal",
        "Contacten nu",
        "Kosten per contact",
        "Variabel kostenaandeel",
        "Afhandeltijd (s)",
        "Aandeel herhaalcontact",
        "Gelijktijdig (chat)",
        "Aandeel bereikbaar voor het statusportaal",
    ]
    _heads(ws, 4, heads, f["head"])
    conc = float(cost.chat_concurrency)
    per_channel = {
        1: ("baseline.volumes_per_year.{c}", "volume_per_year", v0, "#,##0"),
        3: ("cost.variable_cost_share.{c}", "variable_cost_share", cost.array("variable_cost_share"), PCT2),
        4: ("cost.handling_time_seconds.{c}", "handling_time_seconds", cost.array("handling_time_seconds"), "#,##0"),
        5: (
            "baseline.repeat_contact_share.{c}",
            "repeat_contact_share",
            np.array([base.repeat_contact_share[c] for c in CHANNELS]),
            PCT2,
        ),
    }
    bases = _chain_bases(report)
    for i, c in enumerate(CHANNELS):
        row = 5 + i
        out.row[c] = row
        _text(ws, row, 0, CHANNEL_LABELS[c])
        for col, (path, parameter, values, code) in per_channel.items():
            cell = book.ref(path.format(c=c), parameter, c, float(values[i]))
            if cell:
                ws.write_formula(row, col, "=" + cell, book.num(code), float(values[i]))
            else:
                ws.write_number(row, col, float(values[i]), book.num(code, value=True))
        # cost per contact: top-down from Aannames, or bottom-up from its parts
        cell = book.ref(f"cost.top_down_eur_per_contact.{c}", "cost_eur_per_contact", c, float(cpc[i]))
        if cost.method == "top_down" and cell:
            ws.write_formula(row, 2, "=" + cell, book.num(EUR2), float(cpc[i]))
        else:
            ws.write_number(row, 2, float(cpc[i]), book.num(EUR2, value=True))
        k_cell = book.ref("cost.chat_concurrency", "chat_concurrency", "chat", conc) if SLOTS[i] else None
        if SLOTS[i] and k_cell:
            ws.write_formula(row, 6, "=" + k_cell, book.num("0.0"), conc)
        else:
            ws.write_number(row, 6, conc if SLOTS[i] else 1.0, book.num("0.0", value=bool(SLOTS[i])))
        ws.write_number(row, 7, float(bases[0][i]) if bases else 0.0, book.num("0.000000%", value=True))
    last = 5 + len(CHANNELS)
    _text(
        ws,
        last,
        0,
        "Aandeel bereikbaar: de statusvragen van de inwonersgroepen die selfservice mogen gebruiken "
        f"(verdeling over inwonersgroepen en UWV-model), als aandeel van de contacten; {VALUE_NL}.",
        f["value_note"],
    )
    row = last + 2
    shift_rows: list[int] = []
    shifts = s.channel_shifts
    if shifts:
        for hc, h in enumerate(["Kanaalverschuiving", "Van", "Naar", "Reden", "Aandeel verschuifbaar"]):
            _text(ws, row, hc, h, f["head"])
        for k, sh in enumerate(shifts):
            row += 1
            shift_rows.append(row)
            _text(ws, row, 0, f"Verschuiving {k + 1}")
            _text(ws, row, 1, CHANNEL_LABELS[sh.from_channel])
            _text(ws, row, 2, CHANNEL_LABELS[sh.to_channel])
            _text(ws, row, 3, REASON_LABELS.get(sh.reason or "", "alle redenen"))
            ws.write_number(row, 4, float(bases[1][k]) if bases else 0.0, book.num("0.000000%", value=True))
        row += 1
        _text(
            ws,
            row,
            0,
            "Aandeel verschuifbaar: het deel van de contacten van het bronkanaal (na minder herhaalcontact) dat de "
            f"verschuiving mag verplaatsen (contactreden, geschikt kanaal, UWV-model); {VALUE_NL}.",
            f["value_note"],
        )
        row += 2
    # the years, then the ramps
    head = row
    _text(ws, head, 0, "Jaar", f["head"])
    for t in range(horizon + 1):
        ws.write_number(head, out.col(t), t, f["head"])
    _text(ws, head, out.col(None), "Volle werking", f["head"])
    year = lambda t: xl_rowcol_to_cell(head, out.col(t), row_abs=True)
    chain = _chain(report, *bases) if bases else None
    mine = _omnicalc_volumes(report)
    out.formulas = chain is not None and bool(
        np.allclose(chain["final"], mine, rtol=1e-9, atol=1e-6) and all(p in book.cells for p in _chain_paths(s))
    )
    ramps: dict[str, int] = {}
    on = dict(zip(LEVER_KEYS, active_levers(s, lever_values(s))))
    row = head + 1
    years = np.arange(1, horizon + 1)
    if out.formulas:
        for key in CHAIN_LEVERS:
            if not on[key]:
                continue
            at = f"business_case.ramps.{key}."
            kind, start, full = (book.cells[at + p] for p in ("kind", "start_year", "years_to_full"))
            _text(ws, row, 0, f"Adoptiecurve {BY_KEY[key].label_nl}")
            factors = case.ramps[key].factors(years)
            ws.write_number(row, out.col(0), 0.0, book.num("0.0000"))
            for t in map(int, years):
                x = f"MIN(MAX(({year(int(t))}-{start}+1)/{full},0),1)"
                ws.write_formula(
                    row,
                    out.col(int(t)),
                    f'=IF({kind}="lineair",{x},3*{x}^2-2*{x}^3)',
                    book.num("0.0000"),
                    float(factors[t - 1]),
                )
            ws.write_number(row, out.col(None), 1.0, book.num("0.0000"))
            ramps[key] = row
            row += 1
    row += 1
    cols = [None, *range(horizon + 1)]

    def ramp(key: str, t: int | None) -> str:
        return xl_rowcol_to_cell(ramps[key], out.col(t), row_abs=True)

    if not out.formulas:
        _text(
            ws,
            row,
            0,
            "De volumes per jaar zijn hier waarden uit omnicalc (geen formule): het scenario heeft een hefboom die "
            "dit blad niet als formule schrijft, of een inclusievloer begrenst een hefboom (dan is die niet lineair).",
            f["value_note"],
        )
        row += 1
        _text(ws, row, 0, "Contacten met scenario", f["bold"])
        out.stage["final"] = {}
        for i, c in enumerate(CHANNELS):
            row += 1
            out.stage["final"][c] = row
            _text(ws, row, 0, CHANNEL_LABELS[c])
            for j, t in enumerate([*range(horizon + 1), None]):
                ws.write_number(row, out.col(t), float(mine[j, i]), grey)
        return out
    assert chain is not None
    values = dict(chain)
    index = lambda t: horizon + 1 if t is None else t
    cells = book.cells
    prev = "param"

    def stage(name: str, title: str, formula: Callable[[str, int, int | None], str]) -> None:
        """One block of rows, a channel each: the volumes after a lever, ``formula(channel, row of its parameters
        (1-based), year)``."""
        nonlocal row, prev
        _text(ws, row, 0, title, f["bold"])
        out.stage[name] = {}
        for i, c in enumerate(CHANNELS):
            row += 1
            out.stage[name][c] = row
            _text(ws, row, 0, CHANNEL_LABELS[c])
            for t in cols:
                value = float(values[name][index(t), i])
                ws.write_formula(row, out.col(t), "=" + formula(c, out.row[c] + 1, t), book.num("#,##0"), value)
        prev = name
        row += 2

    def before(c: str, r: int, t: int | None) -> str:
        return f"$B${r}" if prev == "param" else xl_rowcol_to_cell(out.stage[prev][c], out.col(t))

    if on["status_portal"]:
        reach, adoption, residual = (
            cells[f"status_portal.{p}"] for p in ("reach_share", "adoption_share", "residual_contact_share")
        )
        stage(
            "portal",
            "Na het statusportaal: contacten × (1 − bereikbaar × bereik × adoptie × curve × (1 − restcontact))",
            lambda c, r, t: f"$B${r}*(1-$H${r}*{reach}*({adoption}*{ramp('status_portal', t)})*(1-{residual}))",
        )
    if on["repeat_contacts"]:
        red = cells["repeat_contacts.reduction_share"]
        stage(
            "repeat",
            "Na minder herhaalcontact: × (1 − aandeel herhaalcontact × reductie × curve)",
            lambda c, r, t: f"{before(c, r, t)}*(1-$F${r}*{red}*{ramp('repeat_contacts', t)})",
        )
    moved_rows: list[int] = []
    if shifts:
        _text(
            ws,
            row,
            0,
            "Verschoven contacten: aandeel × curve × verschuifbaar × contacten bronkanaal (na herhaalcontact)",
            f["bold"],
        )
        for k, sh in enumerate(shifts):
            row += 1
            moved_rows.append(row)
            _text(ws, row, 0, f"{CHANNEL_LABELS[sh.from_channel]} → {CHANNEL_LABELS[sh.to_channel]}")
            r = out.row[sh.from_channel] + 1
            a = CHANNELS.index(sh.from_channel)
            for t in cols:
                factor = (
                    f"*(1-$F${r}*{cells['repeat_contacts.reduction_share']}*{ramp('repeat_contacts', t)})"
                    if on["repeat_contacts"]
                    else ""
                )
                rp = report.business_case.case.ramps["channel_shift"]
                shown = 1.0 if t is None else (0.0 if t == 0 else float(rp.factors(np.array([t]))[0]))
                rep = 1.0
                if on["repeat_contacts"]:
                    rr = report.business_case.case.ramps["repeat_contacts"]
                    rf = 1.0 if t is None else (0.0 if t == 0 else float(rr.factors(np.array([t]))[0]))
                    rep = 1 - base.repeat_contact_share[sh.from_channel] * s.repeat_contacts.reduction_share * rf
                ws.write_formula(
                    row,
                    out.col(t),
                    f"={cells[f'channel_shifts[{k}].share']}*{ramp('channel_shift', t)}*$E${shift_rows[k] + 1}"
                    f"*$B${r}{factor}",
                    book.num("#,##0"),
                    float(sh.share * shown * bases[1][k] * v0[a] * rep) if bases else 0.0,
                )
        row += 2

    def moved(c: str, t: int | None) -> str:
        return "".join(
            ("-" if sh.from_channel == c else "+") + xl_rowcol_to_cell(moved_rows[k], out.col(t))
            for k, sh in enumerate(shifts)
            if c in (sh.from_channel, sh.to_channel)
        )

    stage("final", "Contacten met scenario (na alle hefbomen)", lambda c, r, t: before(c, r, t) + moved(c, t))
    row -= 2
    _text(
        ws,
        row + 2,
        0,
        "Lineair zolang geen inclusievloer knelt: omnicalc heeft nagerekend dat deze formules bij de waarden van dit "
        "bestand zijn eigen volumes geven. Verhoogt u een hefboom zo ver dat een inwonersgroep onder haar vloer zou "
        "komen, dan begrenst omnicalc de hefboom en deze formules niet: reken dan na met omnicalc.",
        f["small"],
    )
    return out


def _chain_paths(s: Scenario) -> list[str]:
    x = lever_values(s)
    on = dict(zip(LEVER_KEYS, active_levers(s, x)))
    paths = []
    if on["status_portal"]:
        paths += [f"status_portal.{p}" for p in ("reach_share", "adoption_share", "residual_contact_share")]
    if on["repeat_contacts"]:
        paths.append("repeat_contacts.reduction_share")
    paths += [f"channel_shifts[{k}].share" for k in range(len(s.channel_shifts))]
    for key in CHAIN_LEVERS:
        if on[key]:
            paths += [f"business_case.ramps.{key}.{p}" for p in ("kind", "start_year", "years_to_full")]
    return paths


def _staffing(book: _Book, ws: Worksheet, vol: _Volumes) -> dict[str, list[str]]:
    """FTE per team and year: Erlang C per interval of the week for phone and chat, workload for the rest.

    Returns per team key the cell of its FTE in year 0..H.
    """
    report, f = book.report, book.f
    bc = report.business_case
    case, o = bc.case, bc.outcome
    st = case.staffing
    teams = st.teams_for(bc.baseline.population)
    horizon = case.horizon_years
    ws.set_column(0, 0, 40)
    ws.set_column(1, 200, 12)
    _text(ws, 0, 0, "Bezetting per team (fte)", f["title"])
    fte_values = np.concatenate([o.fte_before[None], o.fte_after])  # (1 + H, team)
    out: dict[str, list[str]] = {}
    cells = book.cells
    at = "business_case.staffing."
    need = [
        at + k
        for k in (
            "service_level_target_share",
            "answer_time_seconds",
            "max_occupancy_share",
            "gross_hours_per_fte_per_year",
        )
    ] + ["cost.productive_share"]
    if st.patience_seconds is not None or not all(p in cells for p in need):
        _text(
            ws,
            1,
            0,
            f"Fte per team: {VALUE_NL} (Erlang A, met ophangende bellers, staat niet als formule in dit bestand).",
            f["value_note"],
        )
        _text(ws, 3, 0, "Jaar", f["head"])
        for k, team in enumerate(teams):
            _text(ws, 3, 1 + k, f"Fte {team.label_nl}", f["head"])
        for t in range(horizon + 1):
            ws.write_number(4 + t, 0, t)
            for k, team in enumerate(teams):
                ws.write_number(4 + t, 1 + k, float(fte_values[t, k]), book.num("#,##0.00", value=True))
                out.setdefault(team.key, []).append(_at(STAFFING, 4 + t, 1 + k))
        return out
    _text(
        ws,
        1,
        0,
        "Per interval van de week: aanbod = contacten per jaar / 52 × aandeel van het interval; belasting A = aanbod × "
        "afhandeltijd / intervallengte; Erlang C: het kleinste aantal medewerkers N > A met servicegraad "
        "1 − C(N, A) × e^(−(N − A) × normtijd / afhandeltijd) ≥ de norm en bezetting A / N ≤ het maximum, lineair "
        "tussen N − 1 en N. Chat: de plaatsen gedeeld door het aantal gelijktijdige chats.",
        f["small"],
    )
    prof = st.profile
    shares, counts = prof.distinct_shares
    target, answer, occ, gross = (cells[p] for p in need[:4])
    productive = cells["cost.productive_share"]
    _text(ws, 2, 0, "Intervallengte (s); weken per jaar", f["small"])
    ws.write_number(2, 1, prof.interval_minutes * 60.0, book.num("#,##0"))
    ws.write_number(2, 2, WEEKS_PER_YEAR, book.num("#,##0"))
    dt, weeks = "$B$3", "$C$3"
    hours = f"({dt}/3600*{weeks})"
    # the teams' yearly figures per year, on top; the intervals below
    summary_head = 4
    team_heads = ["aanwezig (uur)", "onbenut (uur)", "achterstandswerk (uur)", "werklast (uur)", "uren", "fte"]
    _text(ws, summary_head, 0, "Jaar", f["head"])
    team_col: dict[str, int] = {}
    for k, team in enumerate(teams):
        team_col[team.key] = 1 + len(team_heads) * k
        for j, h in enumerate(team_heads):
            _text(ws, summary_head, team_col[team.key] + j, f"{team.label_nl}: {h}", f["head"])
    _text(
        ws,
        summary_head + horizon + 2,
        0,
        "Minimale bezetting per open interval; gecombineerd met andere taken (invoer, tabblad Aannames: Team)",
        f["small"],
    )
    param_row = summary_head + horizon + 3
    for team in teams:
        _text(ws, param_row, team_col[team.key], team.label_nl)
        ws.write_number(param_row, team_col[team.key] + 1, team.min_agents, book.num("0.0", input_=True))
        ws.write_number(param_row, team_col[team.key] + 2, team.combined, book.num(PCT2, input_=True))
    live = [
        i
        for i, c in enumerate(CHANNELS)
        if LIVE[i] and any(c in t.channels for t in teams) and float(_omnicalc_volumes(report)[:, i].max()) > 0
    ]
    grid = param_row + 3
    _text(ws, grid - 1, 0, "Per jaar en interval", f["bold"])
    heads = ["Jaar", "Aandeel interval", "Intervallen per week"]
    block = 3 + ERLANG_COLUMNS + 5
    for i in live:
        name = CHANNEL_LABELS[CHANNELS[i]]
        heads += [f"{name}: aanbod", f"{name}: belasting A", f"{name}: eerste N"]
        heads += [f"{name}: servicegraad N+{k}" for k in range(ERLANG_COLUMNS)]
        heads += [
            f"{name}: N",
            f"{name}: servicegraad N",
            f"{name}: servicegraad N−1",
            f"{name}: medewerkers",
            f"{name}: bezetting",
        ]
    first_team = 3 + block * len(live)
    for team in teams:
        heads += [
            f"{team.label_nl}: live",
            f"{team.label_nl}: ingezet",
            f"{team.label_nl}: onbenut × n",
            f"{team.label_nl}: ingezet × n",
        ]
    for c, h in enumerate(heads):
        _text(ws, grid, c, h, f["head"])
    n_int = len(shares)
    first = grid + 1
    last = first + (horizon + 1) * n_int - 1
    dec, d4 = book.num("#,##0.00"), book.num("0.000000")
    all_volumes = _omnicalc_volumes(report)
    erlang = {
        i: _Cached(
            required_agents(
                all_volumes[: horizon + 1, i, None] / WEEKS_PER_YEAR * shares[None, :],
                _aht(report, i),
                prof.interval_minutes * 60.0,
                service_level_target_share=st.service_level_target_share,
                answer_time_seconds=st.answer_time_seconds,
                max_occupancy_share=st.max_occupancy_share,
            )
        )
        for i in live
    }
    for t in range(horizon + 1):
        volumes = all_volumes[t]
        for j, (share, count) in enumerate(zip(shares, counts)):
            row = first + t * n_int + j
            xl = row + 1
            ws.write_number(row, 0, t)
            ws.write_number(row, 1, float(share), book.num("0.000000", value=True))
            ws.write_number(row, 2, float(count), book.num("#,##0", value=True))
            agents_cells: dict[int, str] = {}
            for b, i in enumerate(live):
                c0 = 3 + block * b
                col = lambda k: xl_col_to_name(c0 + k)  # noqa: B023
                aht = vol.param(CHANNELS[i], 4)
                calls = float(volumes[i]) / WEEKS_PER_YEAR * float(share)
                s = erlang[i].at(t, j)
                ws.write_formula(row, c0, f"={vol.volume(CHANNELS[i], t)}/{weeks}*$B{xl}", dec, calls)
                a = f"{col(1)}{xl}"
                ws.write_formula(row, c0 + 1, f"={col(0)}{xl}*{aht}/{dt}", d4, float(s.load_erlang))
                la = f"IF({a}>0,{a},1)"
                n0_value = max(
                    np.floor(s.load_erlang if calls > 0 else 1.0) + 1,
                    np.ceil((s.load_erlang if calls > 0 else 1.0) / st.max_occupancy_share - 1e-12),
                )
                ws.write_formula(
                    row, c0 + 2, f"=MAX(INT({la})+1,ROUNDUP({la}/{occ}-1E-12,0))", book.num("0"), float(n0_value)
                )
                n0 = f"{col(2)}{xl}"

                def sl(n: str, la: str = la, aht: str = aht) -> str:
                    p, cdf = f"POISSON({n},{la},0)", f"POISSON({n},{la},1)"
                    return f"1-{n}*{p}/(({n}-{la})*{cdf}+{la}*{p})*EXP(-({n}-{la})*{answer}/{aht})"

                for k in range(ERLANG_COLUMNS):
                    ws.write_formula(row, c0 + 3 + k, "=" + sl(f"({n0}+{k})"), d4)
                sl_range = f"{col(3)}{xl}:{col(2 + ERLANG_COLUMNS)}{xl}"
                nc, sln, slp, ag = (c0 + 3 + ERLANG_COLUMNS + k for k in range(4))
                ws.write_formula(
                    row,
                    nc,
                    f"={n0}+SUMPRODUCT(--({sl_range}<{target}-1E-12))",
                    book.num("0"),
                    float(s.agents if calls > 0 else n0_value),
                )
                n = f"{xl_col_to_name(nc)}{xl}"
                ws.write_formula(row, sln, f"=INDEX({sl_range},1,{n}-{n0}+1)", d4)
                m = f"({n}-1)"
                ws.write_formula(row, slp, f"=IF({m}>{la},{sl(m)},0)", d4)
                a_sln, a_slp = f"{xl_col_to_name(sln)}{xl}", f"{xl_col_to_name(slp)}{xl}"
                step = f"IF({a_sln}>{a_slp},MIN(MAX(({target}-{a_slp})/({a_sln}-{a_slp}),0),1),1)"
                servers = f"IF({a}>0,MAX({n}-1+{step},MIN({la}/{occ},{n})),0)"
                k_cell = vol.param(CHANNELS[i], 6)
                value = float(s.agents_fractional) / (
                    float(report.result.baseline.cost.chat_concurrency) if SLOTS[i] else 1.0
                )
                ws.write_formula(row, ag, f"={servers}/{k_cell}" if SLOTS[i] else f"={servers}", d4, value)
                ws.write_formula(row, ag + 1, f"=IF({xl_col_to_name(ag)}{xl}>0,{a}/{n},0)", book.num("0.0%"))
                agents_cells[i] = f"{xl_col_to_name(ag)}{xl}"
            for k, team in enumerate(teams):
                c0 = first_team + 4 * k
                mine = [agents_cells[i] for i in live if CHANNELS[i] in team.channels]
                ws.write_formula(row, c0, "=" + ("+".join(mine) or "0"), d4)
                has_work = "+".join(vol.volume(c, t) for c in team.channels)
                floor_ = _at(STAFFING, param_row, team_col[team.key] + 1)
                floor = f"IF(({has_work})>0,{floor_},0)" if mine else "0"
                ws.write_formula(row, c0 + 1, f"=MAX({xl_col_to_name(c0)}{xl},{floor})", d4)
                ws.write_formula(row, c0 + 2, f"=({xl_col_to_name(c0 + 1)}{xl}-{xl_col_to_name(c0)}{xl})*$C{xl}", d4)
                ws.write_formula(row, c0 + 3, f"={xl_col_to_name(c0 + 1)}{xl}*$C{xl}", d4)
    years_col = f"$A${first + 1}:$A${last + 1}"
    for t in range(horizon + 1):
        row = summary_head + 1 + t
        ws.write_number(row, 0, t)
        for k, team in enumerate(teams):
            c0 = team_col[team.key]
            gc = first_team + 4 * k
            cell = lambda j: xl_rowcol_to_cell(row, c0 + j)  # noqa: B023
            sumif = lambda col, t=t: (
                f"SUMIF({years_col},{t},${xl_col_to_name(col)}${first + 1}:${xl_col_to_name(col)}${last + 1})*{hours}"
            )
            ws.write_formula(row, c0, "=" + sumif(gc + 3), dec)
            ws.write_formula(row, c0 + 1, "=" + sumif(gc + 2), dec)

            def work(channels: Sequence[str], t: int = t) -> str:
                parts = [f"{vol.volume(c, t)}*{vol.param(c, 4)}/3600/{vol.param(c, 6)}" for c in channels]
                return "+".join(parts) or "0"

            backlog = [c for c in team.channels if WORKLOAD[CHANNELS.index(c)]]
            ws.write_formula(row, c0 + 2, "=" + work(backlog), dec)
            ws.write_formula(row, c0 + 3, "=" + work(team.channels), dec)
            combined = _at(STAFFING, param_row, c0 + 2)
            dedicated = f"({cell(0)}+MAX({cell(2)}-{cell(1)},0))"
            ws.write_formula(row, c0 + 4, f"={dedicated}-{combined}*({dedicated}-{cell(3)})", dec)
            ws.write_formula(row, c0 + 5, f"={cell(4)}/({gross}*{productive})", dec, float(fte_values[t, k]))
            out.setdefault(team.key, []).append(_at(STAFFING, row, c0 + 5))
    return out


class _Cached:
    """One interval's figures out of :func:`omnicalc.erlang.required_agents` over (year, interval) arrays."""

    def __init__(self, staffing: Staffing) -> None:
        self.staffing = staffing

    def at(self, t: int, j: int) -> Staffing:
        s = self.staffing
        return Staffing(*(np.asarray(getattr(s, name))[t, j] for name in Staffing.__dataclass_fields__))


def _aht(report: Analysis, i: int) -> float:
    return float(report.result.baseline.cost.array("handling_time_seconds")[i])


def _channels(book: _Book, ws: Worksheet, vol: _Volumes) -> dict[str, str]:
    """Per channel one year at full effect: volumes and cost per contact from Volumes; returns per lever its cell."""
    report, f = book.report, book.f
    pc = report.result.per_channel
    ws.set_column(0, 0, 30)
    ws.set_column(1, 6, 17)
    _text(ws, 0, 0, "Per kanaal (één jaar, volle werking)", f["title"])
    _text(ws, 1, 0, "Contacten en kosten per contact uit het tabblad Volumes (formules op Aannames).", f["small"])
    heads = [
        "Kanaal",
        "Contacten nu",
        "Contacten met scenario",
        "Kosten per contact",
        "Kosten nu",
        "Kosten met scenario",
        "Besparing",
    ]
    _heads(ws, 2, heads, f["head"])
    first = 3
    for i, (c, r) in enumerate(zip(CHANNELS, pc.itertuples())):
        row, xl = first + i, first + i + 1
        _text(ws, row, 0, r.label_nl)
        ws.write_formula(row, 1, "=" + vol.param(c, 1), book.num("#,##0"), float(r.volume_before_per_year))
        ws.write_formula(row, 2, "=" + vol.volume(c, None), book.num("#,##0"), float(r.volume_after_per_year))
        ws.write_formula(row, 3, "=" + vol.param(c, 2), book.num(EUR2), float(r.cost_eur_per_contact))
        ws.write_formula(row, 4, f"=B{xl}*D{xl}", book.num(EUR), float(r.cost_before_eur_per_year))
        ws.write_formula(row, 5, f"=C{xl}*D{xl}", book.num(EUR), float(r.cost_after_eur_per_year))
        ws.write_formula(row, 6, f"=E{xl}-F{xl}", book.num(EUR), float(r.saving_eur_per_year))
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
    for sc, v in sums.items():
        letter = "ABCDEFG"[sc]
        ws.write_formula(
            total,
            sc,
            f"=SUM({letter}{first + 1}:{letter}{last + 1})",
            book.num("#,##0", bold=True) if sc in (1, 2) else book.num(EUR, bold=True),
            float(v),
        )
    lever_row = total + 3
    _text(ws, lever_row, 0, "Besparing per hefboom (volle werking)", f["bold"])
    stages = {"status_portal": "portal", "repeat_contacts": "repeat", "channel_shift": "final"}
    cpc = vol.span(2)
    out: dict[str, str] = {}
    prev = None
    for i, r in enumerate(report.result.per_lever.itertuples()):
        row = lever_row + 1 + i
        key = LEVER_KEYS[i]
        _text(ws, row, 0, r.label_nl)
        stage = stages.get(key)
        if vol.formulas and stage in vol.stage:
            before = vol.span(1) if prev is None else vol.volume_span(None, prev)
            formula = f"=SUMPRODUCT({before}-{vol.volume_span(None, stage)},{cpc})"
            ws.write_formula(row, 1, formula, book.num(EUR), float(r.saving_eur_per_year))
            prev = stage
        elif abs(float(r.saving_eur_per_year)) < 1e-9:
            ws.write_number(row, 1, 0.0, book.num(EUR))
            _text(ws, row, 2, "hefboom staat uit", f["small"])
        else:
            ws.write_number(row, 1, float(r.saving_eur_per_year), book.num(EUR, value=True))
            _text(ws, row, 2, VALUE_NL, f["value_note"])
        out[key] = _at(CHANNELS_SHEET, row, 1)
    chart = book.wb.add_chart({"type": "column"})
    for col, name, color in ((4, "Kosten nu", "#9DB4C8"), (5, "Kosten met scenario", "#1F5F8B")):
        chart.add_series(
            {
                "name": name,
                "categories": [CHANNELS_SHEET, first, 0, last, 0],
                "values": [CHANNELS_SHEET, first, col, last, col],
                "fill": {"color": color},
            }
        )
    chart.set_title({"name": "Kosten per kanaal per jaar"})
    chart.set_y_axis({"num_format": EUR})
    ws.insert_chart(lever_row + len(LEVER_KEYS) + 3, 0, chart, {"x_scale": 1.5})
    return out


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
    ("Terugverdiend in dit jaar", None),
)
#: Per team, the release rule's columns after FLOW_COLUMNS: freed (from the staffing model), target, before
#: rounding, released.
TEAM_COLUMNS = ("vrijgespeeld", "doel afbouw", "afbouw vóór afronding", "afgebouwd")


class _Flows:
    """Where the Kasstromen sheet put its rows and totals."""

    def __init__(self, first: int, last: int, npv: str, payback: str) -> None:
        self.first, self.last, self.npv, self.payback = first, last, npv, payback

    def cell(self, col: int, t: int) -> str:
        return _at(FLOWS, self.first + t, col)


def _cash_flows(book: _Book, ws: Worksheet, vol: _Volumes, fte: dict[str, list[str]]) -> _Flows:
    """Cash flows per year, all formulas: savings from Volumes, staff from Bezetting and Aannames, then the NPV."""
    report, f, cells = book.report, book.f, book.cells
    bc = report.business_case
    y, case = bc.years, bc.case
    at = "business_case.staffing."
    eur, dec, eur_bold = book.num(EUR), book.num("#,##0.00"), book.num(EUR, bold=True)
    ws.set_column(0, 0, 8)
    ws.set_column(1, len(FLOW_COLUMNS) + 4 * 8, 15)
    _text(ws, 0, 0, "Kasstromen per jaar (MKBA)", f["title"])
    _text(ws, 1, 0, bc.timing_convention, f["small"])
    _text(ws, 2, 0, "Loonkosten per fte (salaris × 12 × (1 + IKB) × (1 + werkgeverslasten))", f["small"])
    ws.write_formula(
        2,
        6,
        f"={cells[at + 'salary_eur_per_month']}*12*(1+{cells[at + 'salary_extras_share']})"
        f"*(1+{cells[at + 'employer_charges_share']})",
        eur,
        case.staffing.loonkosten_eur_per_fte,
    )
    lk = "$G$3"
    ws.write_formula(
        2,
        8,
        f'={lk}*(1+IF({cells[at + "overhead_variable"]}="ja",{cells[at + "overhead_share"]},0))',
        eur,
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
    extra_col = base_col + len(TEAM_COLUMNS) * len(teams)
    _text(ws, 1, base_col, "Afbouw per team (Aannames: vertraging, natuurlijk verloop, formatie-eenheid)", f["small"])
    for k, team in enumerate(teams):
        for j, h in enumerate(TEAM_COLUMNS):
            _text(ws, 3, team_cols[k][j], f"Team {team.label_nl}: {h}", f["head"])
        _text(ws, 2, team_cols[k][1], f"fte nu {team.label_nl}:", f["small"])
        ws.write_formula(2, team_cols[k][0], "=" + fte[team.key][0], dec, float(o.fte_before[k]))
    # the levers' own one-off and running costs (none of the levers in the formula chain has them)
    running = o.recurring_cost_eur - np.array(
        [sum(c.amount_eur_per_year for c in case.recurring_costs if c.start_year <= t) for t in o.years]
    )
    lever_one_off = float(o.investment_eur) - sum(i.amount_eur for i in case.investments)
    has_extra = abs(lever_one_off) > 1e-9 or np.abs(running).max(initial=0.0) > 1e-9
    if has_extra:
        _text(ws, 3, extra_col, f"Eenmalige en lopende kosten hefbomen ({VALUE_NL})", f["head"])

    def col(c: int) -> str:
        return xl_col_to_name(c)

    first = 4
    last = first + len(y) - 1
    v0 = vol.span(1)
    cpc, var = vol.span(2), vol.span(3)
    inv = "+".join(cells[f"business_case.investments[{k}].amount_eur"] for k in range(len(case.investments))) or "0"
    for i, (t, r) in enumerate(zip(y.index, y.itertuples())):
        row, xl = first + i, first + i + 1
        t = int(t)
        ws.write_number(row, 0, t)
        grown = f"{index}^(A{xl}-1)"
        drop = f"{v0}-{vol.volume_span(t)}"
        ws.write_formula(
            row, 1, f"=IF(A{xl}=0,0,SUMPRODUCT({drop},{cpc})*{grown})", eur, float(r.theoretical_saving_eur)
        )
        ws.write_formula(
            row, 2, f"=IF(A{xl}=0,0,SUMPRODUCT({drop},{cpc},{var})*{grown})", eur, float(r.variable_saving_eur)
        )
        extra = 0.0 if i == 0 else float(running[i - 1])
        if has_extra:
            ws.write_number(row, extra_col, lever_one_off if i == 0 else extra, book.num(EUR, value=True))
            lever = f"+{col(extra_col)}{xl}"
        else:
            lever = ""
        for k, (fc, tc, uc, rc) in enumerate(team_cols):
            freed = float(o.fte_freed[i - 1, k]) if i else 0.0
            released = float(o.fte_released[i - 1, k]) if i else 0.0
            F, T, U, R = (f"{col(c)}{xl}" for c in (fc, tc, uc, rc))
            before = xl_rowcol_to_cell(2, fc, row_abs=True, col_abs=True)
            ws.write_formula(row, fc, f"={fte[teams[k].key][0]}-{fte[teams[k].key][t]}", dec, freed)
            if i == 0:
                for c in (tc, uc, rc):
                    ws.write_number(row, c, 0.0, dec)
                continue
            ws.write_formula(
                row,
                tc,
                f"=IF(A{xl}>{lag},MIN(OFFSET({F},-{lag},0),{F}),MIN({F},0))",
                dec,
                float(targets[k, i - 1]),
            )
            ws.write_formula(
                row,
                uc,
                f"=IF({T}<0,{T},MIN(MAX({T},0),MAX({col(uc)}{xl - 1},0)+{attrition}*{before}))",
                dec,
                float(unrounded[k, i - 1]),
            )
            ws.write_formula(row, rc, f"=IF({U}<0,{U},MAX({U}-{step}/2,0))", dec, released)
        freed_sum = "+".join(f"{col(c[0])}{xl}" for c in team_cols) or "0"
        released_sum = "+".join(f"{col(c[3])}{xl}" for c in team_cols) or "0"
        ws.write_formula(row, 3, f"={freed_sum}", dec, float(r.fte_freed))
        ws.write_formula(row, 4, f"={released_sum}", dec, float(r.fte_released))
        ws.write_formula(row, 5, f"=IF(A{xl}=0,0,E{xl}*{value}*{grown})", eur, float(r.staff_saving_eur))
        prev = "0" if i == 0 else f"MAX(0,E{xl - 1})"
        ws.write_formula(row, 6, f"=MAX(0,MAX(0,E{xl})-{prev})*{friction}", eur, float(r.friction_cost_eur))
        ws.write_formula(row, 7, f"=IF(A{xl}=0,0,MAX(0,D{xl}-E{xl})*{lk}*{grown})", eur, float(r.double_burden_eur))
        ws.write_formula(
            row, 8, f"=C{xl}+F{xl}-G{xl}" if bezuinigen else f"=C{xl}", eur, float(r.realisable_saving_eur)
        )
        used = f"=I{xl}" if case.savings_basis == "realisable" else f"=B{xl}"
        ws.write_formula(row, 9, used, eur, float(r.savings_used_eur))
        if i == 0:
            ws.write_formula(row, 10, f"={inv}{lever}", eur, float(r.investment_eur))
            ws.write_number(row, 11, 0.0, eur)
        else:
            ws.write_number(row, 10, 0.0, eur)
            rec = "+".join(
                f"{cells[f'business_case.recurring_costs[{k}].amount_eur_per_year']}"
                f"*(A{xl}>={cells[f'business_case.recurring_costs[{k}].start_year']})"
                for k in range(len(case.recurring_costs))
            )
            ws.write_formula(row, 11, f"={rec or '0'}{lever}", eur, float(r.recurring_cost_eur))
        ws.write_formula(row, 12, f"=J{xl}-K{xl}-L{xl}", eur, float(r.net_cash_flow_eur))
        ws.write_formula(row, 13, f"=M{xl}" if i == 0 else f"=N{xl - 1}+M{xl}", eur, float(r.cumulative_eur))
        ws.write_formula(
            row,
            14,
            f"=1/(1+{cells['business_case.discount_rate']})^A{xl}",
            book.num("0.0000"),
            float(r.discount_factor),
        )
        ws.write_formula(row, 15, f"=M{xl}*O{xl}", eur, float(r.discounted_eur))
        ws.write_formula(row, 16, f"=C{xl}", eur, float(r.saving_herinzetten_eur))
        ws.write_formula(row, 17, f"=IF(A{xl}=0,0,D{xl}*{lk}*{grown})", eur, float(r.redeployed_value_eur))
        # payback: the year in which the cumulative turns non-negative for the last time, the flow spread evenly
        if i == 0:
            ws.write_string(row, 18, "")
        else:
            later = f'COUNTIF(N{xl}:N{last + 1},"<0")'
            ws.write_formula(
                row,
                18,
                f'=IF(AND(N{xl - 1}<0,{later}=0),A{xl}-1+(-N{xl - 1})/M{xl},"")',
                dec,
                bc.payback.year if bc.payback.year is not None and int(bc.payback.year) + 1 == t else "",
            )
    total = last + 2
    _text(ws, total, 0, "Totaal", f["bold"])
    for c in (1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17):
        ws.write_formula(
            total,
            c,
            f"=SUM({col(c)}{first + 1}:{col(c)}{last + 1})",
            eur_bold,
            float(y[str(FLOW_COLUMNS[c][1])].sum()),
        )
    _text(ws, total + 2, 0, "Netto contante waarde", f["bold"])
    ws.write_formula(total + 2, 3, f"=SUM(P{first + 1}:P{last + 1})", eur_bold, float(bc.npv_eur))
    npv = xl_rowcol_to_cell(total + 2, 3, row_abs=True, col_abs=True)
    book.wb.define_name("NCW", f"=Kasstromen!{npv}")
    _text(ws, total + 3, 0, "Terugverdientijd (jaar)", f["bold"])
    none_within = Payback.none_within(case.horizon_years).reason_nl
    ws.write_formula(
        total + 3,
        3,
        f'=IF(COUNTIF(N{first + 1}:N{last + 1},"<0")=0,"{NOTHING_TO_PAY_BACK_NL}",'
        f'IF(COUNT(S{first + 2}:S{last + 1})=0,"{none_within}",SUM(S{first + 2}:S{last + 1})))',
        dec,
        bc.payback.year if bc.payback.year is not None else bc.payback.reason_nl,
    )
    payback = _at(FLOWS, total + 3, 3)
    ws.write_string(
        total + 4,
        0,
        "Alles op dit blad is een formule: besparingen uit Volumes (contacten × kosten per contact), fte uit "
        "Bezetting, loonkosten, frictiekosten, afbouwregel, investering, jaarlijkse kosten en discontovoet uit "
        "Aannames.",
        f["small"],
    )
    _text(ws, total + 5, 0, bc.release_sentence_nl(), f["small"])
    _text(ws, total + 6, 0, bc.staffing_check.sentence_nl(), f["small"])
    chart = book.wb.add_chart({"type": "line"})
    chart.add_series(
        {
            "name": "Cumulatief",
            "categories": [FLOWS, first, 0, last, 0],
            "values": [FLOWS, first, 13, last, 13],
            "marker": {"type": "circle"},
        }
    )
    chart.set_title({"name": "Cumulatieve kasstroom"})
    chart.set_x_axis({"name": "Jaar"})
    chart.set_y_axis({"num_format": EUR})
    chart.set_legend({"none": True})
    ws.insert_chart(total + 8, 0, chart, {"x_scale": 1.4})
    return _Flows(first, last, f"Kasstromen!{npv}", payback)


def _raming(book: _Book, ws: Worksheet, flows: _Flows) -> dict[str, str]:
    """The BBV view as formulas on Kasstromen and Aannames: one row per line, a column per jaarschijf."""
    report, f, cells = book.report, book.f, book.cells
    raming = report.bbv
    case = report.business_case.case
    years = raming.years
    horizon = len(years)
    eur, eur_bold = book.num(EUR), book.num(EUR, bold=True)
    _text(ws, 0, 0, "Meerjarenraming (BBV)", f["title"])
    _text(ws, 1, 0, mkba_vs_bbv_nl(case.discount_rate), f["small"])
    _text(
        ws,
        2,
        0,
        "Lopende euro's, + voordelig, - nadelig; formules op Kasstromen en Aannames (indexatie, activeringsgrens, "
        "afschrijvingstermijnen, omslagrente). De dekking vult u zelf in (gele cellen). " + raming.note_nl,
        f["small"],
    )
    for c, h in enumerate(["Regel", "Aard", *(f"Jaar {y}" for y in years)]):
        _text(ws, 4, c, h, f["head"])
    bbv = lambda name: cells[f"bbv.{name}"]
    real = f"(1+{cells['business_case.wage_indexation_share']})"
    wage, price = f"(1+{bbv('cao_wage_indexation_share')})", f"(1+{bbv('price_indexation_share')})"
    lines = raming.lines
    row = 5
    rows: dict[str, list[int]] = {"structureel": [], "incidenteel": [], "dekking": []}
    expected = {key: [float(lines.loc[key, y]) for y in years] for key in lines.index}

    def line(label: str, nature: str, formula: object, values: Sequence[float] | None, category: str = "") -> None:
        nonlocal row
        _text(ws, row, 0, label)
        _text(ws, row, 1, nature)
        for c, t in enumerate(years):
            cached = values[c] if values is not None else 0.0
            if callable(formula):
                ws.write_formula(row, 2 + c, "=" + formula(t), eur, cached)
            else:
                ws.write_number(row, 2 + c, cached, book.num(EUR, input_=True))
        rows["dekking" if category == "dekking" else nature].append(row)
        row += 1

    k_col = lambda col, t: flows.cell(col, t)
    line(
        "Besparing variabele kosten per contact",
        "structureel",
        lambda t: f"{k_col(2, t)}/{real}^({t}-1)*{price}^({t}-1)",
        expected["variable_saving"],
    )
    if case.release_mode == "bezuinigen":
        line(
            "Besparing formatie (vrijgespeelde capaciteit)",
            "structureel",
            lambda t: f"({k_col(5, t)}+{k_col(7, t)})/{real}^({t}-1)*{wage}^({t}-1)",
            expected["staff_saving"],
        )
        line(
            "Dubbele lasten (formatie nog niet afgebouwd)",
            "incidenteel",
            lambda t: f"-{k_col(7, t)}/{real}^({t}-1)*{wage}^({t}-1)",
            expected["double_burden"],
        )
        line("Frictiekosten", "incidenteel", lambda t: f"-{k_col(6, t)}*{wage}^({t}-1)", expected["friction"])
    for k, rc in enumerate(case.recurring_costs):
        amount = cells[f"business_case.recurring_costs[{k}].amount_eur_per_year"]
        start = cells[f"business_case.recurring_costs[{k}].start_year"]
        line(
            rc.label,
            "structureel",
            lambda t, a=amount, s=start: f"-{a}*({t}>={s})*{price}^({t}-1)",
            expected[f"recurring_{k}"],
        )
    if "lever_running" in expected:
        line(f"Lopende kosten hefbomen ({VALUE_NL})", "structureel", None, expected["lever_running"])
    threshold, rate = bbv("capitalisation_threshold_eur"), bbv("omslagrente_rate")
    for k, inv in enumerate(case.investments):
        amount = cells[f"business_case.investments[{k}].amount_eur"]
        kind = cells[f"business_case.investments[{k}].asset_kind"]
        life = (
            f'IF({kind}="software",{bbv("asset_life_software_years")},IF({kind}="hardware",'
            f"{bbv('asset_life_hardware_years')},{bbv('asset_life_implementation_years')}))"
        )
        active = f"AND({amount}>={threshold},{amount}>0)"
        dep = expected.get(f"depreciation_{k}", [0.0] * horizon)
        interest = expected.get(f"interest_{k}", [0.0] * horizon)
        expensed = expected.get(f"expensed_{k}", [0.0] * horizon)
        line(
            f"Afschrijving {inv.label} (lineair, termijn uit Aannames)",
            "structureel",
            lambda t, a=amount, n=life, on=active: f"-IF({on},IF({t}<={n},{a}/{n},0),0)",
            dep,
        )
        line(
            f"Rente {inv.label} (omslagrente over de boekwaarde op 1 januari)",
            "structureel",
            lambda t, a=amount, n=life, on=active: f"-IF({on},{rate}*MAX({a}-{a}/{n}*MIN({t}-1,{n}),0),0)",
            interest,
        )
        line(
            f"{inv.label} (onder de activeringsgrens, direct ten laste)",
            "incidenteel",
            lambda t, a=amount, on=active: f"-IF({on},0,IF({t}=1,{a},0))",
            expensed,
        )
    for key in expected:
        if key.startswith(("depreciation_", "interest_", "expensed_")) and int(key.split("_")[-1]) >= len(
            case.investments
        ):  # the levers' one-off costs as an investment: values
            line(f"{lines.loc[key, 'label_nl']} ({VALUE_NL})", str(lines.loc[key, "nature"]), None, expected[key])
    for key in expected:
        if key.startswith("dekking"):
            line(str(lines.loc[key, "label_nl"]), str(lines.loc[key, "nature"]), None, expected[key], "dekking")
    b = raming.balance
    totals: dict[str, int] = {}
    for label, col in BALANCE_LINES_NL:
        _text(ws, row, 0, label, f["bold"])
        totals[col] = row
        row += 1
    for c, _ in enumerate(years):
        letter = xl_col_to_name(2 + c)
        cell = lambda r: f"{letter}{r + 1}"  # noqa: B023
        sums = {
            "structural_eur": "+".join(cell(r) for r in rows["structureel"]) or "0",
            "incidental_eur": "+".join(cell(r) for r in rows["incidenteel"]) or "0",
            "balance_eur": f"{cell(totals['structural_eur'])}+{cell(totals['incidental_eur'])}",
            "coverage_eur": "+".join(cell(r) for r in rows["dekking"]) or "0",
            "balance_after_coverage_eur": f"{cell(totals['balance_eur'])}+{cell(totals['coverage_eur'])}",
            "cumulative_eur": (
                cell(totals["balance_after_coverage_eur"])
                if c == 0
                else f"{xl_col_to_name(1 + c)}{totals['cumulative_eur'] + 1}+"
                + cell(totals["balance_after_coverage_eur"])
            ),
        }
        for key, formula in sums.items():
            ws.write_formula(totals[key], 2 + c, "=" + formula, eur_bold, float(b[key].iloc[c]))
    ws.set_column(0, 0, 60)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 1 + len(years), 14)
    chart = book.wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Budgettair saldo",
            "categories": [RAMING, 4, 2, 4, 1 + horizon],
            "values": [RAMING, totals["balance_eur"], 2, totals["balance_eur"], 1 + horizon],
            "fill": {"color": "#1F5F8B"},
        }
    )
    chart.set_title({"name": "Budgettair saldo per jaarschijf"})
    chart.set_y_axis({"num_format": EUR})
    chart.set_legend({"none": True})
    ws.insert_chart(row + 2, 0, chart, {"x_scale": 1.4})
    return {
        "structural_final": _at(RAMING, totals["structural_eur"], 1 + horizon),
        "cumulative_final": _at(RAMING, totals["cumulative_eur"], 1 + horizon),
    }


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


def _compare(book: _Book, ws: Worksheet) -> None:
    """The KPI targets against the scenario, then the kept scenarios side by side: values, each kept scenario
    computed with its own business case (:func:`omnicalc.compare.compare`); they do not follow *Aannames*."""
    report, f = book.report, book.f
    _text(ws, 0, 0, COMPARE, f["title"])
    _text(ws, 1, 0, f"Alle getallen op dit blad: {VALUE_NL}; ze volgen wijzigingen op Aannames niet.", f["small"])
    row = 3
    targets = report.targets
    if len(targets):
        _text(ws, row, 0, "Doelen (KPI's)", f["bold"])
        _heads(ws, row + 1, ["KPI", "Jaar", "Doel", "Nu (jaar 0)", "Scenario", "Gehaald"], f["head"])
        for i, t in enumerate(targets.itertuples()):
            unit = KPIS[t.kpi].unit
            code = PCT2 if unit == "fractie" else EUR2 if unit == "EUR/contact" else "#,##0.00"
            r = row + 2 + i
            _text(ws, r, 0, t.label_nl)
            ws.write_number(r, 1, int(t.year))
            for c, v in ((2, t.target), (3, t.now), (4, t.value)):
                ws.write_number(r, c, float(v), book.num(code, value=True))
            _text(ws, r, 5, "ja" if t.met else "nee")
        row += len(targets) + 4
    cmp = report.comparison
    if cmp is not None:
        _text(ws, row, 0, "Bewaarde scenario's: uitkomsten", f["bold"])
        _heads(ws, row + 1, ["", *cmp.names], f["head"])
        for i, (label, unit) in enumerate(RESULTS_NL):
            r = row + 2 + i
            _text(ws, r, 0, label)
            for j, name in enumerate(cmp.names):
                v = cmp.results.loc[label, name]
                if isinstance(v, str):
                    _text(ws, r, 1 + j, v)
                else:
                    code = EUR if unit.startswith("EUR") else "#,##0.0"
                    ws.write_number(r, 1 + j, float(v), book.num(code, value=True))
        row += len(RESULTS_NL) + 3
        _text(ws, row, 0, "Invoer waarin ze verschillen (zoals in het scenariobestand)", f["bold"])
        _heads(ws, row + 1, ["Onderdeel", "Invoer", *cmp.names], f["head"])
        for i in range(len(cmp.inputs)):
            d, r = cmp.inputs.iloc[i], row + 2 + i
            _text(ws, r, 0, d["Onderdeel"])
            _text(ws, r, 1, d["Invoer"])
            for j, name in enumerate(cmp.names):
                _text(ws, r, 2 + j, d[name])
    ws.set_column(0, 0, 40)
    ws.set_column(1, 12, 18)


def _uncertainty(book: _Book, ws: Worksheet) -> None:
    wb, report, f = book.wb, book.report, book.f
    sim, tor = report.simulation, report.sensitivity
    ws.set_column(0, 0, 48)
    ws.set_column(1, 4, 17)
    _text(ws, 0, 0, "Onzekerheid", f["title"])
    _text(
        ws,
        1,
        0,
        f"Monte Carlo: {sim.draws} trekkingen ({sim.distribution.upper()}), seed {sim.seed}. "
        "Elke onzekere invoer varieert binnen zijn bandbreedte (tabblad Aannames). "
        f"Alle getallen op dit blad zijn {VALUE_NL}: ze rekenen niet mee als u Aannames wijzigt.",
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
            ws.write_number(4 + i, 1 + c, float(sim.percentiles.loc[key, q]), book.num(EUR, value=True))
    _text(ws, 7, 0, "Terugverdientijd (jaar)")
    for c, p in enumerate(sim.payback_percentiles.values()):
        if p.year is None:
            _text(ws, 7, 1 + c, p.text_nl)
        else:
            ws.write_number(7, 1 + c, p.year, book.num("#,##0.00", value=True))
    _text(ws, 8, 0, f"Kans op terugverdienen binnen {sim.horizon_years} jaar")
    if sim.probability_of_payback is None:
        _text(ws, 8, 1, sim.probability_of_payback_nl)
    else:
        ws.write_number(8, 1, sim.probability_of_payback, book.num("0.0%", value=True))
    _text(ws, 10, 0, tor.reading_nl(), f["bold"])
    for c, h in enumerate(["Invoer (tornado)", "Laag", "Hoog", "NCW bij laag", "NCW bij hoog"]):
        _text(ws, 12, c, h, f["head"])
    top = tor.table.head(12)
    for i, r in enumerate(top.itertuples()):
        _text(ws, 13 + i, 0, r.label_nl)
        ws.write_number(13 + i, 1, float(r.low), book.num("#,##0.00", value=True))
        ws.write_number(13 + i, 2, float(r.high), book.num("#,##0.00", value=True))
        ws.write_number(13 + i, 3, float(r.npv_low_eur), book.num(EUR, value=True))
        ws.write_number(13 + i, 4, float(r.npv_high_eur), book.num(EUR, value=True))
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


def _summary(book: _Book, ws: Worksheet, vol: _Volumes, flows: _Flows, raming: dict[str, str]) -> None:
    report, f = book.report, book.f
    bc, r, sim = report.business_case, report.result, report.simulation
    ws.set_column(0, 0, 48)
    ws.set_column(1, 2, 20)
    ws.set_column(3, 3, 60)
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
    last = flows.last - flows.first  # the final year
    pc_first = 4  # Per kanaal: channel rows 4..10 (1-based), total on 11
    pc_total = 4 + len(CHANNELS)
    eur, eur_bold, dec = book.num(EUR), book.num(EUR, bold=True), book.num("#,##0.00")
    rows: list[tuple[str, str | None, object, Format]] = [
        ("Netto contante waarde", "=NCW", float(bc.npv_eur), eur_bold),
        (
            "Besparing per jaar, realiseerbaar (laatste jaar)",
            "=" + flows.cell(8, last),
            float(bc.years["realisable_saving_eur"].iloc[-1]),
            eur,
        ),
        (
            f"Besparing per jaar, {THEORETICAL_NL}",
            f"={quote_sheetname(CHANNELS_SHEET)}!$G${pc_total}",
            float(r.saving_eur_per_year),
            eur,
        ),
        (
            "Waarvan direct (variabele kosten)",
            f"=SUMPRODUCT({_span(CHANNELS_SHEET, pc_first - 1, 6, pc_total - 2)},{vol.span(3)})",
            float(r.saving_variable_eur_per_year),
            eur,
        ),
        ("Fte vrijgespeeld in het laatste jaar", "=" + flows.cell(3, last), float(bc.years["fte_freed"].iloc[-1]), dec),
        (
            "Fte afgebouwd in het laatste jaar"
            + (" (bezuinigen)" if bc.case.release_mode == "bezuinigen" else " (herinzetten: niet in de kasstroom)"),
            "=" + flows.cell(4, last),
            float(bc.years["fte_released"].iloc[-1]),
            dec,
        ),
        (
            "Terugverdientijd (jaar)",
            "=" + flows.payback,
            bc.payback.year if bc.payback.year is not None else bc.payback.reason_nl,
            dec,
        ),
        (
            "IRR",
            f'=IFERROR(IRR({_span(FLOWS, flows.first, 12, flows.last)}),"{bc.irr.reason_nl or "niet te bepalen"}")',
            bc.irr.rate if bc.irr.rate is not None else bc.irr.reason_nl,
            book.num(PCT2),
        ),
        (
            "Structureel effect (BBV, laatste jaarschijf)",
            "=" + raming["structural_final"],
            float(report.bbv.structural_effect_eur),
            eur,
        ),
        (
            "Cumulatief saldo na dekking (BBV)",
            "=" + raming["cumulative_final"],
            float(report.bbv.balance["cumulative_eur"].iloc[-1]),
            eur,
        ),
        (
            f"Kans op terugverdienen binnen de looptijd (Monte Carlo, {VALUE_NL})",
            None,
            sim.probability_of_payback,
            book.num("0.0%", value=True),
        ),
    ]
    band = {  # where the point estimate lies in its P10-P90 (the KPI cards' note): Monte Carlo values
        "Netto contante waarde": report.kpis.loc["npv_eur", "note_nl"],
        rows[1 if bc.case.savings_basis == "realisable" else 2][0]: sim.band_nl(
            "yearly_saving_eur", float(bc.years["savings_used_eur"].iloc[-1])
        ),
        "Terugverdientijd (jaar)": report.payback_sentence_nl,
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
            ws.write_number(3 + i, 1, float(value), fmt)  # type: ignore[arg-type]
    row = 3 + len(rows)
    _text(ws, row + 1, 0, bc.timing_convention, f["small"])
    _text(
        ws,
        row + 2,
        0,
        f"Alle getallen hierboven zijn formules op het tabblad Aannames, behalve de kans op terugverdienen en de "
        f"banden (Monte Carlo: {sim.draws} trekkingen, seed {sim.seed}; zie tabblad Onzekerheid).",
        f["small"],
    )
    _text(ws, row + 3, 0, "Waarden met basis 'aanname' hebben geen Nederlandse bron: zie tabblad Aannames.", f["small"])
    chart = book.wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Netto kasstroom",
            "categories": [FLOWS, flows.first, 0, flows.last, 0],
            "values": [FLOWS, flows.first, 12, flows.last, 12],
            "fill": {"color": "#1F5F8B"},
        }
    )
    chart.set_title({"name": "Netto kasstroom per jaar"})
    chart.set_y_axis({"num_format": EUR})
    chart.set_legend({"none": True})
    ws.insert_chart(row + 5, 0, chart, {"x_scale": 1.4})


__all__ = [
    "EUR",
    "EUR2",
    "PCT2",
    "VALUE_NL",
    "to_xlsx",
]
