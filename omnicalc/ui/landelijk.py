"""Dashboard "Landelijk overzicht": one scenario on all 342 gemeenten, with totals, a table and a map."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import charts, fmt
from ..analysis import THEORETICAL_NL
from ..decision import shiftable_to_self_service
from ..model import RepeatContacts, Scenario, StatusPortal, evaluate_national
from ..presets import standard_portal, standard_scenario_file
from .widgets import SpecSlider, coalesced, guarded

SORT_OPTIONS = [
    ("Besparing per jaar (theoretisch)", "saving_eur_per_year"),
    ("Besparing per inwoner", "saving_eur_per_inhabitant_per_year"),
    ("Inwoners", "population"),
    ("Naam", "name"),
]


class LandelijkApp:
    """All municipalities at once: national totals, a sortable table, provinces and a map."""

    def __init__(self) -> None:
        portal = standard_portal()
        self.reach = SpecSlider("reach_share", portal.reach_share, "oc-nat-reach")
        self.adoption = SpecSlider("adoption_share", portal.adoption_share, "oc-nat-adoption")
        self.residual = SpecSlider("residual_contact_share", portal.residual_contact_share, "oc-nat-residual")
        self.repeat = SpecSlider("reduction_share", 0.0, "oc-nat-repeat")
        self.sort = w.Dropdown(
            options=SORT_OPTIONS,
            value="saving_eur_per_year",
            description="Sorteer op",
            style={"description_width": "180px"},
        )
        self.sort.add_class("oc-sort")
        self.ascending = w.Checkbox(value=False, description="oplopend")
        self.totals = w.HTML()
        self.totals.add_class("oc-nat-totals")
        self.table = w.HTML()
        self.table.add_class("oc-nat-table")
        self.provinces = w.HTML()
        self.map = w.Image(format="png", layout=w.Layout(width="620px"))
        self.map.add_class("oc-map")
        self.map_note = w.HTML(layout=w.Layout(width="620px"))
        self.map_note.add_class("oc-map-note")
        self.shift_map = w.Image(format="png", layout=w.Layout(width="620px"))
        self.shift_map.add_class("oc-shift-map")
        self.shift_note = w.HTML(layout=w.Layout(width="620px"))
        self.shift_note.add_class("oc-shift-map-note")
        self.message = w.HTML()
        for s in (self.reach, self.adoption, self.residual, self.repeat):
            s.slider.observe(lambda _: self.recompute(), "value")
        self.sort.observe(lambda _: self.render_table(), "value")
        self.ascending.observe(lambda _: self.render_table(), "value")
        ready = w.HTML("")
        ready.add_class("oc-ready")
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
                        w.VBox([w.HBox([self.sort, self.ascending]), self.table]),
                    ]
                ),
                ready,
            ]
        )
        self.recompute()
        self.show_shiftable()

    def show_shiftable(self) -> None:
        """The map of what could move to self-service within the inclusion rules; it does not depend on the sliders."""
        t = shiftable_to_self_service()
        x = t["shiftable_per_inhabitant_per_year"]
        self.shift_map.value = charts.png(
            charts.choropleth(
                x,
                "Verschuifbaar naar zelfservice, per inwoner per jaar",
                "Contacten per inwoner per jaar die naar het webformulier kunnen",
                money=False,
            )
        )
        lo, hi = t.loc[x.idxmin()], t.loc[x.idxmax()]
        self.shift_note.value = (
            "<p style='font-size:12px'>Contacten die binnen de inclusieregels naar zelfservice (webformulier, "
            "MijnOmgeving) kunnen: niet wat persoonlijk moet (paspoort, ID-kaart, rijbewijs), niet van inwoners die "
            "het UWV-kanaalsturingsmodel geen zelfservice toestaat, niet onder de inclusievloer van een groep. Van "
            f"{fmt.num(lo['shiftable_per_inhabitant_per_year'], 2)} per inwoner in {html.escape(str(lo['name']))} "
            f"({fmt.pct(lo['shiftable_share'])} van de contacten) tot "
            f"{fmt.num(hi['shiftable_per_inhabitant_per_year'], 2)} in {html.escape(str(hi['name']))} "
            f"({fmt.pct(hi['shiftable_share'])}); het verschil komt uit de leeftijdsopbouw (aandeel inwoners per "
            "groep) en de kanalen die een gemeente aanbiedt.</p>"
        )

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
        self.map.value = charts.png(
            charts.choropleth(
                per["saving_eur_per_inhabitant_per_year"],
                "Besparing per inwoner per jaar, theoretisch",
                "Besparing per inwoner per jaar (€, volle kosten per contact)",
            )
        )
        self.map_note.value = f"<p style='font-size:12px'>{html.escape(self.result.per_inhabitant_nl())}</p>"
        self.render_table()

    @guarded
    def render_table(self, rows: int = 40) -> None:
        per = self.result.per_gemeente.sort_values(self.sort.value, ascending=self.ascending.value)
        body = "".join(
            f"<tr><td>{html.escape(r.name)}</td><td>{html.escape(r.province)}</td>"
            f"<td style='text-align:right'>{fmt.num(r.population)}</td>"
            f"<td style='text-align:right'>{fmt.eur(r.saving_eur_per_year)}</td>"
            f"<td style='text-align:right'>{fmt.eur(r.saving_eur_per_inhabitant_per_year, 2)}</td></tr>"
            for r in per.head(rows).itertuples()
        )
        self.table.value = (
            "<div style='max-height:600px;overflow:auto'><table><tr><th>Gemeente</th><th>Provincie</th>"
            "<th>Inwoners</th><th>Besparing per jaar (theoretisch)</th><th>Per inwoner</th></tr>" + body + "</table>"
            f"<small>Eerste {rows} van {len(per)} gemeenten.</small></div>"
        )


def build_app() -> w.Widget:
    return LandelijkApp().widget


__all__ = [
    "LandelijkApp",
    "SORT_OPTIONS",
    "build_app",
]
