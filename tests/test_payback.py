"""Payback: one definition for the deterministic case and for every Monte Carlo draw, three states
(paid back, not within the horizon, nothing to pay back) and one Dutch sentence on every surface."""

from __future__ import annotations

import html

import numpy as np
import pytest

import omnicalc as oc
from omnicalc import cli, finance
from omnicalc.headline import EVERYONE_SELF_RELIANT as SELF_RELIANT  # every resident can use a portal


def phone_base() -> oc.Baseline:
    """Phone only, 30% status questions at EUR 11 a call (stated, not the shipped defaults)."""
    base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000, segments=SELF_RELIANT)
    return base.with_status_question_share(0.30, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": 11})


FULL_PORTAL = oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0))


def year_three_case(horizon_years: int = 5, investment_eur: float = 500_000) -> oc.BusinessCase:
    return oc.BusinessCase(
        horizon_years=horizon_years,
        savings_basis="theoretical",
        ramps={"status_portal": oc.Ramp("linear", 1, 3)},
        investments=(oc.Investment("portaal", investment_eur),),
    )


# ------------------------------------------------------------------------------- the three states
def test_nothing_to_pay_back_is_its_own_state_not_zero_years():
    for flows in ([0, 0, 0], [0, 10], [0.0]):
        p = finance.payback_year(flows)
        assert p.nothing_to_pay_back and p.year is None
        assert p.text_nl == "geen investering: niets terug te verdienen"
    year, paid = finance.payback_years(np.array([[0.0, 0.0, 0.0], [-10.0, 20.0, 0.0]]))
    assert paid.tolist() == [False, True]  # a draw with nothing to pay back is not a payback
    assert finance.nothing_to_pay_back(np.array([[0.0, 0.0], [-1.0, 5.0], [0.0, -1.0]])).tolist() == [
        True,
        False,
        False,
    ]
    # a cost later on is something to pay back: cumulative 0, -50, +50 -> 1 + 50/100
    assert finance.payback_year([0, -50, 100]).year == pytest.approx(1.5)


def test_a_case_paying_back_in_year_three_hand_computed():
    """Full portal on 100,000 calls with 30% status questions: 30,000 calls x EUR 11 = EUR 330,000 a year at
    full effect (the test_business_case known answer); linear ramp over 3 years: 110,000 / 220,000 / 330,000.
    Investment 500,000 at t = 0. Cumulative -500,000, -390,000, -170,000, +160,000: paid back in year 3,
    at 2 + 170,000 / 330,000 = 2.515 years."""
    bc = oc.run_business_case(phone_base(), FULL_PORTAL, year_three_case())
    np.testing.assert_allclose(bc.cash_flows_eur, [-500_000, 110_000, 220_000, 330_000, 330_000, 330_000])
    assert bc.payback.year == pytest.approx(2 + 170_000 / 330_000)
    assert not bc.payback.nothing_to_pay_back
    # horizon 2: cumulative still -170,000 at the end -> not within the horizon
    short = oc.run_business_case(phone_base(), FULL_PORTAL, year_three_case(2))
    assert short.payback.year is None and not short.payback.nothing_to_pay_back
    assert short.payback.text_nl == "geen terugverdientijd binnen de looptijd van 2 jaar"


# ------------------------------------------------------------------------------- one definition, every draw
@pytest.mark.parametrize("horizon, expected", [(5, 1.0), (2, 0.0)])
def test_a_simulation_without_spread_gives_the_deterministic_answer(horizon, expected):
    """With every input at its base (no input varied), each draw is the deterministic case: the probability
    of payback is 1 when the case pays back and 0 when it does not, and the payback percentiles equal it."""
    case = year_three_case(horizon)
    bc = oc.run_business_case(phone_base(), FULL_PORTAL, case)
    sim = oc.simulate(phone_base(), FULL_PORTAL, case, draws=50, seed=3, only=[])
    np.testing.assert_allclose(sim.net_cash_flow_eur, np.broadcast_to(bc.cash_flows_eur, (50, horizon + 1)))
    assert sim.probability_of_payback == expected == (bc.payback.year is not None)
    assert all(p == bc.payback for p in sim.payback_percentiles.values())


def test_each_draw_uses_the_deterministic_payback_function():
    """Draw by draw, the simulation's payback equals finance.payback_year on that draw's own cash flows."""
    case = year_three_case(3, 800_000)  # base: 660,000 saved in 3 years < 800,000; a phone cost above EUR 13,33 repays
    sim = oc.simulate(phone_base(), FULL_PORTAL, case, draws=400, seed=11)
    one_by_one = [finance.payback_year(row) for row in sim.net_cash_flow_eur]
    assert 0 < sim.paid_back.sum() < 400  # the case is on the edge: both outcomes occur
    assert sim.paid_back.tolist() == [p.year is not None for p in one_by_one]
    np.testing.assert_allclose(sim.payback_year[sim.paid_back], [p.year for p in one_by_one if p.year is not None])
    assert sim.probability_of_payback == pytest.approx(np.mean([p.year is not None for p in one_by_one]))


def test_the_empty_case_has_no_probability_of_payback():
    """No levers, no investment, no costs: nothing to pay back, in the case and in every draw."""
    base = oc.baseline_for_gemeente("Utrecht")
    bc = oc.run_business_case(base, oc.Scenario(), oc.BusinessCase())
    assert bc.payback.nothing_to_pay_back and bc.payback.text_nl == "geen investering: niets terug te verdienen"
    sim = oc.simulate(base, oc.Scenario(), oc.BusinessCase(), draws=200, seed=1)
    assert sim.nothing_to_pay_back.all() and not sim.paid_back.any()
    assert sim.probability_of_payback is None and sim.probability_of_payback_nl == "n.v.t."
    assert all(p.nothing_to_pay_back for p in sim.payback_percentiles.values())
    assert sim.payback_sentence_nl(bc.payback) == "Geen investering: niets terug te verdienen."
    assert "n.v.t." in sim.summary_nl()


# ------------------------------------------------------------------------------- one sentence everywhere
def test_the_sentence_says_both_the_base_and_the_simulation():
    assert (
        finance.payback_sentence_nl(finance.Payback.none_within(6), 6, 0.69)
        == "Niet binnen de looptijd van 6 jaar in de basisraming; in 69% van de simulaties wel."
    )
    assert (
        finance.payback_sentence_nl(finance.Payback(2.5151), 5, 0.97)
        == "Terugverdiend na 2,5 jaar in de basisraming; in 97% van de simulaties binnen de looptijd van 5 jaar."
    )
    assert finance.payback_sentence_nl(finance.Payback.none_within(6), 6) == (
        "Niet terugverdiend binnen de looptijd van 6 jaar."
    )
    assert "met iets terug te verdienen" in finance.payback_sentence_nl(finance.Payback(2.0), 5, 0.5, 0.1)


EDGE = (
    'schema_version = 2\ngemeente = "Zwolle"\n[status_portal]\nreach_share = 0.5\nadoption_share = 0.4\n'
    '[business_case]\nhorizon_years = 5\n[[business_case.investments]]\nlabel = "Portaal"\namount_eur = 320000\n'
)
EMPTY = 'schema_version = 2\ngemeente = "Zwolle"\n'


@pytest.mark.parametrize("text", [EDGE, EMPTY], ids=["not-in-base-some-draws", "empty"])
def test_kpi_card_cli_and_report_say_the_same_sentence(text, tmp_path, capsys):
    from omnicalc.report.html import to_html

    a = oc.analyse(oc.read_scenario(text), draws=300, seed=7)
    sentence = a.payback_sentence_nl
    assert a.kpis.loc["payback_year", "note_nl"] == sentence
    assert html.escape(sentence) in to_html(a)
    path = tmp_path / "case.toml"
    path.write_text(text)
    assert cli.main(["evaluate", str(path), "--draws", "300", "--seed", "7"]) == 0
    assert f"\n{sentence}\n" in capsys.readouterr().out
    assert cli.main(["simulate", str(path), "--draws", "300", "--seed", "7"]) == 0
    assert sentence in capsys.readouterr().out
    if text is EDGE:  # the deterministic case does not pay back, some draws do: both in one sentence
        assert sentence.startswith("Niet binnen de looptijd van 5 jaar in de basisraming; in ")
        assert sentence.endswith("van de simulaties wel.") and 0 < a.simulation.probability_of_payback < 1
    else:
        assert sentence == "Geen investering: niets terug te verdienen." and "0 jaar" not in sentence
