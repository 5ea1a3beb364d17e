"""Named starting points: the standard scenario every screen starts from, and the pilot's claim.

- :func:`standard_scenario_file` is the one example scenario: the three dashboards, the CLI's
  ``omnicalc voorbeeld`` and the documentation start from it, so the same gemeente shows the
  same numbers everywhere. Its lever settings are the declared central values of residents'
  behaviour (``parameters.csv``: reach 50%, adoption 60%, residual contact 25%, each *aanname*
  with a range the Monte Carlo draws), every other input the shipped default.
- :func:`claim_scenario_file` is the preset *claim uit de pilot*: the VNG MijnServices pilot's
  "EUR 11 at 30%" for one gemeente, with every status question avoided. EUR 11 and 30% are the
  low ends of the published ranges (EUR 11-31, 30-40%), so it is labelled as such
  (:func:`omnicalc.headline.claim_label_nl`).

>>> sf = standard_scenario_file("Zwolle")
>>> sf.scenario.status_portal.adoption_share
0.6
"""

from __future__ import annotations

from dataclasses import replace

from . import params
from .business_case import BusinessCase, Investment, Ramp, RecurringCost
from .gemeenten import find_gemeente
from .headline import CLAIM_COST_EUR_PER_CALL, CLAIM_PRESET_NL, CLAIM_STATUS_QUESTION_SHARE, SELF_RELIANT_SHARES
from .levers import LEVER_KEYS
from .model import CostModel, Scenario, Segments, StatusPortal
from .scenario_file import ScenarioFile

#: The channels whose status-question share the pilot's 30-40% describes (the phone and the assisted channels
#: that share its default); the counter, the web form and post keep their own, lower shares.
CLAIM_CHANNELS = ("telefoon", "email", "chat", "whatsapp_social")

#: The standard scenario's name.
STANDARD_NAME_NL = "Statusportaal"
#: The labels of the standard scenario's one-off and yearly cost (the dashboards' sliders stand for them).
INVESTMENT_LABEL, RECURRING_LABEL = "Eenmalige investering", "Jaarlijkse kosten"
#: The standard scenario's costs of the portal [EUR; EUR/year] (voorbeeld: a gemeente fills in its own quote).
STANDARD_INVESTMENT_EUR, STANDARD_RECURRING_EUR = 250_000.0, 50_000.0


def standard_portal() -> StatusPortal:
    """The status portal at the declared central values of reach, adoption and residual contact."""
    return StatusPortal(
        params.default_value("reach_share"),
        params.default_value("adoption_share"),
        params.default_value("residual_contact_share"),
    )


def standard_scenario_file(gemeente: str = "Utrecht") -> ScenarioFile:
    """The example scenario for ``gemeente``: a status portal at the central values, top-down costs, an
    s-curve ramp over the declared years to full effect, and the example costs.

    Parameters
    ----------
    gemeente : str
        CBS name or code of the gemeente, e.g. ``"Zwolle"`` or ``"GM0193"``.
    """
    g = find_gemeente(gemeente)
    ramp = Ramp("s_curve", 1, params.default_value("ramp_years_to_full"))
    return ScenarioFile(
        gemeente=str(g["name"]),
        scenario=Scenario(name=STANDARD_NAME_NL, status_portal=standard_portal()),
        cost=CostModel(method="top_down"),
        business_case=BusinessCase(
            ramps={lv: ramp for lv in LEVER_KEYS},
            investments=(Investment(INVESTMENT_LABEL, STANDARD_INVESTMENT_EUR),),
            recurring_costs=(RecurringCost(RECURRING_LABEL, STANDARD_RECURRING_EUR),),
        ),
    )


def claim_scenario_file(gemeente: str = "Utrecht") -> ScenarioFile:
    """The preset *claim uit de pilot* for ``gemeente``: phone EUR 11, 30% status questions, every status
    question avoided (reach and adoption 100%, no residual contact), with the claim's assumption that every
    resident can use the portal (all *zelfstandig*: the preset sets the inclusion floors aside, and says so);
    otherwise the standard scenario.

    Parameters
    ----------
    gemeente : str
        CBS name or code of the gemeente.
    """
    sf = standard_scenario_file(gemeente)
    cost = replace(sf.cost, top_down_eur_per_contact={"telefoon": CLAIM_COST_EUR_PER_CALL})
    return replace(
        sf,
        scenario=Scenario(name=CLAIM_PRESET_NL.capitalize(), status_portal=StatusPortal(1.0, 1.0, 0.0)),
        cost=cost,
        status_question_share=dict.fromkeys(
            ("telefoon", "email", "chat", "whatsapp_social"), CLAIM_STATUS_QUESTION_SHARE
        ),
        segments=Segments(share=SELF_RELIANT_SHARES),
    )


__all__ = [
    "INVESTMENT_LABEL",
    "RECURRING_LABEL",
    "STANDARD_INVESTMENT_EUR",
    "STANDARD_NAME_NL",
    "STANDARD_RECURRING_EUR",
    "claim_scenario_file",
    "standard_portal",
    "standard_scenario_file",
]
