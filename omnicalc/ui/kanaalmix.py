"""Dashboard "Kanaalmix & businesscase" for financial advisors.

One object owns the widgets and recomputes everything from one snapshot of them:
widgets -> :class:`ScenarioFile` (frozen) -> core -> render. Every error is shown in the
page in Dutch; nothing the user typed is thrown away.
"""

from __future__ import annotations

import base64
import html
from dataclasses import replace
from datetime import date

import ipywidgets as w

from .. import charts, fmt, params
from ..analysis import DEFAULT_DRAWS
from ..business_case import BusinessCase, BusinessCaseResult, Investment, Ramp, RecurringCost, run_business_case
from ..domain import CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS
from ..errors import InputError
from ..gemeenten import find_gemeente, gemeenten
from ..kcc_import import MAX_BYTES, parse_number, read_kcc_export
from ..levers import LEVER_KEYS
from ..model import Baseline, ChannelShift, CostModel, RepeatContacts, Result, Scenario, StatusPortal, evaluate
from ..scenario_file import ScenarioFile, dump_scenario, read_scenario
from ..uncertainty import DEFAULT_SEED, Simulation, simulate, tornado
from .upload import Upload
from .widgets import SpecSlider, assumptions_table, error_html

SCENARIO_MAX_BYTES = 2**20  # a scenario file is a few kB; anything near 1 MB is not one

#: Draws and seed of every analysis: the same on screen, in its reports and in the CLI.
DASHBOARD_DRAWS = DEFAULT_DRAWS
DASHBOARD_SEED = DEFAULT_SEED
SHIFT_DEFAULTS = (("telefoon", "webformulier", "aanvraag"), ("balie", "webformulier", "aanvraag"))


def _label(text: str, width: str = "180px") -> w.HTML:
    return w.HTML(f"<span style='display:inline-block;width:{width}'>{html.escape(text)}</span>")


class ShiftRow(w.HBox):
    """One channel shift: from, to, reason and share."""

    def __init__(self, k: int, frm: str, to: str, reason: str | None) -> None:
        options = [(CHANNEL_LABELS[c], c) for c in CHANNELS]
        self.frm = w.Dropdown(options=options, value=frm, layout=w.Layout(width="150px"))
        self.to = w.Dropdown(options=options, value=to, layout=w.Layout(width="190px"))
        self.reason = w.Dropdown(
            options=[("Alle redenen", None)] + [(REASON_LABELS[r], r) for r in REASONS],
            value=reason,
            layout=w.Layout(width="160px"),
        )
        self.share = SpecSlider("shift_share", 0.0, f"oc-shift-{k}", description=f"Verschuiving {k + 1}")
        super().__init__([w.VBox([self.share, w.HBox([self.frm, w.HTML("→"), self.to, self.reason])])])

    def shift(self) -> ChannelShift | None:
        if self.share.value == 0 or self.frm.value == self.to.value:
            return None
        return ChannelShift(self.frm.value, self.to.value, self.share.value, self.reason.value)

    def set(self, s: ChannelShift | None) -> None:
        if s is None:
            self.share.value = 0.0
            return
        self.frm.value, self.to.value, self.reason.value = s.from_channel, s.to_channel, s.reason
        self.share.value = s.share


class KanaalmixApp:
    """Choose a gemeente, tune the levers, read savings, NPV, payback and FTE, with their uncertainty."""

    def __init__(self, gemeente: str = "Utrecht") -> None:
        self._holding = False
        self.compare: list[tuple[str, dict[str, str]]] = []
        g = find_gemeente(gemeente)
        # -- inputs: gemeente and volumes
        self.gemeente = w.Combobox(
            value=str(g["name"]),
            options=sorted(gemeenten()["name"]),
            ensure_option=False,
            placeholder="Typ een gemeente (ook: Den Haag, Den Bosch)",
            description="Gemeente",
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.gemeente.add_class("oc-gemeente")
        self.name = w.Text(
            value="Statusportaal",
            description="Naam scenario",
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.volume_inputs = {c: w.Text(layout=w.Layout(width="120px"), continuous_update=False) for c in CHANNELS}
        for c, box in self.volume_inputs.items():
            box.add_class(f"oc-volume-{c}")
        self.volume_note = w.HTML()
        self.volume_note.add_class("oc-volume-note")
        self.estimate = w.Button(
            description="Schat uit inwoners",
            icon="calculator",
            tooltip=("Contacten per inwoner (gepubliceerde volumes van vier gemeenten) x inwoners (CBS 2024)"),
        )
        self.upload = Upload("KCC-export laden", ".csv,.xlsx,.txt", MAX_BYTES, self._uploaded, self._error)
        self.upload.add_class("oc-upload")
        self.volumes: dict[str, float] | None = None  # None: estimated from population
        # -- levers
        self.reach = SpecSlider("reach_share", 0.5, "oc-reach")
        self.adoption = SpecSlider("adoption_share", 0.5, "oc-adoption")
        self.residual = SpecSlider("residual_contact_share", 0.2, "oc-residual")
        self.repeat = SpecSlider("reduction_share", 0.0, "oc-repeat")
        self.shifts = [ShiftRow(k, *d) for k, d in enumerate(SHIFT_DEFAULTS)]
        # -- cost
        self.method = w.ToggleButtons(
            options=[("Top-down", "top_down"), ("Bottom-up", "bottom_up")],
            value="top_down",
            description="Kosten per contact",
            style={"description_width": "180px", "button_width": "110px"},
        )
        self.method.add_class("oc-method")
        self.phone_cost = SpecSlider(
            "cost_eur_per_contact",
            params.default_value("cost_eur_per_contact", channel="telefoon"),
            "oc-phone-cost",
            description="Kosten telefooncontact",
            source=("cost_eur_per_contact", "telefoon"),
        )
        self.rate = SpecSlider(
            "loaded_hourly_rate_eur",
            params.default_value("loaded_hourly_rate_eur"),
            "oc-rate",
            source=("loaded_hourly_rate_eur",),
        )
        self.cost_table = w.HTML()
        # -- case
        self.investment = SpecSlider("investment_eur", 250_000.0, "oc-investment", example=True)
        self.recurring = SpecSlider("recurring_cost_eur_per_year", 50_000.0, "oc-recurring", example=True)
        self.horizon = SpecSlider(
            "horizon_years", params.default_value("horizon_years"), "oc-horizon", source=("horizon_years",)
        )
        self.discount = SpecSlider(
            "discount_rate", params.default_value("discount_rate"), "oc-discount", source=("discount_rate",)
        )
        self.ramp_years = SpecSlider(
            "ramp_years_to_full", params.default_value("ramp_years_to_full"), "oc-ramp", source=("ramp_years_to_full",)
        )
        self.basis = w.ToggleButtons(
            options=[("Realiseerbaar", "realisable"), ("Theoretisch", "theoretical")],
            value="realisable",
            description="Besparing in kasstroom",
            style={"description_width": "180px", "button_width": "110px"},
        )
        # -- outputs
        self.kpis = w.HTML()
        self.kpis.add_class("oc-kpis")
        self.message = w.HTML()
        self.message.add_class("oc-message")
        self.reading = w.HTML()
        self.reading.add_class("oc-reading")
        self.images = {
            key: w.Image(format="png", layout=w.Layout(width="100%", max_width="760px"))
            for key in ("volumes", "costs", "waterfall", "cashflow", "tornado")
        }
        for key, image in self.images.items():
            image.add_class(f"oc-chart-{key}")
        self._stale: set[int] = set()
        self.years_table = w.HTML()
        # -- scenarios: compare, save, load
        self.keep = w.Button(description="Bewaar in vergelijking", icon="plus")
        self.keep.add_class("oc-keep")
        self.compare_table = w.HTML(
            "<p><i>Nog geen scenario's bewaard. Bewaar er tot drie om ze te vergelijken.</i></p>"
        )
        self.compare_table.add_class("oc-compare")
        self.download = w.HTML()
        self.download.add_class("oc-download")
        self.load = Upload("Scenario laden", ".toml", SCENARIO_MAX_BYTES, self._loaded, self._error)
        self.excel_button = w.Button(
            description="Excel-rapport",
            icon="table",
            tooltip=("Samenvatting, aannames met bronnen, per kanaal, kasstromen met formules, onzekerheid"),
        )
        self.excel_button.add_class("oc-excel")
        self.pdf_button = w.Button(description="PDF-rapport", icon="file", tooltip="Rapport voor de raad (PDF)")
        self.pdf_button.add_class("oc-pdf")
        self.report_link = w.HTML()
        self.report_link.add_class("oc-report-link")
        self.load.add_class("oc-load")
        self.widget = self._layout()
        self._wire()
        self._estimate_volumes()
        self.recompute()

    # ------------------------------------------------------------------ layout and wiring
    def _layout(self) -> w.Widget:
        volumes = w.GridBox(
            [x for c in CHANNELS for x in (_label(CHANNEL_LABELS[c], "200px"), self.volume_inputs[c])],
            layout=w.Layout(grid_template_columns="210px 130px", grid_gap="2px 8px"),
        )
        inputs = w.Accordion(
            children=[
                w.VBox([self.gemeente, self.name, volumes, self.volume_note, w.HBox([self.estimate, self.upload])]),
                w.VBox([self.reach, self.adoption, self.residual]),
                w.VBox([self.repeat, *self.shifts]),
                w.VBox([self.method, self.phone_cost, self.rate, self.cost_table]),
                w.VBox([self.investment, self.recurring, self.horizon, self.ramp_years, self.discount, self.basis]),
                w.VBox(
                    [
                        self.keep,
                        self.compare_table,
                        self.download,
                        self.load,
                        w.HBox([self.excel_button, self.pdf_button]),
                        self.report_link,
                    ]
                ),
            ],
            titles=(
                "Gemeente en volumes",
                "Statusportaal (MijnServices)",
                "Herhaalcontact en kanaalsturing",
                "Kosten per contact",
                "Investering en looptijd",
                "Scenario's vergelijken, opslaan, laden",
            ),
            selected_index=1,
            layout=w.Layout(width="560px"),
        )
        self.tabs = w.Tab(
            children=[
                w.VBox([self.images["volumes"], self.images["costs"]]),
                self.images["waterfall"],
                w.VBox([self.images["cashflow"], self.years_table]),
                w.VBox([self.images["tornado"], self.reading]),
                w.HTML(assumptions_table()),
            ],
            titles=("Kanalen", "Besparing per hefboom", "Kasstroom", "Gevoeligheid", "Aannames en bronnen"),
        )
        self.tabs.add_class("oc-tabs")
        ready = w.HTML("")
        ready.add_class("oc-ready")
        head = w.HTML(
            "<h2 style='margin:4px 0'>Kanaalmix &amp; businesscase</h2><p style='margin:0 0 8px'>"
            "Wat levert een andere kanaalmix uw gemeente op, wanneer verdient het zich terug en hoe zeker "
            "is dat? Waarden met <b>aanname</b> hebben geen Nederlandse bron: controleer ze voor uw "
            "gemeente (tab <i>Aannames en bronnen</i>).</p>"
        )
        return w.VBox(
            [
                head,
                self.message,
                w.HBox([inputs, w.VBox([self.kpis, self.tabs], layout=w.Layout(flex="1", min_width="640px"))]),
                ready,
            ]
        )

    def _wire(self) -> None:
        sliders = [
            self.reach,
            self.adoption,
            self.residual,
            self.repeat,
            self.phone_cost,
            self.rate,
            self.investment,
            self.recurring,
            self.horizon,
            self.discount,
            self.ramp_years,
            *(row.share for row in self.shifts),
        ]
        for s in sliders:
            s.slider.observe(self._changed, "value")
        for widget in (
            self.method,
            self.basis,
            self.name,
            *(x for row in self.shifts for x in (row.frm, row.to, row.reason)),
        ):
            widget.observe(self._changed, "value")
        self.gemeente.observe(self._gemeente_changed, "value")
        for c, box in self.volume_inputs.items():
            box.observe(lambda ch, c=c: self._volume_typed(c, ch["new"]), "value")
        self.estimate.on_click(lambda _: self._reestimate())
        self.keep.on_click(lambda _: self._keep())
        self.excel_button.on_click(lambda _: self.make_report("xlsx"))
        self.pdf_button.on_click(lambda _: self.make_report("pdf"))
        self.tabs.observe(lambda ch: self._render_tab(ch["new"]), "selected_index")

    def _changed(self, _: object = None) -> None:
        if not self._holding:
            self.recompute()

    # ------------------------------------------------------------------ volumes
    def _show_volumes(self, volumes: dict[str, float], note: str) -> None:
        self._holding = True
        try:
            for c in CHANNELS:
                self.volume_inputs[c].value = fmt.num(volumes.get(c, 0.0))
        finally:
            self._holding = False
        self.volume_note.value = f"<small>{html.escape(note)}</small>"

    def _estimate_volumes(self) -> None:
        try:
            g = find_gemeente(self.gemeente.value)
        except InputError as e:
            self._error(e)
            return
        self.volumes = None
        per = self._baseline_file().baseline().volume_per_channel
        self._show_volumes(
            per.to_dict(),
            f"Geschat: {fmt.num(int(g['population']))} inwoners (CBS 2024) x "
            "contacten per inwoner per kanaal (standaardwaarden).",
        )

    def _reestimate(self) -> None:
        self._estimate_volumes()
        self.recompute()

    def _gemeente_changed(self, _: object) -> None:
        if self._holding:
            return
        self._estimate_volumes()
        self.recompute()

    def _volume_typed(self, channel: str, text: str) -> None:
        if self._holding:
            return
        try:
            value = parse_number(text)
            value = params.SPECS["volume_per_year"].check(
                0.0 if value is None else value, f"volume_per_year.{channel}", warn=False
            )
        except (ValueError, InputError):
            self.message.value = error_html(
                f"Contacten {CHANNEL_LABELS[channel]}: '{text}' is geen geldig aantal. Typ een heel getal, "
                "bijvoorbeeld 12.500."
            )
            return
        current = self.volumes or {c: parse_number(self.volume_inputs[c].value) or 0.0 for c in CHANNELS}
        self.volumes = dict(current, **{channel: value})
        self.volume_note.value = "<small>Eigen invoer.</small>"
        self.recompute()

    def _uploaded(self, name: str, data: bytes) -> None:
        try:
            imported = read_kcc_export(data, name)
        except InputError as e:
            self._error(e)
            return
        volumes = {c: imported.volumes_per_year.get(c, 0.0) for c in CHANNELS}
        self.volumes = volumes
        notes = "; ".join(imported.notes)
        self._show_volumes(volumes, f"Ingelezen uit {name}: {imported.rows_read} rijen. {notes}".strip())
        self.recompute()

    # ------------------------------------------------------------------ snapshot
    def _baseline_file(self) -> ScenarioFile:
        g = find_gemeente(self.gemeente.value)
        cost = CostModel(
            method=self.method.value,
            top_down_eur_per_contact={"telefoon": self.phone_cost.value},
            loaded_hourly_rate_eur=self.rate.value,
        )
        return ScenarioFile(gemeente=str(g.name), volumes_per_year=self.volumes, cost=cost)

    def snapshot(self) -> ScenarioFile:
        """The current inputs as one frozen scenario file (what is saved, compared and computed)."""
        shifts = tuple(s for s in (row.shift() for row in self.shifts) if s is not None)
        scenario = Scenario(
            name=self.name.value.strip(),
            status_portal=StatusPortal(self.reach.value, self.adoption.value, self.residual.value),
            repeat_contacts=RepeatContacts(self.repeat.value),
            channel_shifts=shifts,
        )
        ramp = Ramp("s_curve", 1, self.ramp_years.value)
        case = BusinessCase(
            horizon_years=int(self.horizon.value),
            discount_rate=self.discount.value,
            savings_basis=self.basis.value,
            ramps={lv: ramp for lv in LEVER_KEYS},
            investments=(Investment("Eenmalige investering", self.investment.value),) if self.investment.value else (),
            recurring_costs=(RecurringCost("Jaarlijkse kosten", self.recurring.value),) if self.recurring.value else (),
        )
        return replace(self._baseline_file(), scenario=scenario, business_case=case)

    def apply(self, sf: ScenarioFile) -> None:
        """Set every widget from a scenario file (used when loading one)."""
        self._holding = True
        try:
            g = find_gemeente(sf.gemeente) if sf.gemeente else None
            if g is not None:
                self.gemeente.value = str(g["name"])
            s, case = sf.scenario, sf.business_case
            self.name.value = s.name
            self.reach.value, self.adoption.value = s.status_portal.reach_share, s.status_portal.adoption_share
            self.residual.value = s.status_portal.residual_contact_share
            self.repeat.value = s.repeat_contacts.reduction_share
            for row, shift in zip(self.shifts, [*s.channel_shifts, None, None]):
                row.set(shift)
            self.method.value = sf.cost.method
            self.phone_cost.value = sf.cost.top_down_eur_per_contact["telefoon"]
            self.rate.value = sf.cost.loaded_hourly_rate_eur
            self.investment.value = sum(i.amount_eur for i in case.investments)
            self.recurring.value = sum(c.amount_eur_per_year for c in case.recurring_costs)
            self.horizon.value, self.discount.value = case.horizon_years, case.discount_rate
            self.ramp_years.value = case.ramps["status_portal"].years_to_full
            self.basis.value = case.savings_basis
        finally:
            self._holding = False
        if sf.volumes_per_year is not None:
            self.volumes = {c: float(sf.volumes_per_year.get(c, 0.0)) for c in CHANNELS}
            self._show_volumes(self.volumes, "Uit het scenariobestand.")
        else:
            self._estimate_volumes()
        self.recompute()

    # ------------------------------------------------------------------ compute and render
    def _error(self, e: InputError) -> None:
        self.message.value = error_html(e.message_nl)

    def recompute(self) -> None:
        try:
            sf = self.snapshot()
            base = sf.baseline()
            result = evaluate(base, sf.scenario)
            bc = run_business_case(base, sf.scenario, sf.business_case)
            sim = simulate(base, sf.scenario, sf.business_case, draws=DASHBOARD_DRAWS, seed=DASHBOARD_SEED)
            tor = tornado(base, sf.scenario, sf.business_case)
        except InputError as e:
            self._error(e)
            return
        self.message.value = ""
        self.result, self.business_case, self.simulation, self.sensitivity = result, bc, sim, tor
        self.download.value = _download_link(sf)  # before the KPIs: when they show, the file is current
        self._render_kpis(sf, result, bc, sim)
        self._stale = {0, 1, 2, 3}
        self._render_tab(self.tabs.selected_index)
        self.reading.value = f"<p>{html.escape(tor.reading_nl())}</p>"
        self.cost_table.value = _cost_table(base)
        self.years_table.value = _years_table(bc)

    def _render_tab(self, index: int | None) -> None:
        """Draw the charts of the visible tab only; the others are drawn when they are opened."""
        if index not in self._stale or not hasattr(self, "result"):
            return
        self._stale.discard(index)
        r, bc = self.result, self.business_case
        if index == 0:
            pc = r.per_channel
            self.images["volumes"].value = charts.png(
                charts.channel_bars(
                    pc["volume_before_per_year"], pc["volume_after_per_year"], "Contacten per kanaal per jaar", False
                )
            )
            self.images["costs"].value = charts.png(
                charts.channel_bars(
                    pc["cost_before_eur_per_year"], pc["cost_after_eur_per_year"], "Kosten per kanaal per jaar", True
                )
            )
        elif index == 1:
            self.images["waterfall"].value = charts.png(
                charts.waterfall(r.cost_before_eur_per_year, r.per_lever["saving_eur_per_year"].to_numpy())
            )
        elif index == 2:
            band = self.simulation.cumulative_percentiles
            self.images["cashflow"].value = charts.png(
                charts.cash_flow(
                    bc.years["cumulative_eur"].to_numpy(),
                    band["P10"].to_numpy(),
                    band["P90"].to_numpy(),
                    bc.payback.year,
                )
            )
        elif index == 3:
            self.images["tornado"].value = charts.png(
                charts.tornado(self.sensitivity.table, self.sensitivity.base_npv_eur)
            )

    def _render_kpis(self, sf: ScenarioFile, result: Result, bc: BusinessCaseResult, sim: Simulation) -> None:
        y = bc.years
        full = y["savings_used_eur"].iloc[-1]
        p = sim.percentiles
        payback = bc.payback.text_nl
        if sf.business_case.savings_basis == "theoretical":
            saving_note = "theoretisch: elk vermeden contact bespaart de volle kosten per contact"
        else:
            saving_note = f"realiseerbaar bij volle werking; theoretisch {fmt.eur(result.saving_eur_per_year)}"
            if y["realisable_capped"].iloc[-1]:
                saving_note += (
                    " — begrensd op theoretisch: de bezetting (Erlang C) is duurder dan de kosten per "
                    "contact aangeven; controleer die of kies bottom-up"
                )
        cards = [
            (
                "Besparing per jaar",
                fmt.eur(full),
                "oc-kpi-saving",
                saving_note,
            ),
            (
                "Netto contante waarde",
                fmt.eur(bc.npv_eur),
                "oc-kpi-npv",
                f"P10 {fmt.eur(p.loc['npv_eur', 'P10'])} – P90 {fmt.eur(p.loc['npv_eur', 'P90'])}",
            ),
            (
                "Terugverdientijd",
                payback,
                "oc-kpi-payback",
                f"kans binnen {bc.case.horizon_years} jaar: {fmt.pct(sim.probability_of_payback, 0)}",
            ),
            (
                "Formatie vrij",
                f"{fmt.num(y['fte_released'].iloc[-1], 1)} fte",
                "oc-kpi-fte",
                f"werklast nu {fmt.num(y['fte_workload'].iloc[0], 1)} fte",
            ),
        ]
        self.kpis.value = (
            "<div style='display:flex;gap:10px;flex-wrap:wrap'>"
            + "".join(
                f"<div style='border:1px solid #ccd;border-radius:6px;padding:8px 12px;min-width:150px'>"
                f"<div style='font-size:12px;color:#555'>{t}</div><div class='{css}' style='font-size:22px;"
                f"font-weight:bold'>{v}</div><div style='font-size:11px;color:#666'>{html.escape(sub)}</div></div>"
                for t, v, css, sub in cards
            )
            + "</div>"
            + (
                f"<p style='font-size:11px;color:#666'>{html.escape(bc.timing_convention)} Onzekerheid: "
                f"{fmt.num(sim.draws)} trekkingen, seed {sim.seed}.</p>"
            )
        )

    def _keep(self) -> None:
        sf = self.snapshot()
        bc = self.business_case
        name = sf.scenario.name or f"Scenario {len(self.compare) + 1}"
        row = {
            "Gemeente": self.gemeente.value,
            "Besparing per jaar": fmt.eur(bc.years["savings_used_eur"].iloc[-1]),
            "Netto contante waarde": fmt.eur(bc.npv_eur),
            "Terugverdientijd": bc.payback.text_nl,
            "Formatie vrij": f"{fmt.num(bc.years['fte_released'].iloc[-1], 1)} fte",
            "Bereik / adoptie": f"{fmt.pct(sf.scenario.status_portal.reach_share, 0)} / "
            f"{fmt.pct(sf.scenario.status_portal.adoption_share, 0)}",
        }
        self.compare = (self.compare + [(name, row)])[-3:]
        keys = list(row)
        head = "".join(f"<th style='padding:4px 8px'>{html.escape(n)}</th>" for n, _ in self.compare)
        body = "".join(
            "<tr><td style='padding:4px 8px'>"
            + html.escape(k)
            + "</td>"
            + "".join(f"<td style='padding:4px 8px;text-align:right'>{html.escape(r[k])}</td>" for _, r in self.compare)
            + "</tr>"
            for k in keys
        )
        self.compare_table.value = f"<table><tr><th></th>{head}</tr>{body}</table>"

    def make_report(self, kind: str) -> None:
        """Build an Excel or PDF report of the current inputs and offer it as a download link."""
        from concurrent.futures import ThreadPoolExecutor

        from ..analysis import analyse
        from ..report.excel import to_xlsx
        from ..report.pdf import PdfError, to_pdf

        buttons = (self.excel_button, self.pdf_button)
        for b in buttons:
            b.disabled = True
        self.report_link.value = "<i>Rapport wordt gemaakt …</i>"
        try:
            report = analyse(self.snapshot(), draws=DASHBOARD_DRAWS, seed=DASHBOARD_SEED)
            if kind == "xlsx":
                data, mime = to_xlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            else:  # Playwright's sync API needs a thread without the kernel's event loop
                with ThreadPoolExecutor(1) as pool:
                    data, mime = pool.submit(to_pdf, report).result(timeout=120), "application/pdf"
            self.report_link.value = data_link(
                data,
                mime,
                f"{report.file_stem()}.{kind}",
                f"Download {'Excel' if kind == 'xlsx' else 'PDF'}-rapport",
                f"oc-report-{kind}",
            )
        except InputError as e:
            self.report_link.value = ""
            self._error(e)
        except PdfError as e:
            self.report_link.value = error_html(e.message_nl)
        finally:
            for b in buttons:
                b.disabled = False

    def _loaded(self, name: str, data: bytes) -> None:
        try:
            sf = read_scenario(data.decode("utf-8"))
        except UnicodeDecodeError:
            self.message.value = error_html(f"{name} is geen tekstbestand (UTF-8); kies een .toml-scenario.")
            return
        except InputError as e:
            self._error(e)
            return
        self.apply(sf)


def _cost_table(base: Baseline) -> str:
    t = base.cost.table()
    rows = "".join(
        f"<tr><td>{html.escape(r.label_nl)}</td><td style='text-align:right'>{fmt.eur(r.top_down_eur_per_contact, 2)}"
        f"</td><td style='text-align:right'>{fmt.eur(r.bottom_up_eur_per_contact, 2)}</td></tr>"
        for r in t.itertuples()
    )
    return (
        "<table style='font-size:12px'><tr><th>Kanaal</th><th>Top-down</th><th>Bottom-up</th></tr>"
        f"{rows}</table><small>Bottom-up = afhandeltijd x uurtarief / productief aandeel + overhead.</small>"
    )


def _years_table(bc: BusinessCaseResult) -> str:
    y = bc.years
    rows = "".join(
        f"<tr><td>{t}</td><td style='text-align:right'>{fmt.eur(r.theoretical_saving_eur)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.realisable_saving_eur)}</td>"
        f"<td style='text-align:right'>{fmt.num(r.fte_released, 1)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.investment_eur + r.recurring_cost_eur)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.net_cash_flow_eur)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.cumulative_eur)}</td></tr>"
        for t, r in zip(y.index, y.itertuples())
    )
    return (
        "<table style='font-size:12px'><tr><th>Jaar</th><th>Besparing theoretisch</th>"
        "<th>Besparing realiseerbaar</th><th>Fte vrij</th><th>Kosten</th><th>Netto</th><th>Cumulatief</th></tr>"
        f"{rows}</table>"
    )


def data_link(data: bytes, mime: str, filename: str, label: str, css: str) -> str:
    """A download link holding the file itself (no file on the server, nothing shared between users)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f"<a download='{html.escape(filename, quote=True)}' href='data:{mime};base64,{encoded}' class='{css}' "
        f"style='font-weight:bold'>⬇ {html.escape(label)}</a>"
    )


def _download_link(sf: ScenarioFile) -> str:
    who = str(find_gemeente(sf.gemeente)["name"]) if sf.gemeente else "scenario"
    name = "".join(ch if ch.isalnum() else "-" for ch in who).strip("-")
    return data_link(
        dump_scenario(sf).encode("utf-8"),
        "application/toml",
        f"omnicalc_{name}_{date.today():%Y-%m-%d}.toml",
        "Download scenario (.toml)",
        "oc-download-link",
    )


def build_app(gemeente: str = "Utrecht") -> w.Widget:
    """The dashboard's root widget."""
    return KanaalmixApp(gemeente).widget


__all__ = ["KanaalmixApp", "build_app"]
