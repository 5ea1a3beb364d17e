"""Dashboard "Kanaalmix & businesscase" for financial advisors.

The scenario file is the state: the app holds it as a TOML document
(:class:`~omnicalc.scenario_doc.ScenarioDocument`) and every widget is bound to one path in
it. A widget writes into the document only when the user changes it; :meth:`KanaalmixApp.apply`
sets the widgets from a document without writing back. What is computed is
``read_scenario(document.text)`` — what ``omnicalc evaluate`` computes for the same file — and
what is saved is the document's text: a loaded file saved unchanged gives the same bytes.
Inputs without a widget are kept, and listed read-only. Every callback runs behind
:func:`~omnicalc.ui.widgets.guarded`: errors are shown in Dutch, never lost.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any

import ipywidgets as w

from .. import charts, fmt, limits, params
from ..analysis import DEFAULT_DRAWS, Analysis, analyse
from ..bbv import mkba_vs_bbv_nl
from ..business_case import BusinessCaseResult, Ramp, resident_cost_sentence_nl
from ..compare import Comparison, compare
from ..domain import CHANNEL_LABELS, CHANNELS, REASON_LABELS, REASONS, SEGMENT_LABELS, SEGMENTS
from ..errors import InputError
from ..fmt import parse_number
from ..gemeenten import find_gemeente, gemeenten
from ..headline import claim_label_nl
from ..kcc_import import MAX_BYTES, read_kcc_export
from ..levers import LEVER_KEYS, LEVERS
from ..model import Baseline, ChannelShift, Result, Scenario, status_share
from ..plausibility import input_advice_nl, iv3_check
from ..presets import (
    INVESTMENT_LABEL,
    RECURRING_LABEL,
    STANDARD_INVESTMENT_EUR,
    STANDARD_RECURRING_EUR,
    claim_scenario_file,
    standard_portal,
    standard_scenario_file,
)
from ..registrations import WEEKDAYS_NL, Measured, default_rules, own_rules, read_registrations
from ..report.html import PARTS_NL
from ..scenario_doc import ScenarioDocument
from ..scenario_file import ScenarioFile, dump_scenario
from ..uncertainty import DEFAULT_SEED
from ..workforce import ArrivalProfile, parse_opening_hours
from . import vega
from .a11y import PageHelper
from .layout import page_style
from .mapping import SubjectMapping
from .readonly import readonly_html
from .upload import Upload
from .widgets import (
    FieldErrors,
    NumberField,
    SpecSlider,
    assumptions_table,
    coalesced,
    data_link,
    error_html,
    flush,
    guarded,
    inputs_table,
    read_typed,
)

#: The scenario upload's cap: the scenario reader's own limit (a file of more bytes has more characters only
#: when it is not ASCII; a real one is a few kB).
SCENARIO_MAX_BYTES = limits.SCENARIO_CHARS.value

#: Draws and seed of every analysis: the same on screen, in its reports and in the CLI.
DASHBOARD_DRAWS = DEFAULT_DRAWS
DASHBOARD_SEED = DEFAULT_SEED
SHIFT_DEFAULTS = (("telefoon", "webformulier", "aanvraag"), ("balie", "webformulier", "aanvraag"))
SHIFT_FIELDS = ("from_channel", "to_channel", "reason", "share")
VOLUMES = "baseline.volumes_per_year"
#: The error lines of the two file buttons (an error there is about the file, not about one field).
KCC, SCENARIO, REGISTRATIONS = "kcc_export", "scenario_file", "registrations"
#: The kept scenarios' list in the scenario file (``[[kept]]``), and its error line.
KEPT = "kept"
#: The privacy rule of the registration upload, on screen (AVG; docs/eigen_data.md).
PRIVACY_NL = "Klant- en zaaknummers gebruiken we alleen om herhaalcontact te tellen; ze worden niet opgeslagen."
#: The dashboard's cap on a registration export: one websocket message (notebooks/voila.json allows 50 MiB);
#: larger exports via ``omnicalc registraties`` (limits.REGISTRATION_BYTES).
REGISTRATION_UPLOAD_BYTES = limits.FILE_BYTES.value
#: Lists that one slider stands for (its first item; locked when there are several), and a new item's label.
INVESTMENTS, RECURRING = "business_case.investments", "business_case.recurring_costs"
#: Levers with a section of their own on this screen; every other registered lever gets a generated section.
HANDMADE = {"status_portal", "repeat_contacts", "channel_shifts"}
#: The opening hours' path in the scenario file, and that of a weekly profile of its own.
OPENING = "business_case.staffing.opening_hours"
PROFILE = "business_case.staffing.profile_shares"

#: Simple bindings: widget attribute -> path in the scenario file.
SIMPLE = {
    "reach": "status_portal.reach_share",
    "adoption": "status_portal.adoption_share",
    "residual": "status_portal.residual_contact_share",
    "repeat": "repeat_contacts.reduction_share",
    "method": "cost.method",
    "phone_cost": "cost.top_down_eur_per_contact.telefoon",
    "rate": "cost.loaded_hourly_rate_eur",
    "discount": "business_case.discount_rate",
    "basis": "business_case.savings_basis",
    "release": "business_case.release_mode",
    "headline": "headline_view",
    "salary": "business_case.staffing.salary_eur_per_month",
    "productive": "cost.productive_share",
    "attrition": "business_case.staffing.attrition_share",
    "friction": "business_case.staffing.friction_eur_per_fte",
}
#: "Meer aannames": per channel, the inputs the tornado ranks high (column label, path, parameter).
MORE_COLUMNS = (
    ("Kosten per contact (€)", "cost.top_down_eur_per_contact", "cost_eur_per_contact"),
    ("Afhandeltijd (seconden)", "cost.handling_time_seconds", "handling_time_seconds"),
    ("Variabel kostenaandeel (%)", "cost.variable_cost_share", "variable_cost_share"),
    ("Aandeel statusvragen (%)", "baseline.status_question_share", "reason_share"),
    ("Herhaalcontact (%)", "baseline.repeat_contact_share", "repeat_contact_share"),
)
FLOORS = "segments.assisted_floor_share"
#: Uncertain inputs that are not in the file (a factor on an estimate) and the control that sets what they vary.
ALIASES = {
    **{f"baseline.volume_factor.{c}": f"{VOLUMES}.{c}" for c in CHANNELS},
    "baseline.status_question_factor": "baseline.status_question_share.telefoon",
}
#: The number of changes "Ongedaan maken" can take back.
UNDO_DEPTH = 50


def fresh_document(gemeente: str = "Utrecht") -> ScenarioDocument:
    """The document of a fresh dashboard: the standard scenario (:func:`omnicalc.presets.standard_scenario_file`)."""
    return ScenarioDocument.from_scenario_file(standard_scenario_file(gemeente))


def _label(text: str, width: str = "180px") -> w.HTML:
    return w.HTML(f"<span style='display:inline-block;width:{width}'>{html.escape(text)}</span>")


def inclusion_note(css: str) -> w.HTML:
    """An empty line for a lever's inclusion note (what the rules kept where it was), shown next to its inputs."""
    note = w.HTML("", layout=w.Layout(width="540px"))
    note.add_class(css)
    return note


def show_note(widget: w.HTML, text: str) -> None:
    widget.value = (
        f"<div role='status' style='font-size:12px;color:#7a4a00;background:#fff4d6;padding:3px 6px;"
        f"border-radius:4px'>{html.escape(text)}</div>"
        if text
        else ""
    )


class ShiftRow(w.HBox):
    """One channel shift: from, to, reason and share; ``index`` is its item in ``channel_shifts``
    (None: not in the file yet; moving the share above 0 adds it)."""

    def __init__(self, k: int, frm: str, to: str, reason: str | None) -> None:
        options = [(CHANNEL_LABELS[c], c) for c in CHANNELS]
        self.defaults = (frm, to, reason)
        self.index: int | None = None
        self.frm = w.Dropdown(options=options, value=frm, layout=w.Layout(width="150px"))
        self.to = w.Dropdown(options=options, value=to, layout=w.Layout(width="190px"))
        self.reason = w.Dropdown(
            options=[("Alle redenen", None)] + [(REASON_LABELS[r], r) for r in REASONS],
            value=reason,
            layout=w.Layout(width="160px"),
        )
        self.share = SpecSlider("shift_share", 0.0, f"oc-shift-{k}", description=f"Verschuiving {k + 1}")
        self.note = inclusion_note(f"oc-shift-note-{k}")  # what the inclusion rules kept, next to the input
        super().__init__([w.VBox([self.share, w.HBox([self.frm, w.HTML("→"), self.to, self.reason]), self.note])])

    def fields(self) -> dict[str, Any]:
        return {"from_channel": self.frm.value, "to_channel": self.to.value, "reason": self.reason.value}

    def show(self, s: ChannelShift | None, index: int | None) -> None:
        """Show a shift of the file (or the row's defaults with share 0); the caller holds the writes."""
        self.index = index
        frm, to, reason = (s.from_channel, s.to_channel, s.reason) if s is not None else self.defaults
        self.frm.value, self.to.value, self.reason.value = frm, to, reason
        self.share.show(s.share if s is not None else 0.0)


class KanaalmixApp:
    """Choose a gemeente, tune the levers, read savings, NPV, payback and FTE, with their uncertainty."""

    def __init__(self, gemeente: str = "Utrecht") -> None:
        self._holding = False
        self.doc = fresh_document(gemeente)
        self._volume_source: str | None = None  # where volumes in the file came from, for the note
        self.field_errors = FieldErrors()  # an error is shown next to the field it is about
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
        # -- the question before a new gemeente replaces the user's own volumes (never without asking)
        self._pending_gemeente: str | None = None
        self.question = w.HTML()
        self.keep_volumes = w.Button(description="Eigen aantallen houden", layout=w.Layout(width="auto"))
        self.keep_volumes.add_class("oc-keep-volumes")
        self.replace_volumes = w.Button(description="Schatten voor de nieuwe gemeente", layout=w.Layout(width="auto"))
        self.replace_volumes.add_class("oc-replace-volumes")
        self.ask = w.VBox(
            [self.question, w.HBox([self.keep_volumes, self.replace_volumes])], layout=w.Layout(display="none")
        )
        self.ask.add_class("oc-gemeente-question")
        # -- invalid inputs: shown next to their field; while there is one the results are marked niet bijgewerkt
        self._invalid: dict[str, str] = {}
        # -- undo of the last change, and back to the standard values
        self._history: list[tuple[str, str | None]] = []
        self._last: tuple[str, str | None] | None = None
        self.undo = w.Button(description="Ongedaan maken", icon="undo", disabled=True, layout=w.Layout(width="auto"))
        self.undo.add_class("oc-undo")
        self.reset = w.Button(
            description="Standaardwaarden herstellen",
            icon="refresh",
            tooltip="Alle invoer terug naar het standaardscenario voor deze gemeente (ook ingelezen aantallen); "
            "met Ongedaan maken komt de vorige invoer terug.",
            layout=w.Layout(width="auto"),
        )
        self.reset.add_class("oc-reset")
        self.name = w.Text(
            value="Statusportaal",
            description="Naam scenario",
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.volume_inputs = {
            c: w.Text(
                description=CHANNEL_LABELS[c],
                tooltip=f"Contacten per jaar via {CHANNEL_LABELS[c].lower()}",
                style={"description_width": "200px"},
                layout=w.Layout(width="330px"),
                continuous_update=False,
            )
            for c in CHANNELS
        }
        for c, box in self.volume_inputs.items():
            box.add_class(f"oc-volume-{c}")
        self._shown_volume: dict[str, str] = {}  # the volume in effect per channel, as shown
        self.volume_note = w.HTML()
        self.volume_note.add_class("oc-volume-note")
        self.iv3 = w.HTML()
        self.iv3.add_class("oc-iv3")
        self.estimate = w.Button(
            description="Schat uit inwoners",
            icon="calculator",
            tooltip=("Contacten per inwoner (gepubliceerde volumes van zes gemeenten) x inwoners (CBS 2024)"),
        )
        self.upload = Upload(
            "KCC-export laden", ".csv,.xlsx,.txt", MAX_BYTES, self._uploaded, partial(self._error, near=KCC)
        )
        self.upload.add_class("oc-upload")
        # -- own data: a registration export, measured, then used in the scenario
        self.measured: Measured | None = None
        self.registrations = Upload(
            "Registraties laden",
            ".csv,.tsv,.txt,.xlsx",
            REGISTRATION_UPLOAD_BYTES,
            self._registrations_read,
            partial(self._error, near=REGISTRATIONS),
        )
        self.registrations.add_class("oc-registrations")
        self.measured_card = w.HTML()
        self.measured_card.add_class("oc-measured")
        self.use_measured = w.Button(
            description="Gebruik in scenario", icon="check", disabled=True, layout=w.Layout(width="auto")
        )
        self.use_measured.add_class("oc-use-measured")
        self._registration: tuple[str, bytes] | None = None  # the file, to measure again with the user's mapping
        self.mapping = SubjectMapping(self._remeasure)
        self._plain_tooltips: dict[str, str] = {}  # a Meer-aannames field's tooltip before "gemeten" was added
        # -- levers
        portal = standard_portal()
        self.reach = SpecSlider("reach_share", portal.reach_share, "oc-reach")
        self.adoption = SpecSlider("adoption_share", portal.adoption_share, "oc-adoption")
        self.residual = SpecSlider("residual_contact_share", portal.residual_contact_share, "oc-residual")
        self.repeat = SpecSlider("reduction_share", 0.0, "oc-repeat")
        # -- named starting points (omnicalc.presets): the pilot's claim, and back to the standard scenario
        self.claim_preset = w.Button(description="Voorinstelling: claim uit de pilot", layout=w.Layout(width="auto"))
        self.claim_preset.add_class("oc-claim-preset")
        self.standard_preset = w.Button(description="Standaardscenario", layout=w.Layout(width="auto"))
        self.standard_preset.add_class("oc-standard-preset")
        self.preset_note = w.HTML(f"<small>{html.escape(claim_label_nl())}.</small>")
        self.preset_note.add_class("oc-preset-note")
        # every registered lever without a section of its own above gets one, from its declarations
        self.lever_sliders: dict[str, SpecSlider] = {
            i.path: SpecSlider(
                i.spec, i.value, "oc-" + i.path.replace(".", "-").replace("_", "-"), description=i.label_nl
            )
            for lv in LEVERS
            if lv.section not in HANDMADE
            for i in lv.inputs(lv.default())
        }
        self.shifts = [ShiftRow(k, *d) for k, d in enumerate(SHIFT_DEFAULTS)]
        self.lever_notes = {
            lv.key: inclusion_note("oc-note-" + lv.key.replace("_", "-"))
            for lv in LEVERS
            if lv.key == "status_portal" or lv.section not in HANDMADE
        }
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
        # -- "Meer aannames": every input the tornado can rank in its top 8 has a control here or above
        self.more_fields: dict[str, NumberField] = {
            f"{path}.{c}": NumberField(
                spec, f"{label.split(' (')[0]} – {CHANNEL_LABELS[c]}", f"oc-more-{path.split('.')[-1]}-{c}", "78px"
            )
            for c in CHANNELS
            for label, path, spec in MORE_COLUMNS
        }
        self.salary = SpecSlider(
            "salary_eur_per_month",
            params.default_value("salary_eur_per_month"),
            "oc-salary",
            source=("salary_eur_per_month",),
        )
        self.productive = SpecSlider(
            "productive_share", params.default_value("productive_share"), "oc-productive", source=("productive_share",)
        )
        self.attrition = SpecSlider(
            "attrition_share", params.default_value("attrition_share"), "oc-attrition", source=("attrition_share",)
        )
        self.friction = SpecSlider(
            "friction_eur_per_fte",
            params.default_value("friction_eur_per_fte"),
            "oc-friction",
            source=("friction_eur_per_fte",),
        )
        self.floor_sliders = {
            f"{FLOORS}.{sg}": SpecSlider(
                "assisted_floor_share",
                params.default_value("assisted_floor_share", segment=sg),
                f"oc-floor-{sg}",
                description=f"Inclusievloer – {SEGMENT_LABELS[sg]}",
                source=("assisted_floor_share", "", "", sg),
            )
            for sg in SEGMENTS
        }
        # -- case
        self.investment = SpecSlider("investment_eur", STANDARD_INVESTMENT_EUR, "oc-investment", example=True)
        self.recurring = SpecSlider("recurring_cost_eur_per_year", STANDARD_RECURRING_EUR, "oc-recurring", example=True)
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
        self.release = w.ToggleButtons(
            options=[("Bezuinigen", "bezuinigen"), ("Herinzetten", "herinzetten")],
            value="bezuinigen",
            description="Vrijgespeelde capaciteit",
            tooltips=[
                "Afgebouwde formatie wordt een budgetverlaging",
                "Medewerkers blijven en doen ander werk; vermeden werving, geen kasbesparing",
            ],
            style={"description_width": "180px", "button_width": "110px"},
        )
        self.headline = w.ToggleButtons(
            options=[("MKBA", "mkba"), ("Meerjarenraming (BBV)", "bbv")],
            value="mkba",
            description="Kop van het dashboard",
            tooltips=[
                "Maatschappelijke waarde: netto contante waarde, reëel, discontovoet 2,25%",
                "Begroting: budgettair saldo per jaarschijf, nominaal, met kapitaallasten",
            ],
            style={"description_width": "180px", "button_width": "160px"},
        )
        self.headline.add_class("oc-headline")
        self.bbv_table = w.HTML()
        self.bbv_table.add_class("oc-bbv")
        self.opening_hours = w.Text(
            value=ArrivalProfile.standard().opening_hours,
            description="Openingstijden telefoon en chat",
            placeholder="bijv. ma/di/do 09:00-17:00; wo/vr 09:00-13:00",
            continuous_update=False,
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.opening_hours.add_class("oc-opening-hours")
        # -- outputs
        self.kpis = w.HTML()
        # how the numbers are computed (discounting, the simulation's draws and seed): for who wants to know
        self.about = w.HTML()
        self.about.add_class("oc-about-text")
        self.about_box = w.Accordion([self.about], titles=("Over de berekening",), selected_index=None)
        self.about_box.add_class("oc-about")
        self.kpis.add_class("oc-kpis")
        self.message = w.HTML()
        self.message.add_class("oc-message")
        self.readonly = w.HTML()
        self.readonly.add_class("oc-readonly-list")
        self.reading = w.HTML()
        self.reading.add_class("oc-reading")
        # charts drawn in the browser (Vega-Lite): made once, afterwards only their data rows change
        self.charts, self.summaries = {}, {}
        for key in ("volumes", "costs", "waterfall", "cashflow", "tornado"):
            self.charts[key], self.summaries[key] = vega.chart_widget(f"oc-chart-{key}")
        self._stale: set[int] = set()
        self.years_table = w.HTML()
        self.residents_table = w.HTML()
        self.residents_table.add_class("oc-residents")
        self.inputs_table = w.HTML()
        # -- scenarios: compare, save, load
        self.keep = w.Button(description="Bewaar in vergelijking", icon="plus")
        self.calibrate = w.Button(
            description="Kalibreer de kosten per contact op de bezetting",
            tooltip="Zet het vaste deel van de kosten per contact zo dat het gelijk is aan de kosten van de bezetting",
            layout=w.Layout(width="auto", display="none"),
        )
        self.calibrate.add_class("oc-calibrate")
        self.keep.add_class("oc-keep")
        self.compare_table = w.HTML()
        self.compare_table.add_class("oc-compare")
        # a kept scenario: choose it, rename or remove it (the kept scenarios are part of the scenario file)
        self.kept_choice = w.Dropdown(description="Bewaard", options=[], layout=w.Layout(width="230px"))
        self.kept_choice.add_class("oc-kept-choice")
        self.kept_name = w.Text(placeholder="Nieuwe naam", layout=w.Layout(width="150px"))
        self.kept_name.add_class("oc-kept-name")
        self.kept_rename = w.Button(description="Hernoem", tooltip="Geef het gekozen bewaarde scenario deze naam")
        self.kept_rename.add_class("oc-kept-rename")
        self.kept_drop = w.Button(description="Verwijder", icon="trash", tooltip="Verwijder het gekozen scenario")
        self.kept_drop.add_class("oc-kept-drop")
        self.kept_controls = w.HBox([self.kept_choice, self.kept_name, self.kept_rename, self.kept_drop])
        self.download = w.HTML()
        self.download.add_class("oc-download")
        self.load = Upload(
            "Scenario laden", ".toml", SCENARIO_MAX_BYTES, self._loaded, partial(self._error, near=SCENARIO)
        )
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
        self.report_parts = {  # what goes into the PDF/HTML report beside its fixed parts
            key: w.Checkbox(value=True, description=text, indent=False, layout=w.Layout(width="auto"))
            for key, text in PARTS_NL.items()
        }
        for key, box in self.report_parts.items():
            box.add_class(f"oc-report-part-{key}")
        self.load.add_class("oc-load")
        self.phone_cost.advise = partial(input_advice_nl, "cost_eur_per_contact", channel="telefoon")
        self.discount.advise = partial(input_advice_nl, "discount_rate")
        self.widget = self._layout()
        self._wire()
        self.apply(self.doc)

    # ------------------------------------------------------------------ layout
    def _layout(self) -> w.Widget:
        volumes = w.VBox(
            [w.HTML("<small>Contacten per jaar, per kanaal:</small>"), *(self.volume_inputs[c] for c in CHANNELS)]
        )
        more = w.GridBox(
            [
                w.HTML("<small><b>Kanaal</b></small>"),
                *(w.HTML(f"<small><b>{html.escape(label)}</b></small>") for label, _, _ in MORE_COLUMNS),
                *(
                    x
                    for c in CHANNELS
                    for x in (
                        _label(CHANNEL_LABELS[c], "120px"),
                        *(self.more_fields[f"{path}.{c}"] for _, path, _ in MORE_COLUMNS),
                    )
                ),
            ],
            layout=w.Layout(grid_template_columns="125px repeat(5, 82px)", grid_gap="2px 4px"),
        )
        more.add_class("oc-more-grid")
        more_section = w.VBox(
            [
                w.HTML(
                    "<small>De aannames waar de uitkomst sterk van afhangt (tab <i>Gevoeligheid</i>). Typ de waarden "
                    "van uw gemeente; percentages als 15 of 15%. Kosten per contact tellen bij de methode top-down, "
                    "de afhandeltijd bij bottom-up en in de bezetting. Groen omrand: <b>gemeten</b> in uw eigen "
                    "registratie (de bron staat bij het veld).</small>"
                ),
                more,
                *(f.error for f in self.more_fields.values()),
                self.salary,
                self.productive,
                self.attrition,
                self.friction,
                *self.floor_sliders.values(),
            ]
        )
        inputs = w.Accordion(
            children=[
                w.VBox(
                    [
                        self.name,
                        volumes,
                        self.field_errors.line(VOLUMES),
                        self.volume_note,
                        self.iv3,
                        w.HBox([self.estimate, self.upload]),
                        self.field_errors.line(KCC),
                    ]
                ),
                w.VBox(
                    [
                        w.HTML(
                            "<small>Een export van uw contactregistratie, een rij per contact (CSV of XLSX, tot "
                            f"{fmt.num(REGISTRATION_UPLOAD_BYTES / 2**20, 0)} MB; groter: <code>omnicalc registraties"
                            f"</code>). {html.escape(PRIVACY_NL)}</small>"
                        ),
                        self.registrations,
                        self.field_errors.line(REGISTRATIONS),
                        self.measured_card,
                        self.mapping,
                        self.use_measured,
                    ]
                ),
                w.VBox(
                    [
                        w.HBox([self.claim_preset, self.standard_preset]),
                        self.preset_note,
                        self.reach,
                        self.adoption,
                        self.residual,
                        self.lever_notes["status_portal"],
                    ]
                ),
                w.VBox([self.repeat, *self.shifts]),
                *(
                    w.VBox(
                        [
                            w.HTML(f"<small>{html.escape(lv.explanation_nl)}</small>"),
                            *(self.lever_sliders[i.path] for i in lv.inputs(lv.default())),
                            self.lever_notes[lv.key],
                        ]
                    )
                    for lv in LEVERS
                    if lv.section not in HANDMADE
                ),
                w.VBox([self.method, self.phone_cost, self.rate, self.cost_table, self.calibrate]),
                more_section,
                w.VBox(
                    [
                        self.investment,
                        self.recurring,
                        self.horizon,
                        self.ramp_years,
                        self.discount,
                        self.basis,
                        self.release,
                        self.headline,
                        self.opening_hours,
                        self.field_errors.line(OPENING),
                    ]
                ),
                w.VBox(
                    [
                        self.keep,
                        self.field_errors.line(KEPT),
                        self.compare_table,
                        self.kept_controls,
                        self.download,
                        self.load,
                        self.field_errors.line(SCENARIO),
                    ]
                ),
                w.VBox(
                    [
                        w.HTML(
                            "<p style='font-size:12px;margin:0 0 4px'>Het rapport van dit scenario: samenvatting in "
                            "gewone taal, meerjarenraming (BBV), netto contante waarde (MKBA), onzekerheid en de "
                            "aannames die het meest uitmaken, met een bijlage. Kies wat er verder in hoort:</p>"
                        ),
                        *self.report_parts.values(),
                        w.HBox([self.excel_button, self.pdf_button]),
                        self.report_link,
                    ]
                ),
            ],
            titles=(
                "Gemeente en volumes",
                "Eigen data",
                "Statusportaal (MijnServices)",
                "Herhaalcontact en kanaalsturing",
                *(lv.label_nl for lv in LEVERS if lv.section not in HANDMADE),
                "Kosten per contact",
                "Meer aannames",
                "Investering en looptijd",
                "Scenario's vergelijken, opslaan, laden",
                "Rapport voor de raad",
            ),
            selected_index=2,
            layout=w.Layout(width="560px"),
        )
        self.tabs = w.Tab(
            children=[
                w.VBox(
                    [
                        w.Box(  # side by side where the window is wide enough (1920 px), else one below the other
                            [
                                w.VBox(self._chart(key), layout=w.Layout(max_width="630px"))
                                for key in ("volumes", "costs")
                            ],
                            layout=w.Layout(flex_flow="row wrap", grid_gap="0 24px"),
                        ),
                        self.residents_table,
                    ]
                ),
                w.VBox(self._chart("waterfall")),
                w.VBox([*self._chart("cashflow"), self.years_table, self.bbv_table]),
                w.VBox([*self._chart("tornado"), self.reading]),
                w.VBox([self.inputs_table, w.HTML(assumptions_table())]),
            ],
            titles=("Kanalen", "Besparing per hefboom", "Kasstroom", "Gevoeligheid", "Aannames en bronnen"),
        )
        self.tabs.add_class("oc-tabs")
        ready = w.HTML("")
        ready.add_class("oc-ready")
        self.page = PageHelper("omnicalc — Kanaalmix en businesscase")
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
                w.HBox(
                    [
                        w.VBox(
                            [
                                w.HBox([self.gemeente, self.undo, self.reset], layout=w.Layout(flex_flow="row wrap")),
                                self.field_errors.line("gemeente"),
                                self.ask,
                                inputs,
                                self.readonly,
                            ],
                            layout=w.Layout(width="560px"),
                        ),
                        w.VBox([self.kpis, self.about_box, self.tabs], layout=w.Layout(flex="1", min_width="640px")),
                    ]
                ),
                ready,
                self.page,
                page_style(),
            ]
        )

    # ------------------------------------------------------------------ wiring: widget -> path
    def _wire(self) -> None:
        for path, slider in {**self.lever_sliders, **self.floor_sliders}.items():
            slider.slider.observe(partial(self._user_changed, partial(self._write, path)), "value")
        for path, number in self.more_fields.items():
            number.on_value = partial(self._typed_more, path)
        for number in self.number_fields():
            number.on_validity.append(self._validity)
        self.keep_volumes.on_click(partial(self._answer_gemeente, True))
        self.replace_volumes.on_click(partial(self._answer_gemeente, False))
        self.undo.on_click(self._undo)
        self.reset.on_click(self._reset)
        for attr, path in SIMPLE.items():
            widget = getattr(self, attr)
            target = widget.slider if isinstance(widget, SpecSlider) else widget
            target.observe(partial(self._user_changed, partial(self._write, path)), "value")
        self.horizon.slider.observe(partial(self._user_changed, self._write_horizon), "value")
        self.ramp_years.slider.observe(partial(self._user_changed, self._write_ramps), "value")
        self.investment.slider.observe(partial(self._user_changed, self._write_investment), "value")
        self.recurring.slider.observe(partial(self._user_changed, self._write_recurring), "value")
        self.name.observe(partial(self._user_changed, self._write_name), "value")
        self.opening_hours.observe(partial(self._user_changed, self._write_opening_hours), "value")
        self.gemeente.observe(partial(self._user_changed, self._write_gemeente), "value")
        for c, box in self.volume_inputs.items():
            box.observe(partial(self._user_changed, partial(self._write_volume, c)), "value")
        for row in self.shifts:
            for field, widget in zip(SHIFT_FIELDS, (row.frm, row.to, row.reason, row.share.slider)):
                widget.observe(partial(self._user_changed, partial(self._write_shift, row, field)), "value")
        self.estimate.on_click(self._reestimate)
        self.use_measured.on_click(self._use_measured)
        self.claim_preset.on_click(partial(self._preset, claim_scenario_file))
        self.standard_preset.on_click(partial(self._preset, standard_scenario_file))
        self.keep.on_click(self._keep)
        self.kept_rename.on_click(self._rename_kept)
        self.kept_drop.on_click(self._drop_kept)
        self.calibrate.on_click(self._calibrate)
        self.excel_button.on_click(partial(self.make_report, "xlsx"))
        self.pdf_button.on_click(partial(self.make_report, "pdf"))
        self.tabs.observe(self._tab_opened, "selected_index")

    @guarded
    def _user_changed(self, write: Callable[[Any], bool | None], change: dict[str, Any]) -> None:
        """A widget changed: write it into the document when the user did it (not :meth:`apply`)."""
        if self._holding:
            return
        if write(change["new"]) is not False:
            self._refresh()

    def _write(self, path: str, value: Any) -> bool:
        return self.doc.set(path, value)

    def _write_name(self, value: str) -> bool:
        return self.doc.set("name", value.strip())

    def _write_horizon(self, value: float) -> bool:
        return self.doc.set("business_case.horizon_years", int(round(value)))

    def _write_ramps(self, value: float) -> bool:
        """The one ramp slider stands for the ramps of every lever (enabled only when they are the same)."""
        if self.ramp_years.slider.disabled:
            return False
        return any([self.doc.set(f"business_case.ramps.{lv}.years_to_full", value) for lv in LEVER_KEYS])

    def _write_item(self, slider: SpecSlider, path: str, label: str, key: str, value: float) -> bool:
        """One slider for the first item of a list (a new item when there is none)."""
        if slider.slider.disabled:
            return False
        if self.doc.length(path) == 0:
            if not value:
                return False
            self.doc.append(path, {"label": label, key: value})
            return True
        return self.doc.set(f"{path}[0].{key}", value)

    def _write_investment(self, value: float) -> bool:
        return self._write_item(self.investment, INVESTMENTS, INVESTMENT_LABEL, "amount_eur", value)

    def _write_recurring(self, value: float) -> bool:
        return self._write_item(self.recurring, RECURRING, RECURRING_LABEL, "amount_eur_per_year", value)

    def _write_shift(self, row: ShiftRow, field: str, value: Any) -> bool:
        if row.index is None:  # not in the file: the row's choices stay on screen until it gets a share
            if field != "share" or not value:
                return False
            row.index = self.doc.append("channel_shifts", dict(row.fields(), share=value))
            return True
        return self.doc.set(f"channel_shifts[{row.index}].{field}", value)

    def _write_opening_hours(self, text: str) -> bool:
        """Opening hours as a gemeente publishes them; only hours that parse go into the file."""
        text = text.strip()
        standard = ArrivalProfile.standard().opening_hours
        self.doc.unmeasure(PROFILE)
        self.doc.delete(PROFILE)  # typed opening hours replace a weekly profile from the file
        if not text or text == standard:
            return bool(self.doc.delete(OPENING))
        try:
            parse_opening_hours(text, OPENING)
        except InputError as e:
            self._say(OPENING, e.message_nl)
            return False
        return self.doc.set(OPENING, text)

    def _write_gemeente(self, text: str) -> bool:
        """Only a gemeente that exists goes into the file; a new one gets volumes estimated from its population."""
        g = find_gemeente(text)  # an InputError is shown and nothing is written
        current = self.doc.get("gemeente")
        if current is not None and str(find_gemeente(str(current)).name) == str(g.name):
            return False
        if self.doc.has(VOLUMES):  # the user's own volumes (imported, measured, typed): ask first
            self._pending_gemeente = str(g["name"])
            own = (self._volume_source or "eigen invoer").rstrip(".")
            self.question.value = (
                f"<div role='alertdialog' style='background:#eef4fb;border:1px solid #9bb8d8;border-radius:4px;"
                f"padding:6px 10px;margin:4px 0'>U gebruikt eigen aantallen contacten ({html.escape(own)}). Wilt u "
                f"die houden voor {html.escape(str(g['name']))}, of de aantallen voor {html.escape(str(g['name']))} "
                "schatten uit het aantal inwoners?</div>"
            )
            self.replace_volumes.description = f"Schatten voor {g['name']}"
            self.ask.layout.display = None
            self._set_invalid("gemeente-vraag", f"Kies eerst of u de eigen aantallen houdt voor {g['name']}.")
            return False
        self._set_gemeente(str(g["name"]), keep_volumes=False)
        return True

    def _set_gemeente(self, name: str, keep_volumes: bool) -> None:
        current = self.doc.get("gemeente")
        g = find_gemeente(name)
        as_code = isinstance(current, str) and current.upper().startswith("GM")
        self.doc.set("gemeente", str(g.name) if as_code else str(g["name"]))
        if not keep_volumes:
            self.doc.unmeasure(VOLUMES)
            self.doc.delete(VOLUMES)
            self._volume_source = None

    def _close_question(self) -> None:
        self._pending_gemeente = None
        self.ask.layout.display = "none"
        self.question.value = ""
        self._set_invalid("gemeente-vraag", "")

    @guarded(near="gemeente")
    def _answer_gemeente(self, keep: bool, _: object = None) -> None:
        """The answer to the question: keep the own volumes for the new gemeente, or estimate its own."""
        name = self._pending_gemeente
        self._close_question()
        if name is None:
            return
        self._set_gemeente(name, keep_volumes=keep)
        self._refresh()

    # ------------------------------------------------------------------ invalid inputs, undo, standard values
    def number_fields(self) -> list[NumberField]:
        """Every Dutch number field of the page (of the sliders for amounts and counts, and of Meer aannames)."""
        sliders = [
            *self.lever_sliders.values(),
            *self.floor_sliders.values(),
            self.phone_cost,
            self.rate,
            self.investment,
            self.recurring,
            self.horizon,
            self.discount,
            self.ramp_years,
            self.salary,
            self.productive,
            self.attrition,
            self.friction,
        ]
        return [s.number for s in sliders if s.number is not None] + list(self.more_fields.values())

    def _validity(self, field: NumberField, message: str) -> None:
        self._set_invalid(f"field:{id(field)}", message)

    def _set_invalid(self, key: str, message: str) -> None:
        """Record (or clear, with "") an invalid input; the KPIs say *niet bijgewerkt* while there is one."""
        before = dict(self._invalid)
        if message:
            self._invalid[key] = message
        else:
            self._invalid.pop(key, None)
        if self._invalid != before and hasattr(self, "analysis"):
            self._render_kpis(self.analysis)

    @property
    def invalid(self) -> list[str]:
        """The Dutch messages of the inputs that are invalid now (their old values are still computed)."""
        return list(self._invalid.values())

    def _typed_more(self, path: str, value: float) -> None:
        """A value typed in Meer aannames, written to its one address in the file."""
        if self._holding:
            return
        status = self.doc.get("baseline.status_question_share")
        if path.startswith("baseline.status_question_share.") and isinstance(status, (int, float)):
            self.doc.set("baseline.status_question_share", dict.fromkeys(CHANNELS, float(status)))
        if self.doc.set(path, value):
            if path == "cost.top_down_eur_per_contact.telefoon":
                self._holding = True
                try:
                    self.phone_cost.show(value)
                finally:
                    self._holding = False
            self._refresh()

    @guarded
    def _undo(self, _: object = None) -> None:
        """Take back the last change of the scenario (a typed value, an upload, a loaded file ...)."""
        if not self._history:
            return
        text, source = self._history.pop()
        self._last = (text, source)
        doc = ScenarioDocument(text)
        doc.set_kept(self.snapshot().kept)  # undo takes back an input, never a kept scenario
        self._apply(doc, volume_source=source)

    @guarded
    def _reset(self, _: object = None) -> None:
        """Back to the standard scenario for the gemeente on screen (Ongedaan maken brings the inputs back)."""
        current = self.doc.get("gemeente")
        standard = standard_scenario_file(str(current) if current is not None else self.gemeente.value)
        self._apply(replace(standard, kept=self.snapshot().kept))  # the kept scenarios stay

    def _write_volume(self, channel: str, text: str) -> bool:
        """A typed volume (a whole number of contacts per year); a refused text stays with its message."""
        try:
            example = parse_number(self._shown_volume.get(channel), dutch=True)
        except ValueError:
            example = None
        value, message = read_typed(
            params.SPECS["volume_per_year"], text, f"Contacten {CHANNEL_LABELS[channel]}", example
        )
        self._set_invalid(f"volume.{channel}", message)
        if value is None:
            self._say(f"{VOLUMES}.{channel}", message)
            return False
        if not any(k.startswith("volume.") for k in self._invalid):
            self.field_errors[VOLUMES].value = ""
        self._volume_source = "Eigen invoer."
        self.doc.unmeasure(f"{VOLUMES}.{channel}")
        if self.doc.has(VOLUMES):
            self.doc.set(f"{VOLUMES}.{channel}", value)
        else:  # from estimated to typed: the other channels keep the numbers on screen
            shown = {c: parse_number(self._shown_volume[c], dutch=True) or 0.0 for c in CHANNELS}
            self.doc.set(VOLUMES, dict(shown, **{channel: value}))
        return True

    @guarded
    def _preset(self, make: Callable[[str], ScenarioFile], _: object = None) -> None:
        """A named starting point for the gemeente on screen, loaded as a scenario file is loaded."""
        current = self.doc.get("gemeente")
        made = make(str(current) if current is not None else self.gemeente.value)
        self._apply(replace(made, kept=self.snapshot().kept))  # the kept scenarios stay

    @guarded
    def _reestimate(self, _: object = None) -> None:
        self.doc.unmeasure(VOLUMES)
        self.doc.delete(VOLUMES)
        self._volume_source = None
        self._refresh()

    @guarded(near=KCC)
    def _uploaded(self, name: str, data: bytes) -> None:
        flush(self)
        shown = {str(c): float(v) for c, v in self.result.baseline.volume_per_channel.items()}
        imported = read_kcc_export(data, name, previous=shown)  # a channel not in the file keeps its number
        self.doc.unmeasure(VOLUMES)
        self.doc.set(VOLUMES, {c: float(imported.volumes_per_year.get(c, shown[c])) for c in CHANNELS})
        notes = "; ".join(imported.notes)
        self._volume_source = f"Ingelezen uit {name}: {fmt.count(imported.rows_read, 'rij', 'rijen')}. {notes}".strip()
        self._refresh()

    @guarded(near=REGISTRATIONS)
    def _registrations_read(self, name: str, data: bytes) -> None:
        """A registration export: measured and summarised; nothing in the scenario changes yet."""
        self.measured, self.use_measured.disabled = None, True
        self.field_errors[REGISTRATIONS].value = ""
        self.measured_card.value = ""
        self._registration = None
        self.mapping.reset()
        self.mapping.show(None)
        m = read_registrations(data, name)  # a refusal (row and column) is shown next to the button
        self._registration = (name, data)
        self.measured, self.use_measured.disabled = m, False
        self.measured_card.value = measured_card(m)
        self.mapping.show(m)

    @guarded(near=REGISTRATIONS)
    def _remeasure(self, mapping: dict[str, str]) -> None:
        """The same file measured again with the user's own classification before the shipped rules."""
        if self._registration is None:
            return
        name, data = self._registration
        m = read_registrations(data, name, rules=own_rules(mapping) + default_rules())
        self.measured = m
        self.measured_card.value = measured_card(m)
        self.mapping.show(m)

    @guarded(near=REGISTRATIONS)
    def _use_measured(self, _: object = None) -> None:
        """Write the measured values into the scenario, each marked *gemeten* with its file, period and rows."""
        if self.measured is None:
            return
        m = self.measured
        self.doc.apply_measured(m)
        self._volume_source = (
            f"Gemeten in {m.filename}: {fmt.count(m.rows, 'contact', 'contacten')}, {m.period_start:%d-%m-%Y} t/m "
            f"{m.period_end:%d-%m-%Y}, omgerekend naar een jaar."
        )
        self._holding = True
        try:
            self._show_inputs(self.snapshot())
        finally:
            self._holding = False
        self._refresh()

    def _refresh(self) -> None:
        now = (self.doc.text, self._volume_source)
        if self._last is not None and now[0] != self._last[0]:
            self._history = (self._history + [self._last])[-UNDO_DEPTH:]
        self._last = now
        self.undo.disabled = not self._history
        self._show_readonly()
        self.recompute()

    @property
    def volumes(self) -> dict[str, float] | None:
        """The volumes in the file (None: estimated from the population)."""
        v = self.doc.get(VOLUMES)
        return dict(v) if isinstance(v, dict) else None

    # ------------------------------------------------------------------ document -> widgets
    def snapshot(self) -> ScenarioFile:
        """What is computed, saved, compared and reported: ``read_scenario(document text)``, as the CLI reads it."""
        return self.doc.scenario_file()

    @guarded
    def apply(self, document: ScenarioDocument | ScenarioFile | str) -> None:
        """Make ``document`` the state and set every widget from it, without writing anything back."""
        self._apply(document)

    def _apply(self, document: ScenarioDocument | ScenarioFile | str, volume_source: str | None | bool = True) -> None:
        if isinstance(document, ScenarioFile):
            document = ScenarioDocument(dump_scenario(document))
        elif isinstance(document, str):
            document = ScenarioDocument(document)
        sf = document.scenario_file()  # an invalid document changes nothing
        self.doc = document
        if volume_source is True:
            self._volume_source = "Uit het scenariobestand." if document.has(VOLUMES) else None
        else:
            self._volume_source = volume_source or None
        self._close_question()
        for key in [k for k in self._invalid if k.startswith("volume.")]:
            self._set_invalid(key, "")
        self._holding = True
        try:
            self._show_inputs(sf)
            for field in self.more_fields.values():
                field.reset_message()  # a refused typed value goes; the values in effect come with the results
        finally:
            self._holding = False
        self._show_kept()
        self._refresh()

    def _show_inputs(self, sf: ScenarioFile) -> None:
        s, case, cost = sf.scenario, sf.business_case, sf.cost
        self.gemeente.value = str(find_gemeente(sf.gemeente)["name"]) if sf.gemeente else ""
        self.name.value = s.name
        self.reach.show(s.status_portal.reach_share)
        self.adoption.show(s.status_portal.adoption_share)
        self.residual.show(s.status_portal.residual_contact_share)
        self.repeat.show(s.repeat_contacts.reduction_share)
        for i in s.inputs():
            if i.path in self.lever_sliders:
                self.lever_sliders[i.path].show(i.value)
        for k, row in enumerate(self.shifts):
            row.show(*((s.channel_shifts[k], k) if k < len(s.channel_shifts) else (None, None)))
        self.method.value = cost.method
        phone = cost.top_down_eur_per_contact.get("telefoon")
        if phone is None:
            phone = params.default_value("cost_eur_per_contact", channel="telefoon")
        self.phone_cost.show(phone)
        self.rate.show(cost.loaded_hourly_rate_eur)
        self._show_items(self.investment, [i.amount_eur for i in case.investments], "investeringen")
        recurring = [c.amount_eur_per_year for c in case.recurring_costs]
        self._show_items(self.recurring, recurring, "jaarlijkse kostenposten")
        self.horizon.show(case.horizon_years)
        self.discount.show(case.discount_rate)
        ramps = [case.ramps.get(lv, Ramp()) for lv in LEVER_KEYS]
        self.ramp_years.show(ramps[0].years_to_full)
        self.ramp_years.lock(
            None
            if all(r == ramps[0] for r in ramps)
            else "Dit bestand geeft de hefbomen elk een eigen ingroeipad (zie hieronder); dat is hier niet met "
            "één schuif te wijzigen."
        )
        self.basis.value = case.savings_basis
        self.release.value = case.release_mode
        self.headline.value = sf.headline_view
        st = case.staffing
        self.salary.show(st.salary_eur_per_month)
        self.attrition.show(st.attrition_share)
        self.friction.show(st.friction_eur_per_fte)
        self.productive.show(cost.productive_share)
        measured = sf.measured.get(PROFILE)
        own = f"gemeten weekprofiel ({measured.source_nl})" if measured else "eigen weekprofiel uit het bestand"
        self.opening_hours.value = case.staffing.profile.opening_hours or own

    @staticmethod
    def _show_items(slider: SpecSlider, amounts: list[float], what: str) -> None:
        """One slider for a list: the amount of the only item, or locked with their sum when there are several."""
        slider.show(sum(amounts))
        slider.lock(
            None
            if len(amounts) <= 1
            else f"Dit bestand heeft {len(amounts)} {what} (samen {fmt.eur(sum(amounts))}); ze staan hieronder en "
            "gaan ongewijzigd mee. Wijzig ze in het bestand."
        )

    def covered(self) -> set[str]:
        """The paths the widgets control now (a locked widget controls none)."""
        paths = {
            "schema_version",
            "gemeente",
            "cbs_indeling_year",
            "name",
            OPENING,
            *SIMPLE.values(),
            *self.lever_sliders,
            *self.floor_sliders,
            *self.more_fields,
        }
        paths |= {"business_case.horizon_years", *(f"{VOLUMES}.{c}" for c in CHANNELS)}
        for row in self.shifts:
            if row.index is not None:
                paths |= {f"channel_shifts[{row.index}].{f}" for f in SHIFT_FIELDS}
        if not self.investment.slider.disabled:
            paths.add(f"{INVESTMENTS}[0].amount_eur")
        if not self.recurring.slider.disabled:
            paths.add(f"{RECURRING}[0].amount_eur_per_year")
        if not self.ramp_years.slider.disabled:
            paths |= {f"business_case.ramps.{lv}.years_to_full" for lv in LEVER_KEYS}
        return paths

    def readonly_items(self) -> list[tuple[str, Any]]:
        """Everything in the file that no widget controls: (path, value), in file order (the kept scenarios
        have a table of their own)."""
        covered = self.covered()
        return [(p, v) for p, v in self.doc.leaves() if p not in covered and not p.startswith(f"{KEPT}[")]

    def _show_readonly(self) -> None:
        self.readonly.value = readonly_html(self.readonly_items())

    def _show_volumes(self, sf: ScenarioFile, base: Baseline) -> None:
        self._holding = True
        try:
            for c, v in base.volume_per_channel.items():
                self._shown_volume[str(c)] = fmt.num(float(v))
                if f"volume.{c}" not in self._invalid:  # a refused typed text stays until it is corrected
                    self.volume_inputs[str(c)].value = fmt.num(float(v))
        finally:
            self._holding = False
        note = self._volume_source
        if note is None or not self.doc.has(VOLUMES):
            own = "uit het bestand" if sf.contacts_per_inhabitant_per_year else "standaardwaarden"
            note = f"Geschat: {fmt.num(base.population)} inwoners x contacten per inwoner per kanaal ({own})."
        self.volume_note.value = f"<small>{html.escape(note)}</small>"

    # ------------------------------------------------------------------ compute and render
    def _error(self, e: InputError, near: str | None = None) -> None:
        self._say(near or e.field, e.message_nl)

    def _say(self, field: str, message_nl: str) -> None:
        """A Dutch error next to ``field``'s widget (at the top of the page when it has no line of its own)."""
        if not self.field_errors.show(field, message_nl):
            self.message.value = error_html(message_nl)

    @coalesced
    @guarded
    def recompute(self) -> None:
        sf = self.snapshot()
        a = analyse(sf, draws=DASHBOARD_DRAWS, seed=DASHBOARD_SEED)
        base, bc, tor = a.baseline, a.business_case, a.sensitivity
        self.message.value = ""
        self.field_errors.clear()
        for key, message in self._invalid.items():  # still invalid: the message stays next to its field
            if key.startswith("volume."):
                self._say(f"{VOLUMES}.{key.removeprefix('volume.')}", message)
        self.analysis = a
        self.result, self.business_case, self.simulation, self.sensitivity = a.result, bc, a.simulation, tor
        self.download.value = _download_link(self.doc.text, sf)  # before the KPIs: when they show, the file is current
        self._show_volumes(sf, base)
        self._show_more(base, sf)
        self._show_inclusion_notes(a.result)
        self.iv3.value = _iv3_line(a.result)
        self._render_kpis(a)
        self._stale = {0, 1, 2, 3, 4}
        self._render_tab(self.tabs.selected_index)
        self.reading.value = f"<p>{html.escape(tor.reading_nl())}</p>"
        check = bc.staffing_check
        self.cost_table.value = _cost_table(base) + (
            f"<p class='oc-staffing-check' style='font-size:12px;color:{'#555' if check.agrees else '#a15c00'}'>"
            f"{html.escape(check.sentence_nl())}</p>"
        )
        self.years_table.value = _years_table(bc)
        self.bbv_table.value = _bbv_table(a)
        self.residents_table.value = _residents_table(a)
        show = not bc.staffing_check.agrees and base.cost.method == "top_down"
        self.calibrate.layout.display = None if show else "none"

    def _show_more(self, base: Baseline, sf: ScenarioFile) -> None:
        """The values in effect in Meer aannames (from the file or the defaults); a refused typed text stays.
        A measured value is marked *gemeten* (a green frame, and its source in the field's name and tooltip)."""
        for path, field in self.more_fields.items():
            source, text = sf.measured.get(path), field.text
            plain = self._plain_tooltips.setdefault(path, text.tooltip or "")
            if source is not None:
                text.add_class("oc-gemeten")
                text.tooltip = f"{plain}, gemeten ({source.source_nl})"
            else:
                text.remove_class("oc-gemeten")
                text.tooltip = plain
        cost = base.cost
        shares = dict(zip(CHANNELS, status_share(base.volume_per_year).tolist()))
        values = {
            "cost.top_down_eur_per_contact": cost.top_down_eur_per_contact,
            "cost.handling_time_seconds": cost.handling_time_seconds,
            "cost.variable_cost_share": cost.variable_cost_share,
            "baseline.status_question_share": shares,
            "baseline.repeat_contact_share": base.repeat_contact_share,
        }
        self._holding = True
        try:
            for path, field in self.more_fields.items():
                table, c = path.rsplit(".", 1)
                if not field.message:
                    field.show(float(values[table][c]))
            for path, slider in self.floor_sliders.items():
                slider.show(float(base.segments.assisted_floor_share[path.rsplit(".", 1)[1]]))
        finally:
            self._holding = False

    def control_for(self, path: str) -> w.Widget | None:
        """The widget that sets the input at ``path`` (an uncertain input's own path, as the tornado names it)."""
        path = ALIASES.get(path, path)
        attrs = {p: a for a, p in SIMPLE.items()}
        if path in attrs:
            return getattr(self, attrs[path])
        if path.startswith(f"{VOLUMES}."):
            return self.volume_inputs.get(path.rsplit(".", 1)[1])
        fixed = {
            f"{INVESTMENTS}[0].amount_eur": self.investment,
            f"{RECURRING}[0].amount_eur_per_year": self.recurring,
            "business_case.horizon_years": self.horizon,
        }
        fixed |= {f"business_case.ramps.{lv}.years_to_full": self.ramp_years for lv in LEVER_KEYS}
        for k, row in enumerate(self.shifts):
            fixed[f"channel_shifts[{k}].share"] = row.share
        found = {**self.lever_sliders, **self.floor_sliders, **self.more_fields, **fixed}.get(path)
        return found

    def _show_inclusion_notes(self, r: Result) -> None:
        """What the inclusion rules kept where it was, next to the lever's inputs (never silently)."""
        for key, widget in self.lever_notes.items():
            show_note(widget, r.inclusion_note_nl(key))
        notes = r.per_shift["note_nl"].tolist()
        for row in self.shifts:
            show_note(row.note, notes[row.index] if row.index is not None and row.index < len(notes) else "")

    @guarded
    def _calibrate(self, _: object = None) -> None:
        """The top-down costs per contact that tell the staffing view's story (the advisor asked for it)."""
        flush(self)
        for channel, value in self.business_case.calibrated_top_down_eur_per_contact().items():
            self.doc.set(f"cost.top_down_eur_per_contact.{channel}", value)
        self._refresh()

    @guarded
    def _tab_opened(self, change: dict[str, Any]) -> None:
        self._render_tab(change["new"])

    def _render_tab(self, index: int | None) -> None:
        """Draw the charts of the visible tab only; the others are drawn when they are opened."""
        if index not in self._stale or not hasattr(self, "result"):
            return
        self._stale.discard(index)
        r, bc = self.result, self.business_case
        if index == 0:
            pc = r.per_channel
            self._show(
                "volumes",
                charts.channel_bars(
                    pc["volume_before_per_year"], pc["volume_after_per_year"], "Contacten per kanaal per jaar", False
                ),
            )
            self._show(
                "costs",
                charts.channel_bars(
                    pc["cost_before_eur_per_year"], pc["cost_after_eur_per_year"], "Kosten per kanaal per jaar", True
                ),
            )
        elif index == 1:
            self._show(
                "waterfall", charts.waterfall(r.cost_before_eur_per_year, r.per_lever["saving_eur_per_year"].to_numpy())
            )
        elif index == 2:
            band, cumulative = self.simulation.cumulative_percentiles, bc.years["cumulative_eur"].to_numpy()
            self._show(
                "cashflow",
                charts.cash_flow(cumulative, band["P10"].to_numpy(), band["P90"].to_numpy(), bc.payback.year),
            )
        elif index == 3:
            self._show("tornado", charts.tornado(self.sensitivity.table, self.sensitivity.base_npv_eur))
        elif index == 4:
            self.inputs_table.value = inputs_table(self.analysis.inputs())

    def _chart(self, key: str) -> list[w.Widget]:
        """The chart ``key`` and its Dutch summary sentence (the text alternative), for the layout."""
        return [self.charts[key], self.summaries[key]]

    def _show(self, key: str, chart: charts.Chart) -> None:
        vega.show(self.charts[key], self.summaries[key], chart)

    def _render_kpis(self, a: Analysis) -> None:
        css = {
            "saving_eur_per_year": "oc-kpi-saving",
            "npv_eur": "oc-kpi-npv",
            "payback_year": "oc-kpi-payback",
            "fte_released": "oc-kpi-fte",
        }
        if a.headline_view == "bbv":  # the budget's view first: the cumulative saldo and the structural effect
            css = {
                "saving_eur_per_year": "oc-kpi-saving",
                "bbv_cumulative_eur": "oc-kpi-bbv-cumulative",
                "bbv_structural_eur": "oc-kpi-bbv-structural",
                "fte_released": "oc-kpi-fte",
            }
        cards = [(k.label_nl, k.text_nl, css[k.Index], k.note_nl) for k in a.kpis.loc[list(css)].itertuples()]
        bc = a.business_case
        code = a.baseline.code
        who = str(find_gemeente(code)["name"]) if code else "uw eigen aantallen"
        stale = ""
        if self._invalid:
            reasons = "".join(f"<li>{html.escape(m)}</li>" for m in self._invalid.values())
            stale = (
                "<div class='oc-stale' role='alert' style='background:#fdecea;border:1px solid #e0a0a0;"
                "border-radius:4px;padding:4px 8px;margin:4px 0;font-size:12px'><b>Niet bijgewerkt</b>: de cijfers "
                "hieronder horen bij de vorige geldige invoer. Verbeter eerst:<ul style='margin:2px 0;"
                f"padding-left:18px'>{reasons}</ul></div>"
            )
        name = a.scenario_file.scenario.name
        self.kpis.value = (
            f"<div class='oc-kpi-head' style='font-size:14px;margin:0 0 4px'>Resultaat voor <b class='oc-kpi-gemeente'>"
            f"{html.escape(who)}</b>{' — ' + html.escape(name) if name else ''}</div>"
            + stale
            + f"<div style='display:flex;gap:10px;flex-wrap:wrap{';opacity:0.45' if stale else ''}'>"
            + "".join(
                f"<div class='oc-kpi-card' style='border:1px solid #ccd;border-radius:6px;padding:8px 12px;"
                "min-width:150px'>"
                f"<div style='font-size:12px;color:#555'>{t}</div><div class='{css}' style='font-size:22px;"
                f"font-weight:bold'>{v}</div><div style='font-size:11px;color:#666'>{html.escape(sub)}</div></div>"
                for t, v, css, sub in cards
            )
            + "</div>"
        )
        self.about.value = about_html(bc, a)

    @guarded(near=KEPT)
    def _keep(self, _: object = None) -> None:
        """Keep the scenario on screen beside the others, in the scenario file (saved, loaded, reported)."""
        flush(self)  # a recomputation still waiting for its pause: the kept scenario is the one on screen
        sf = self.snapshot()
        if not sf.scenario.name:
            sf = replace(sf, scenario=Scenario(f"Scenario {len(sf.kept) + 1}", levers=sf.scenario.levers))
        self.doc.keep(sf)
        self._show_kept(select=len(sf.kept))

    @guarded(near=KEPT)
    def _rename_kept(self, _: object = None) -> None:
        index, name = self.kept_choice.value, self.kept_name.value.strip()
        if index is None:
            return
        if not name:
            self._say(KEPT, "Typ eerst een nieuwe naam voor het gekozen scenario.")
            return
        limits.text(name, f"{KEPT}[{index}].name", label_nl="Naam bewaard scenario")
        self.doc.set(f"{KEPT}[{index}].name", name)
        self.kept_name.value = ""
        self._show_kept(select=index)

    @guarded(near=KEPT)
    def _drop_kept(self, _: object = None) -> None:
        if self.kept_choice.value is not None:
            self.doc.drop_kept(self.kept_choice.value)
            self._show_kept()

    def _show_kept(self, select: int | None = None) -> None:
        """The comparison of the kept scenarios: results and every input in which they differ."""
        self.field_errors[KEPT].value = ""
        kept = self.snapshot().kept
        comparison = compare(kept) if kept else None  # each kept scenario's business case, once
        self.compare_table.value = compare_html(comparison)
        names = comparison.names if comparison is not None else ()
        self.kept_choice.options = [(n, i) for i, n in enumerate(names)]
        self.kept_choice.value = None if not names else (select if select is not None and select < len(names) else 0)
        self.kept_controls.layout.display = "" if names else "none"

    @guarded
    def make_report(self, kind: str, _: object = None) -> None:
        """Build an Excel or PDF report of the current inputs and offer it as a download link."""
        from concurrent.futures import ThreadPoolExecutor

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
                    parts = [key for key, box in self.report_parts.items() if box.value]
                    data, mime = pool.submit(to_pdf, report, parts).result(timeout=120), "application/pdf"
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

    @guarded(near=SCENARIO)
    def _loaded(self, name: str, data: bytes) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            self._say(SCENARIO, f"{name} is geen tekstbestand (UTF-8); kies een .toml-scenario.")
            return
        self._apply(ScenarioDocument(text))  # an invalid file raises here, is shown by the button and changes nothing


def compare_html(c: Comparison | None) -> str:
    """The kept scenarios side by side (:func:`omnicalc.compare.compare`): results, then each input in which
    they differ; an empty state that says what to do."""
    if c is None:
        return (
            "<p class='oc-compare-empty'><i>Nog geen scenario's bewaard. Stel een scenario in en kies "
            f"<b>Bewaar in vergelijking</b>; bewaar er tot {limits.KEPT_SCENARIOS.value} en ze gaan mee in het "
            "scenariobestand en de rapporten.</i></p>"
        )
    cell = "padding:3px 8px;text-align:right"
    head = "".join(f"<th style='{cell}'>{html.escape(n)}</th>" for n in c.names)
    rows = [
        f"<tr><td style='padding:3px 8px'>{html.escape(str(k))}</td>"
        + "".join(f"<td style='{cell}'>{html.escape(str(v))}</td>" for v in r)
        + "</tr>"
        for k, r in c.results_nl.iterrows()
    ]
    if len(c.names) > 1:
        rows.append(
            f"<tr><th colspan='{len(c.names) + 1}' style='text-align:left;padding:6px 8px 2px'>"
            + ("Verschillen in invoer" if len(c.inputs) else "Geen verschillen in invoer, alleen in naam")
            + "</th></tr>"
        )
    for _, r in c.inputs.iterrows():
        rows.append(
            f"<tr data-path='{html.escape(r['path'], quote=True)}'><td style='padding:3px 8px'>"
            f"{html.escape(r['Onderdeel'])}: {html.escape(r['Invoer'])}</td>"
            + "".join(f"<td style='{cell}'>{html.escape(r[n])}</td>" for n in c.names)
            + "</tr>"
        )
    return f"<table style='font-size:12px'><tr><th></th>{head}</tr>{''.join(rows)}</table>"


def about_html(bc: BusinessCaseResult, a: Analysis) -> str:
    """The "Over de berekening" panel: how the amounts are discounted and where the bands come from (the
    formula and the random generator's seed stay here, out of the main text)."""
    sim = a.simulation
    return (
        f"<p>{html.escape(bc.timing_convention)}</p>"
        f"<p>De bandbreedtes (P10 – P90) en de kans op terugverdienen komen uit {fmt.num(sim.draws)} trekkingen "
        "(Monte Carlo) uit de bandbreedtes van de aannames. De trekkingen beginnen steeds bij hetzelfde startgetal "
        f"(seed {sim.seed}), zodat dezelfde invoer op het scherm, in de rapporten en in de opdrachtregel dezelfde "
        "uitkomst geeft.</p>"
    )


def measured_card(m: Measured) -> str:
    """The summary card of a registration export: period, rows, per channel the contacts, the measured
    status-question share with its 95% interval and the repeat share, and contacts per weekday."""
    rows = "".join(
        f"<tr><td>{html.escape(CHANNEL_LABELS.get(c, c))}</td><td style='text-align:right'>{fmt.num(n)}</td>"
        + (
            f"<td style='text-align:right' class='oc-measured-status-{c}'>{fmt.pct(m.status_share[c][0], 0)} "
            f"({fmt.pct(m.status_share[c][1], 0)}–{fmt.pct(m.status_share[c][2], 0)})</td>"
            if c in m.status_share
            else "<td></td>"
        )
        + f"<td style='text-align:right'>{fmt.pct(m.repeat_share[c], 0) if c in m.repeat_share else '–'}</td></tr>"
        for c, n in m.channel_totals.items()
    )
    per_day = m.arrivals.groupby(level="dag", sort=False).sum().sum(axis=1).reindex(list(WEEKDAYS_NL), fill_value=0)
    top = max(float(per_day.max()), 1.0)
    bars = "".join(
        f"<div style='display:flex;flex-direction:column;align-items:center;width:26px'>"
        f"<div title='{fmt.num(float(n))}' style='width:16px;height:{40 * float(n) / top:.0f}px;background:#4a7ab5'>"
        f"</div><small>{d}</small></div>"
        for d, n in per_day.items()
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in m.notes_nl)
    unmapped = ", ".join(f"{html.escape(t or '(leeg)')} ({fmt.num(n)})" for t, n in m.unmapped[:10])
    if unmapped:
        notes += f"<li class='oc-measured-unmapped'>Meest voorkomende niet ingedeelde onderwerpen: {unmapped}</li>"
    return (
        "<div style='border:1px solid #ccd;border-radius:6px;padding:8px 12px;font-size:12px'>"
        f"<b>Gemeten uit {html.escape(m.filename)}</b>: {fmt.count(m.rows, 'contact', 'contacten')}, "
        f"{m.period_start:%d-%m-%Y} t/m {m.period_end:%d-%m-%Y} ({fmt.count(m.days, 'dag', 'dagen')})."
        "<table style='font-size:12px;margin-top:4px'><tr><th>Kanaal</th><th>Contacten</th>"
        "<th>Statusvragen (95%-interval)</th><th>Herhaalcontact</th></tr>"
        f"{rows}</table><div style='display:flex;align-items:flex-end;height:60px;margin-top:6px'>{bars}</div>"
        f"<small>Contacten per weekdag.</small><ul style='margin:4px 0;padding-left:18px'>{notes}</ul></div>"
    )


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


def _iv3_line(result: Result) -> str:
    """The Iv3 plausibility check of the baseline cost, one line (empty without a gemeente)."""
    b = result.baseline
    if not b.code:
        return ""
    check = iv3_check(b.code, result.cost_before_eur_per_year, b.population)
    colour = "#a15c00" if check.strongly_disagrees else "#555"
    return f"<small style='color:{colour}'>{html.escape(check.note_nl)}</small>"


def _residents_table(a: Analysis) -> str:
    """Residents' own time and travel per segment (:attr:`omnicalc.analysis.Analysis.residents_per_segment`)."""
    t = a.residents_per_segment
    rows = "".join(
        f"<tr><td>{html.escape(r.label_nl)}</td><td style='text-align:right'>{fmt.num(r.residents)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.cost_before_eur_per_year)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.cost_after_eur_per_year)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.change_eur_per_year)}</td>"
        f"<td style='text-align:right'>{fmt.eur(r.change_eur_per_resident_per_year, 2)}</td></tr>"
        for r in t.itertuples()
    )
    return (
        "<h4 style='margin:8px 0 4px'>Tijd en reiskosten van inwoners, per inwonersgroep (volle werking)</h4>"
        "<table style='font-size:12px'><tr><th>Inwonersgroep</th><th>Inwoners</th><th>Nu per jaar</th>"
        "<th>Met scenario</th><th>Verschil</th><th>Per inwoner</th></tr>" + rows + "</table>"
        f"<p style='font-size:12px'>{html.escape(resident_cost_sentence_nl(t))} Tijd tegen de waarde van tijd "
        "(tab <i>Aannames en bronnen</i>) plus reiskosten; niet in de kasstroom van de gemeente.</p>"
    )


def _bbv_table(a: Analysis) -> str:
    """The same case as a BBV meerjarenraming: nominal jaarschijven, kapitaallasten, structureel/incidenteel."""
    m = a.bbv
    table = m.table_nl()
    head = "".join(f"<th style='padding:2px 6px'>{html.escape(c)}</th>" for c in ["", *table.columns])
    rows = "".join(
        f"<tr><td style='padding:2px 6px'>{html.escape(str(label))}</td>"
        + "".join(f"<td style='text-align:right;padding:2px 6px'>{html.escape(v)}</td>" for v in row)
        + "</tr>"
        for label, row in zip(table.index, table.to_numpy().tolist())
    )
    return (
        "<h4 style='margin:12px 0 4px'>Meerjarenraming (BBV)</h4>"
        f"<p style='font-size:12px'>{html.escape(mkba_vs_bbv_nl(a.business_case.case.discount_rate))}</p>"
        f"<table style='font-size:12px'><tr>{head}</tr>{rows}</table>"
        f"<p style='font-size:11px;color:#555'>{html.escape(m.note_nl)} Structureel effect vanaf het laatste jaar: "
        f"{fmt.eur(m.structural_effect_eur)} per jaar.</p>"
    )


def _years_table(bc: BusinessCaseResult) -> str:
    lines = bc.year_lines_nl()
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["Jaar", *lines.columns])
    rows = "".join(
        f"<tr><td>{t}</td>" + "".join(f"<td style='text-align:right'>{html.escape(v)}</td>" for v in row) + "</tr>"
        for t, row in zip(lines.index, lines.to_numpy().tolist())
    )
    return (
        f"<div style='overflow-x:auto'><table class='oc-years' style='font-size:11px'><tr>{head}</tr>{rows}"
        "</table></div>"
        f"<p style='font-size:12px'>{html.escape(bc.release_sentence_nl())} "
        f"{html.escape(bc.staffing_check.sentence_nl())}</p>"
    )


def _download_link(text: str, sf: ScenarioFile) -> str:
    """The document's text, byte for byte, as a download."""
    who = str(find_gemeente(sf.gemeente)["name"]) if sf.gemeente else "scenario"
    name = "".join(ch if ch.isalnum() else "-" for ch in who).strip("-")
    return data_link(
        text.encode("utf-8"),
        "application/toml",
        f"omnicalc_{name}_{date.today():%Y-%m-%d}.toml",
        "Download scenario (.toml)",
        "oc-download-link",
    )


def build_app(gemeente: str = "Utrecht") -> w.Widget:
    """The dashboard's root widget."""
    return KanaalmixApp(gemeente).widget


__all__ = ["KanaalmixApp", "build_app", "fresh_document", "measured_card"]
