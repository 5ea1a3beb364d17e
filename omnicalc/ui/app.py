"""Dashboard "Kanaalmix & businesscase" (first version: status portal for one gemeente).

The app owns its widgets and recomputes everything from one snapshot of them:
widgets -> frozen Scenario -> core -> render. Errors are shown in the page in Dutch.
"""

from __future__ import annotations

import html

import ipywidgets as w

from .. import fmt
from ..errors import InputError
from ..gemeenten import find_gemeente, gemeenten
from ..model import Result, Scenario, StatusPortal, baseline_for_gemeente, evaluate
from .widgets import SpecSlider


class KanaalmixApp:
    """Pick a gemeente, set the status portal, read the yearly saving."""

    def __init__(self, gemeente: str = "Utrecht") -> None:
        names = sorted(gemeenten()["name"])
        self.gemeente = w.Combobox(
            value=str(find_gemeente(gemeente)["name"]),
            options=names,
            description="Gemeente",
            ensure_option=False,
            placeholder="Typ een gemeente",
            style={"description_width": "180px"},
            layout=w.Layout(width="420px"),
        )
        self.gemeente.add_class("oc-gemeente")
        self.reach = SpecSlider("reach_share", 0.5, "oc-reach")
        self.adoption = SpecSlider("adoption_share", 0.5, "oc-adoption")
        self.residual = SpecSlider("residual_contact_share", 0.2, "oc-residual")
        self.kpi = w.HTML()
        self.kpi.add_class("oc-kpi")
        self.message = w.HTML()
        self.message.add_class("oc-message")
        self.baseline_info = w.HTML()
        self.baseline_info.add_class("oc-baseline")
        for widget in (self.gemeente, self.reach.slider, self.adoption.slider, self.residual.slider):
            widget.observe(lambda _: self.recompute(), "value")
        ready = w.HTML("")
        ready.add_class("oc-ready")
        self.widget = w.VBox(
            [
                w.HTML(
                    "<h2>Kanaalmix &amp; businesscase</h2>"
                    "<p>Kies een gemeente en stel het statusportaal in. Volumes zijn geschat uit het aantal "
                    "inwoners (CBS 2024) en de standaardwaarden; kosten per contact top-down.</p>"
                ),
                self.gemeente,
                self.baseline_info,
                self.reach,
                self.adoption,
                self.residual,
                self.kpi,
                self.message,
                ready,
            ]
        )
        self.result: Result | None = None
        self.recompute()

    def scenario(self) -> Scenario:
        return Scenario(status_portal=StatusPortal(self.reach.value, self.adoption.value, self.residual.value))

    def recompute(self) -> None:
        try:
            base = baseline_for_gemeente(self.gemeente.value)
            self.result = evaluate(base, self.scenario())
        except InputError as e:
            self.message.value = f"<div class='oc-error'>{html.escape(e.message_nl)}</div>"
            return
        self.message.value = ""
        r = self.result
        self.baseline_info.value = (
            f"<p>{html.escape(base.name)}: {fmt.num(base.population)} inwoners, "
            f"<span class='oc-contacts'>{fmt.num(r.volume_before.sum())}</span> contacten per jaar (geschat)</p>"
        )
        self.kpi.value = (
            f"<p>Besparing per jaar: <b class='oc-saving'>{fmt.eur(r.saving_eur_per_year)}</b> "
            f"(statusportaal, volle kosten per contact)</p>"
        )


def build_app(gemeente: str = "Utrecht") -> w.Widget:
    """The dashboard's root widget."""
    return KanaalmixApp(gemeente).widget
