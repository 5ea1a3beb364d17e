"""Dashboard "Statusvragen (MijnServices)": the status-question case for one gemeente and nationally.

The national part says omnicalc's own estimate with its band and what the pilot's claim ("EUR 11
at 30% gives well over EUR 65 million") needs, in one sentence (:func:`omnicalc.headline.national_headline`,
the same as the landing page), and keeps the claim reproducible as the preset *claim uit de pilot*
with its inputs on screen.
"""

from __future__ import annotations

import html
from dataclasses import replace

import ipywidgets as w

from .. import fmt, params
from ..analysis import DEFAULT_DRAWS, THEORETICAL_NL
from ..gemeenten import find_gemeente, gemeenten
from ..headline import (
    CLAIM_COST_EUR_PER_CALL,
    CLAIM_STATUS_QUESTION_SHARE,
    claim_label_nl,
    claim_needs_calls_per_inhabitant,
    headline,
    national_headline,
    national_population,
)
from ..model import Scenario, StatusPortal, evaluate
from ..presets import standard_portal, standard_scenario_file
from ..scenario_file import ScenarioFile
from ..uncertainty import DEFAULT_SEED, simulate
from .a11y import PageHelper
from .layout import page_style
from .widgets import SpecSlider, coalesced, guarded


class StatusvragenApp:
    """A status portal for one gemeente, and the national headline from visible inputs."""

    def __init__(self, gemeente: str = "Utrecht") -> None:
        phone = params.default_value("cost_eur_per_contact", channel="telefoon")
        status = params.default_value("reason_share", channel="telefoon", reason="statusvraag")
        self.gemeente = w.Combobox(
            value=str(find_gemeente(gemeente)["name"]),
            options=sorted(gemeenten()["name"]),
            ensure_option=False,
            description="Gemeente",
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.gemeente.add_class("oc-gemeente")
        status_source, cost_source = ("reason_share", "telefoon", "statusvraag"), ("cost_eur_per_contact", "telefoon")
        self.status = SpecSlider(
            "reason_share",
            status,
            "oc-status-share",
            description="Aandeel statusvragen (telefoon)",
            source=status_source,
        )
        self.cost = SpecSlider(
            "cost_eur_per_contact", phone, "oc-status-cost", description="Kosten telefooncontact", source=cost_source
        )
        portal = standard_portal()
        self.reach = SpecSlider("reach_share", portal.reach_share, "oc-status-reach")
        self.adoption = SpecSlider("adoption_share", portal.adoption_share, "oc-status-adoption")
        self.residual = SpecSlider("residual_contact_share", portal.residual_contact_share, "oc-status-residual")
        self.local = w.HTML()
        self.local.add_class("oc-status-local")
        self.calls = SpecSlider(
            "contacts_per_inhabitant_per_year",
            round(claim_needs_calls_per_inhabitant(), 2),
            "oc-national-calls",
            description="Telefoontjes per inwoner",
            example=True,
        )
        self.nat_status = SpecSlider(
            "reason_share",
            CLAIM_STATUS_QUESTION_SHARE,
            "oc-national-status",
            description="Aandeel statusvragen",
            source=status_source,
        )
        self.nat_cost = SpecSlider(
            "cost_eur_per_contact",
            CLAIM_COST_EUR_PER_CALL,
            "oc-national-cost",
            description="Kosten per telefoontje",
            source=cost_source,
        )
        self.national_sentence = w.HTML(f"<p><b>{html.escape(national_headline().sentence_nl())}</b></p>")
        self.national_sentence.add_class("oc-national-headline")
        self.national = w.HTML()
        self.national.add_class("oc-headline")
        self.message = w.HTML()
        for s in (self.status, self.cost, self.reach, self.adoption, self.residual):
            s.slider.observe(lambda _: self.recompute_local(), "value")
        self.gemeente.observe(lambda _: self.recompute_local(), "value")
        for s in (self.calls, self.nat_status, self.nat_cost):
            s.slider.observe(lambda _: self.recompute_national(), "value")
        ready = w.HTML("")
        ready.add_class("oc-ready")
        self.page = PageHelper("omnicalc — Statusvragen (MijnServices)")
        self.widget = w.VBox(
            [
                w.HTML(
                    "<h2>Statusvragen (MijnServices)</h2><p>30–40% van de contacten zijn statusvragen (“hoe staat "
                    "het met mijn aanvraag?”). Wat levert een statusportaal op? Bron: VNG MijnServices-pilot "
                    "(~20 gemeenten), podcast Gebruiker Centraal 2024–2025.</p>"
                ),
                self.message,
                w.HTML(
                    "<h3>Uw gemeente</h3><p>Startwaarden: het standaardscenario, dezelfde als in Kanaalmix en het "
                    "Landelijk overzicht (alle kanalen van de gemeente).</p>"
                ),
                self.gemeente,
                self.status,
                self.cost,
                self.reach,
                self.adoption,
                self.residual,
                self.local,
                w.HTML("<h3>Landelijk</h3>"),
                self.national_sentence,
                w.HTML(
                    "<h4>Claim uit de pilot nagerekend</h4><p>"
                    + html.escape(claim_label_nl()).replace("(aanname)", "(<b>aanname</b>)")
                    + ". De claim gaat ervan uit dat élke statusvraag verdwijnt (bereik 100%, adoptie 100%, geen "
                    "restcontact). Hieronder staan de invoer van de claim; het startgetal voor telefoontjes per "
                    "inwoner is wat de claim nodig heeft. Wijzig ze om te zien wat de claim vraagt.</p>"
                ),
                self.calls,
                self.nat_status,
                self.nat_cost,
                self.national,
                ready,
                self.page,
                page_style(),
            ]
        )
        self.recompute_local()
        self.recompute_national()

    def local_file(self) -> ScenarioFile:
        """The gemeente's standard scenario (:func:`omnicalc.presets.standard_scenario_file`) with this page's
        portal and phone cost: at the start values the same file as Kanaalmix starts from."""
        sf = standard_scenario_file(self.gemeente.value)
        portal = StatusPortal(self.reach.value, self.adoption.value, self.residual.value)
        return replace(
            sf,
            scenario=Scenario(name=sf.scenario.name, levers=sf.scenario.levers, status_portal=portal),
            cost=replace(sf.cost, top_down_eur_per_contact={"telefoon": self.cost.value}),
        )

    @coalesced
    @guarded
    def recompute_local(self) -> None:
        sf = self.local_file()
        base = sf.baseline()  # every channel of the gemeente
        status = base.volume_table()["statusvraag"]
        if abs(status["telefoon"] / base.volume_per_channel["telefoon"] - self.status.value) > 1e-12:
            base = base.with_status_question_share(self.status.value, ("telefoon",))
            status = base.volume_table()["statusvraag"]
        r = evaluate(base, sf.scenario)
        sim = simulate(base, sf.scenario, sf.business_case, draws=DEFAULT_DRAWS, seed=DEFAULT_SEED)
        self.message.value = ""
        contacts = r.volume_before.sum()
        avoided = contacts - r.volume_after.sum()
        self.local.value = (
            f"<p>{html.escape(base.name)}: {fmt.num(contacts)} contacten per jaar over alle kanalen (geschat uit "
            f"{fmt.num(base.population)} inwoners), waarvan {fmt.num(status.sum())} statusvragen "
            f"({fmt.num(status['telefoon'])} telefonisch). Het portaal voorkomt <b>{fmt.num(avoided)}</b> contacten: "
            f"<b class='oc-status-saving'>{fmt.eur(r.saving_eur_per_year)}</b> per jaar, {THEORETICAL_NL} "
            f"({html.escape(sim.band_nl('theoretical_saving_eur', r.saving_eur_per_year))}).</p>"
        )

    @coalesced
    @guarded
    def recompute_national(self) -> None:
        pop = national_population()
        h = headline(
            self.calls.value * pop, status_question_share=self.nat_status.value, cost_eur_per_call=self.nat_cost.value
        )
        nh = national_headline()
        self.national.value = (
            f"<p>Rekensom van de claim: {fmt.num(self.calls.value, 2)} telefoontjes per inwoner × {fmt.num(pop)} "
            f"inwoners (CBS 2024) = {fmt.num(h.calls_per_year)} telefoontjes × {fmt.pct(h.status_question_share, 0)} "
            f"statusvragen × {fmt.eur(h.cost_eur_per_call, 2)} = <b class='oc-headline-saving' style='font-size:20px'>"
            f"{fmt.eur(h.saving_eur_per_year)}</b> per jaar. Dit is de rekensom van de claim met deze invoer, niet de "
            f"raming van omnicalc (die staat hierboven: {fmt.eur(nh.central_eur)}, P10 {fmt.eur(nh.low_eur)} – P90 "
            f"{fmt.eur(nh.high_eur)}).</p>"
        )


def build_app(gemeente: str = "Utrecht") -> w.Widget:
    return StatusvragenApp(gemeente).widget


__all__ = [
    "StatusvragenApp",
    "build_app",
]
