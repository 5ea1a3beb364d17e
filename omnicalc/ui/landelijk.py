"""Dashboard "Landelijk overzicht": one scenario on all 342 gemeenten, with totals, a table and a map."""

from __future__ import annotations

import html
import io
import re
import unicodedata
from functools import cache

import ipywidgets as w
import pandas as pd

from .. import fmt, maps
from ..analysis import THEORETICAL_NL
from ..decision import shiftable_to_self_service
from ..model import RepeatContacts, Scenario, StatusPortal, evaluate_national
from ..presets import standard_portal, standard_scenario_file
from .a11y import PageHelper
from .layout import page_style
from .widgets import SpecSlider, coalesced, data_link, guarded

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: The table's columns: key in ``per_gemeente``, Dutch header, width [px]; a header is a button that sorts.
COLUMNS = (
    ("name", "Gemeente", 190),
    ("province", "Provincie", 130),
    ("population", "Inwoners", 100),
    ("saving_eur_per_year", "Besparing per jaar (theoretisch)", 190),
    ("saving_eur_per_inhabitant_per_year", "Per inwoner", 100),
)
TEXT_COLUMNS = ("name", "province")


def collation_key(text: str) -> str:
    """Dutch alphabetical order: accents and punctuation ignored, case-insensitive ('s-Hertogenbosch under S)."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9 ]", "", t)


#: The maps' width: 620 px, less where the window is too narrow for map and table side by side (1280 px).
MAP_WIDTH = "min(620px, calc(100vw - 770px))"


class LandelijkApp:
    """All municipalities at once: national totals, a sortable table, provinces and a map."""

    def __init__(self) -> None:
        portal = standard_portal()
        self.reach = SpecSlider("reach_share", portal.reach_share, "oc-nat-reach")
        self.adoption = SpecSlider("adoption_share", portal.adoption_share, "oc-nat-adoption")
        self.residual = SpecSlider("residual_contact_share", portal.residual_contact_share, "oc-nat-residual")
        self.repeat = SpecSlider("reduction_share", 0.0, "oc-nat-repeat")
        self.sort_key, self.ascending = "saving_eur_per_year", False
        self.headers = {}
        for key, label, width in COLUMNS:
            b = w.Button(description=label, tooltip=f"Sorteer op {label.lower()}", layout=w.Layout(width=f"{width}px"))
            b.add_class(f"oc-sort-{key.replace('_', '-')}")
            b.on_click(lambda _, k=key: self.sort_by(k))
            self.headers[key] = b
        self.search = w.Text(placeholder="bijvoorbeeld Zwolle", description="Zoek gemeente", continuous_update=True)
        self.search.add_class("oc-nat-search")
        self.search.observe(lambda _: self.render_table(), "value")
        self.export = w.HTML()
        self.export.add_class("oc-nat-export")
        self.totals = w.HTML()
        self.totals.add_class("oc-nat-totals")
        self.table = w.HTML()
        self.table.add_class("oc-nat-table")
        self.provinces = w.HTML()
        self.map = w.Image(format="png", layout=w.Layout(width=MAP_WIDTH))
        self.map.add_class("oc-map")
        self.map_note = w.HTML(layout=w.Layout(width=MAP_WIDTH))
        self.map_note.add_class("oc-map-note")
        self.shift_map = w.Image(format="png", layout=w.Layout(width=MAP_WIDTH))
        self.shift_map.add_class("oc-shift-map")
        self.shift_note = w.HTML(layout=w.Layout(width=MAP_WIDTH))
        self.shift_note.add_class("oc-shift-map-note")
        self.message = w.HTML()
        for s in (self.reach, self.adoption, self.residual, self.repeat):
            s.slider.observe(lambda _: self.recompute(), "value")
        ready = w.HTML("")
        ready.add_class("oc-ready")
        self.page = PageHelper("omnicalc — Landelijk overzicht")
        self.widget = w.VBox(
            [
                w.HTML(
                    "<h2>Landelijk overzicht</h2><p>Eén scenario voor alle 342 gemeenten (CBS 2024); de startwaarden "
                    "zijn het standaardscenario, dezelfde als in Kanaalmix en Statusvragen. Volumes zijn geschat uit "
                    "inwoners × contacten per inwoner (standaardwaarden) met de kanalen die een gemeente van haar "
                    "grootte standaard aanbiedt; onder de kaart staat waarom de besparing per inwoner verschilt.</p>"
                ),
                self.message,
                self.reach,
                self.adoption,
                self.residual,
                self.repeat,
                self.totals,
                w.HBox(
                    [
                        w.VBox([self.map, self.map_note, self.shift_map, self.shift_note, self.provinces]),
                        w.VBox([self.search, w.HBox(list(self.headers.values())), self.table, self.export]),
                    ]
                ),
                ready,
                self.page,
                page_style(),
            ]
        )
        self.recompute()
        self.show_shiftable()

    def show_shiftable(self) -> None:
        """The map of what could move to self-service within the inclusion rules; it does not depend on the sliders."""
        self.shift_map.value, self.shift_note.value = _shiftable_view()

    @coalesced
    @guarded
    def recompute(self) -> None:
        standard = standard_scenario_file()
        scenario = Scenario(
            name=standard.scenario.name,
            levers=standard.scenario.levers,
            status_portal=StatusPortal(self.reach.value, self.adoption.value, self.residual.value),
            repeat_contacts=RepeatContacts(self.repeat.value),
        )
        self.result = evaluate_national(scenario, cost=standard.cost)  # each gemeente: evaluate of her own file
        self.message.value = ""
        per = self.result.per_gemeente
        self.totals.value = (
            f"<p>Landelijk: <b class='oc-nat-saving'>{fmt.eur(self.result.saving_eur_per_year)}</b> per jaar, "
            f"{THEORETICAL_NL}, op {fmt.eur(per['cost_before_eur_per_year'].sum())} kosten van klantcontact "
            f"({fmt.num(per['contacts_before_per_year'].sum())} contacten, {fmt.num(per['population'].sum())} "
            "inwoners).</p>"
        )
        prov = self.result.per_province()
        self.provinces.value = (
            "<table><tr><th>Provincie</th><th>Besparing per jaar (theoretisch)</th><th>Per inwoner</th></tr>"
            + "".join(
                f"<tr><td>{html.escape(str(p))}</td><td style='text-align:right'>{fmt.eur(r.saving_eur_per_year)}"
                f"</td><td style='text-align:right'>{fmt.eur(r.saving_eur_per_inhabitant_per_year, 2)}</td></tr>"
                for p, r in prov.iterrows()
            )
            + "</table>"
        )
        self.map.value = maps.png(
            maps.choropleth(
                per["saving_eur_per_inhabitant_per_year"],
                "Besparing per inwoner per jaar, theoretisch",
                "Besparing per inwoner per jaar (€, volle kosten per contact)",
            )
        )
        self.map_note.value = f"<p style='font-size:12px'>{html.escape(self.result.per_inhabitant_nl())}</p>"
        self.page.alts = {  # the maps' text alternatives: what they show, in the sentences under them
            "oc-map": "Kaart van Nederland, besparing per inwoner per jaar per gemeente. "
            + self.result.per_inhabitant_nl(),
            "oc-shift-map": "Kaart van Nederland, contacten per inwoner per jaar die naar zelfservice kunnen. "
            + html.unescape(re.sub(r"<[^>]+>", "", _shiftable_view()[1])),
        }
        self.render_table()

    @guarded
    def sort_by(self, key: str) -> None:
        """Sort on a column (a click on its header): again on the same column turns the order round."""
        if key == self.sort_key:
            self.ascending = not self.ascending
        else:
            self.sort_key, self.ascending = key, key in TEXT_COLUMNS
        self.render_table()

    def rows(self) -> pd.DataFrame:
        """The gemeenten shown: those matching the search, in the chosen order (Dutch alphabetical for names)."""
        per = self.result.per_gemeente
        wanted = collation_key(self.search.value.strip())
        if wanted:
            per = per[per["name"].map(collation_key).str.contains(wanted, regex=False)]
        by = per[self.sort_key].map(collation_key) if self.sort_key in TEXT_COLUMNS else per[self.sort_key]
        return per.loc[by.sort_values(ascending=self.ascending, kind="stable").index]

    @guarded
    def render_table(self) -> None:
        per = self.rows()
        for key, label, _ in COLUMNS:
            arrow = (" ▲" if self.ascending else " ▼") if key == self.sort_key else ""
            self.headers[key].description = label + arrow
        cols = "".join(f"<col style='width:{width}px'>" for _, _, width in COLUMNS)
        right = "style='text-align:right'"
        body = "".join(
            f"<tr><td>{html.escape(r.name)}</td><td>{html.escape(r.province)}</td>"
            f"<td {right}>{fmt.num(r.population)}</td><td {right}>{fmt.eur(r.saving_eur_per_year)}</td>"
            f"<td {right}>{fmt.eur(r.saving_eur_per_inhabitant_per_year, 2)}</td></tr>"
            for r in per.itertuples()
        )
        population, saving = per["population"].sum(), per["saving_eur_per_year"].sum()
        count = f"{fmt.num(len(per))} {'gemeente' if len(per) == 1 else 'gemeenten'}"
        total = (
            f"<tr class='oc-nat-total' style='font-weight:bold;border-top:2px solid #333'><td>Totaal</td>"
            f"<td>{count}</td><td {right}>{fmt.num(population)}</td>"
            f"<td {right}>{fmt.eur(saving)}</td>"
            f"<td {right}>{fmt.eur(saving / population, 2) if population else '–'}</td></tr>"
        )
        empty = (
            f"<tr><td colspan='5'>Geen gemeente gevonden met ‘{html.escape(self.search.value)}’.</td></tr>"
            if per.empty
            else ""
        )
        self.table.value = (
            "<div style='max-height:600px;overflow:auto'><table style='table-layout:fixed;width:710px'>"
            f"{cols}{body}{empty}{total}</table></div>"
        )
        self.export.value = " ".join(
            data_link(data, mime, f"landelijk_overzicht.{ext}", label, f"oc-nat-export-{ext}")
            for data, mime, ext, label in (
                (_csv(per), "text/csv", "csv", "CSV"),
                (_xlsx(per), XLSX_MIME, "xlsx", "Excel"),
            )
        )


@cache
def _shiftable_view() -> tuple[bytes, str]:
    """The shiftable-volume map (PNG) and its sentence: the same for every session, so drawn once per process."""
    t = shiftable_to_self_service()
    x = t["shiftable_per_inhabitant_per_year"]
    png = maps.png(
        maps.choropleth(
            x,
            "Verschuifbaar naar zelfservice, per inwoner per jaar",
            "Contacten per inwoner per jaar die naar het webformulier kunnen",
            money=False,
        )
    )
    lo, hi = t.loc[x.idxmin()], t.loc[x.idxmax()]
    note = (
        "<p style='font-size:12px'>Contacten die binnen de inclusieregels naar zelfservice (webformulier, "
        "MijnOmgeving) kunnen: niet wat persoonlijk moet (paspoort, ID-kaart, rijbewijs), niet van inwoners die "
        "het UWV-kanaalsturingsmodel geen zelfservice toestaat, niet onder de inclusievloer van een groep. Van "
        f"{fmt.num(lo['shiftable_per_inhabitant_per_year'], 2)} per inwoner in {html.escape(str(lo['name']))} "
        f"({fmt.pct(lo['shiftable_share'])} van de contacten) tot "
        f"{fmt.num(hi['shiftable_per_inhabitant_per_year'], 2)} in {html.escape(str(hi['name']))} "
        f"({fmt.pct(hi['shiftable_share'])}); het verschil komt uit de leeftijdsopbouw (aandeel inwoners per "
        "groep) en de kanalen die een gemeente aanbiedt.</p>"
    )
    return png, note


def _export_table(per: pd.DataFrame) -> pd.DataFrame:
    out = per[[k for k, _, _ in COLUMNS]].rename(columns={k: label for k, label, _ in COLUMNS})
    out.insert(0, "CBS-code", per.index)
    return out


def _csv(per: pd.DataFrame) -> bytes:
    """The shown rows as CSV for Dutch Excel: semicolons, decimal commas, UTF-8 with a byte order mark."""
    text = _export_table(per).to_csv(sep=";", decimal=",", index=False, float_format="%.2f")
    return ("\ufeff" + text).encode("utf-8")


def _xlsx(per: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        _export_table(per).to_excel(writer, sheet_name="Landelijk overzicht", index=False)
        sheet = writer.sheets["Landelijk overzicht"]
        sheet.set_column(0, 2, 18)
        sheet.set_column(3, 5, 22)
    return buf.getvalue()


def build_app() -> w.Widget:
    return LandelijkApp().widget


__all__ = [
    "COLUMNS",
    "LandelijkApp",
    "build_app",
    "collation_key",
]
