"""Levers as plug-ins: the new lever *proactieve statusberichten* through the registry alone.

Known answers are hand calculations, written out in each test.
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.headline import EVERYONE_SELF_RELIANT as SELF_RELIANT  # every resident can use a portal
from omnicalc.levers import BY_SECTION, LEVER_KEYS, LEVERS


@pytest.fixture
def phone_only():
    # 100,000 calls a year, status share 30% (30,000 status calls), EUR 11 a call (both stated, not the defaults)
    base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000, segments=SELF_RELIANT)
    return base.with_status_question_share(0.30, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": 11})


MESSAGES = oc.ProactiveStatus(
    notification_moment_share=0.5,
    message_reach_share=0.8,
    residual_contact_share=0.25,
    cost_eur_per_message=0.05,
    investment_eur=20_000,
)


def test_registry_order_and_keys():
    assert LEVER_KEYS == ("status_portal", "proactive_status", "digital_assistant", "repeat_contacts", "channel_shift")
    assert all(lv.label_nl and lv.explanation_nl for lv in LEVERS)
    assert BY_SECTION["channel_shifts"].key == "channel_shift"


def test_proactive_status_known_answer(phone_only):
    # avoided = 0.5 x 0.8 x (1 - 0.25) = 0.3 of 30,000 status calls = 9,000 calls x EUR 11 = EUR 99,000
    r = oc.evaluate(phone_only, oc.Scenario(proactive_status=MESSAGES))
    assert r.saving_eur_per_year == pytest.approx(99_000)
    assert r.per_lever.loc["proactive_status", "saving_eur_per_year"] == pytest.approx(99_000)
    # messages = 30,000 x 0.5 x 0.8 = 12,000 x EUR 0.05 = EUR 600 a year
    assert r.per_lever.loc["proactive_status", "running_cost_eur_per_year"] == pytest.approx(600)


def test_proactive_status_after_the_portal(phone_only):
    # the portal avoids 1 x 0.5 x 1 = 50%: 15,000 status calls remain; messages avoid 0.3 of them = 4,500
    s = oc.Scenario(status_portal=oc.StatusPortal(1.0, 0.5, 0.0), proactive_status=MESSAGES)
    r = oc.evaluate(phone_only, s)
    assert r.per_lever.loc["status_portal", "saving_eur_per_year"] == pytest.approx(165_000)
    assert r.per_lever.loc["proactive_status", "saving_eur_per_year"] == pytest.approx(49_500)
    # 15,000 x 0.5 x 0.8 = 6,000 messages x EUR 0.05
    assert r.per_lever.loc["proactive_status", "running_cost_eur_per_year"] == pytest.approx(300)


def test_proactive_status_in_the_business_case(phone_only):
    # two years, full effect from year 1, no discounting, theoretical savings:
    # NPV = -20,000 + 2 x (99,000 - 600) = 176,800
    case = oc.BusinessCase(
        horizon_years=2,
        discount_rate=0.0,
        wage_indexation_share=0.0,
        savings_basis="theoretical",
        ramps={"proactive_status": oc.Ramp("linear", 1, 1)},
    )
    bc = oc.run_business_case(phone_only, oc.Scenario(proactive_status=MESSAGES), case)
    assert bc.npv_eur == pytest.approx(176_800)
    y = bc.years
    assert y["investment_eur"].iloc[0] == pytest.approx(20_000)
    assert y["recurring_cost_eur"].iloc[1:].tolist() == pytest.approx([600, 600])


def test_proactive_status_ramps_its_reach(phone_only):
    # linear over 2 years: year 1 reach 0.4 -> avoided 0.5 x 0.4 x 0.75 = 0.15 -> 4,500 calls = EUR 49,500;
    # messages 30,000 x 0.5 x 0.4 = 6,000 -> EUR 300
    case = oc.BusinessCase(
        horizon_years=2,
        discount_rate=0.0,
        wage_indexation_share=0.0,
        savings_basis="theoretical",
        ramps={"proactive_status": oc.Ramp("linear", 1, 2)},
    )
    y = oc.run_business_case(phone_only, oc.Scenario(proactive_status=MESSAGES), case).years
    assert y["theoretical_saving_eur"].iloc[1] == pytest.approx(49_500)
    assert y["recurring_cost_eur"].iloc[1] == pytest.approx(300)


def test_scenario_file_reads_and_writes_the_new_section():
    text = (
        'schema_version = 2\ngemeente = "Zwolle"\n[proactive_status]\nnotification_moment_share = 0.5\n'
        "message_reach_share = 0.8\nresidual_contact_share = 0.25\ncost_eur_per_message = 0.05\n"
        "investment_eur = 20000\n"
    )
    sf = oc.read_scenario(text)
    assert sf.scenario.proactive_status == MESSAGES
    again = oc.read_scenario(oc.dump_scenario(sf))
    assert again.scenario.proactive_status == MESSAGES
    with pytest.raises(oc.ScenarioFileError, match="colour"):
        oc.read_scenario(text + "colour = 1\n")


def test_invalid_setting_names_the_field():
    with pytest.raises(oc.InputError, match="proactive_status.message_reach_share") as e:
        oc.ProactiveStatus(message_reach_share=1.5)
    assert "Bereik statusbericht" in e.value.message_nl


def test_monte_carlo_and_goal_seek_take_its_inputs(phone_only):
    s = oc.Scenario(proactive_status=MESSAGES)
    case = oc.BusinessCase(horizon_years=3)
    sim = oc.simulate(
        phone_only,
        s,
        case,
        draws=400,
        seed=2,
        ranges={"proactive_status.message_reach_share": oc.Range(0.5, 0.8, 0.9)},
        only=["proactive_status.message_reach_share"],
    )
    assert sim.input_draws["proactive_status.message_reach_share"].between(0.5, 0.9).all()
    assert np.ptp(sim.npv_eur) > 0
    g = oc.goal_seek(
        phone_only, s, lever="proactive_status.message_reach_share", target="yearly_saving_eur", value=49_500
    )
    # EUR 49,500 = 30,000 x 0.5 x reach x 0.75 x EUR 11 -> reach = 0.4
    assert g.value == pytest.approx(0.4, abs=1e-9)


def test_waterfall_and_national_pick_up_the_lever():
    nat = oc.evaluate_national(oc.Scenario(proactive_status=MESSAGES))
    assert (nat.per_gemeente["saving_proactive_status_eur_per_year"] > 0).all()
    assert nat.saving_eur_per_year == pytest.approx(nat.per_gemeente["saving_proactive_status_eur_per_year"].sum())


def test_reports_show_the_lever_and_its_inputs():
    from omnicalc.report.html import to_html

    text = (
        'schema_version = 2\ngemeente = "Zwolle"\n[proactive_status]\nnotification_moment_share = 0.5\n'
        "message_reach_share = 0.8\nresidual_contact_share = 0.25\ncost_eur_per_message = 0.05\n"
    )
    a = oc.analyse(oc.read_scenario(text), draws=100)
    inputs = a.inputs()
    assert "Bereik statusbericht" in set(inputs["input"])
    assert inputs.set_index("input").loc["Kosten per bericht", "value"] == pytest.approx(0.05)
    html = to_html(a)
    assert "Proactieve statusberichten" in html and "Bereik statusbericht" in html


def test_the_inputs_table_lists_every_declared_path_of_the_case_with_its_kernel_value():
    """Analysis.inputs iterates inputs.DECLARATIONS (via case_paths): every file path of a bottom-up case
    with chat, a shift and items appears once, with the value the kernel uses and a source."""
    from omnicalc import inputs as I

    text = (
        'schema_version = 2\nname = "alles"\ngemeente = "Zwolle"\n[cost]\nmethod = "bottom_up"\n'
        "loaded_hourly_rate_eur = 61.5\n[status_portal]\nreach_share = 0.5\nadoption_share = 0.4\n"
        '[[channel_shifts]]\nfrom_channel = "telefoon"\nto_channel = "chat"\nshare = 0.1\n'
        '[[business_case.investments]]\nlabel = "Portaal"\namount_eur = 100000\n'
        '[[business_case.recurring_costs]]\nlabel = "Beheer"\namount_eur_per_year = 20000\nstart_year = 2\n'
    )
    a = oc.analyse(oc.read_scenario(text), draws=50)
    table = a.inputs().set_index("path").drop(index="")
    assert table.index.is_unique
    declared = {d.path for d in I.DECLARATIONS}
    settings = [
        p
        for p in table.index
        if p.startswith(("business_case.staffing.", "business_case.release_mode")) and p not in declared
    ]
    kinds = {I.resolve(p).declaration.path for p in table.index.drop(settings) if I.lever_for_path(p) is None}
    in_file = {d.path for d in I.DECLARATIONS if d.in_file and d.method in (None, "bottom_up")}
    assert kinds == in_file
    assert table.loc["cost.loaded_hourly_rate_eur", "value"] == a.baseline.cost.loaded_hourly_rate_eur == 61.5
    # the workforce model's settings, each with its source: the loonkosten, attrition, the opening hours
    for name in oc.StaffingSettings.NUMERIC:
        row = table.loc[f"business_case.staffing.{name}"]
        assert row["value"] == getattr(a.business_case.case.staffing, name) and row["source"]
    assert "Beverwijk" in table.loc["business_case.staffing.opening_hours", "source"]
    assert table.loc["business_case.staffing.teams.kcc", "basis"] == "aanname"
    assert table.loc["cost.loaded_hourly_rate_eur", "basis"] == "invoer"  # changed from the shipped default
    assert table.loc["cost.productive_share", "basis"] != "invoer"  # the shipped default, with its source
    assert table.loc["business_case.investments[0].amount_eur", "input"] == "Eenmalige investering: Portaal"
    assert "vanaf jaar 2" in table.loc["business_case.recurring_costs[0].amount_eur_per_year", "source"]
    assert table.loc["channel_shifts[0].share", "value"] == pytest.approx(0.1)
    assert "cost.top_down_eur_per_contact.telefoon" not in table.index  # not used by the bottom-up method
    assert (table["source"] != "").all()


# ---------------------------------------------------------------- the digital assistant (issue 19)
ASSISTANT = oc.DigitalAssistant(
    reach_share=0.5, answered_share=0.7, escalation_extra_share=0.25, licence_eur_per_year=12_000, investment_eur=30_000
)


@pytest.fixture
def written():
    # 20,000 chats and 10,000 web forms; chat status share pinned at 30%, so the chat's information questions are
    # 0.2785714286 / 0.65 x 0.70 = 30% = 6,000 (the other reasons share the 70% in their default proportions); the
    # web form's default information share 10% = 1,000. Costs stated: chat EUR 6,60, web form EUR 0,63.
    base = oc.Baseline.from_channel_volumes(
        {"chat": 20_000, "webformulier": 10_000}, population=40_000, segments=SELF_RELIANT
    )
    return base.with_status_question_share(0.30, ("chat",)).with_cost(
        top_down_eur_per_contact={"chat": 6.6, "webformulier": 0.63}
    )


def test_digital_assistant_known_answer(written):
    # hand calculation: asked = 0.5 x (6,000 chat + 1,000 web) = 3,000 + 500; answered 0.7: 2,100 + 350 = 2,450
    # avoided; saving 2,100 x 6,60 + 350 x 0,63 = 13.860 + 220,50 = EUR 14.080,50. Passed on 900 + 150, each 25%
    # dearer: (900 x 6,60 + 150 x 0,63) x 0,25 = EUR 1.508,625; plus the licence EUR 12.000 = EUR 13.508,625 a year.
    r = oc.evaluate(written, oc.Scenario(digital_assistant=ASSISTANT))
    row = r.per_lever.loc["digital_assistant"]
    assert row["saving_eur_per_year"] == pytest.approx(14_080.50)
    assert row["running_cost_eur_per_year"] == pytest.approx(13_508.625)
    d = {k: float(np.sum(v)) for k, v in r.details["digital_assistant"].items()}
    assert d["asked_per_year"] == pytest.approx(3_500) and d["answered_per_year"] == pytest.approx(2_450)
    assert d["passed_on_per_year"] == pytest.approx(1_050) and d["kept_by_inclusion_per_year"] == pytest.approx(0)
    info = oc.REASONS.index("informatievraag")
    chat = oc.CHANNELS.index("chat")
    assert r.volume_after[chat, info] == pytest.approx(6_000 - 2_100)
    # the other reasons are untouched
    assert r.volume_after.sum() == pytest.approx(30_000 - 2_450)


def test_digital_assistant_leaves_who_needs_staff_with_staff():
    # segments 60/25/15%, floors 0/50/100%: the afhankelijk residents' questions are not answered by the assistant
    # (no self-service in the UWV model), beperkt zelfstandigen keep their floor; the note names information questions
    seg = oc.Segments(
        share={"zelfstandig": 0.60, "beperkt_zelfstandig": 0.25, "afhankelijk": 0.15},
        assisted_floor_share={"zelfstandig": 0.0, "beperkt_zelfstandig": 0.5, "afhankelijk": 1.0},
    )
    base = oc.Baseline.from_channel_volumes({"chat": 20_000, "telefoon": 20_000}, population=40_000, segments=seg)
    full = oc.DigitalAssistant(reach_share=1.0, answered_share=1.0)
    r = oc.evaluate(base, oc.Scenario(digital_assistant=full))
    np.testing.assert_allclose(r.segment_volume_after[2], r.segment_volume_before[2])
    kept = float(np.sum(r.details["digital_assistant"]["kept_by_inclusion_per_year"]))
    assert kept > 100
    assert r.inclusion_note_nl("digital_assistant").startswith(
        f"Digitale assistent: {oc.fmt.num(kept)} informatievragen"
    )


def test_digital_assistant_in_the_file_the_monte_carlo_and_the_waterfall(written):
    text = (
        'schema_version = 2\ngemeente = "Zwolle"\n[digital_assistant]\nreach_share = 0.5\nanswered_share = 0.7\n'
        "escalation_extra_share = 0.25\nlicence_eur_per_year = 12000\ninvestment_eur = 30000\n"
    )
    sf = oc.read_scenario(text)
    assert sf.scenario.digital_assistant == ASSISTANT
    assert oc.read_scenario(oc.dump_scenario(sf)).scenario.digital_assistant == ASSISTANT
    with pytest.raises(oc.InputError, match="digital_assistant.answered_share") as e:
        oc.DigitalAssistant(answered_share=1.2)
    assert "Beantwoord door de assistent" in e.value.message_nl
    # behaviour inputs are drawn within their declared range (0,5-0,97 and 0-0,5), by default
    sim = oc.simulate(
        written, oc.Scenario(digital_assistant=ASSISTANT), oc.BusinessCase(horizon_years=3), draws=300, seed=3
    )
    drawn = sim.input_draws["digital_assistant.answered_share"]
    assert drawn.between(0.5, 0.97).all() and drawn.std() > 0.01
    assert sim.input_draws["digital_assistant.escalation_extra_share"].between(0.0, 0.5).all()
    # a bar of its own in the waterfall, between the status messages and fewer repeat contacts
    from omnicalc import charts

    r = oc.evaluate(written, oc.Scenario(digital_assistant=ASSISTANT))
    assert list(r.per_lever.index) == list(LEVER_KEYS)
    chart = charts.waterfall(r.cost_before_eur_per_year, r.per_lever["saving_eur_per_year"].to_numpy())
    labels = [row["stap"] for row in chart.rows]
    assert labels.index("Digitale assistent") == 1 + LEVER_KEYS.index("digital_assistant")
    assert "-€ 14.081" in [row["tekst"] for row in chart.rows]
