"""The workforce model (issue 13): arrival profile, queues per channel kind, teams, release of staff.

Known answers are hand calculations, written out in each test; the smoothness and
consistency tests are the acceptance points of issue 13.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.business_case import released_fte
from omnicalc.workforce import ArrivalProfile, Team, parse_opening_hours, team_hours

CHAN = {c: i for i, c in enumerate(oc.CHANNELS)}

#: The issue's standard scenario: portal reach 0,6 / adoption 0,5 / residual 0,2; EUR 400.000 once,
#: EUR 80.000 a year, 6 years.
CASE = oc.BusinessCase(
    horizon_years=6,
    investments=(oc.Investment("Statusportaal", 400_000),),
    recurring_costs=(oc.RecurringCost("Licentie en beheer", 80_000),),
)


def portal(adoption: float = 0.5) -> oc.Scenario:
    return oc.Scenario(status_portal=oc.StatusPortal(0.6, adoption, 0.2))


def volumes(**given: float) -> np.ndarray:
    v = np.zeros(len(oc.CHANNELS))
    for c, x in given.items():
        v[CHAN[c]] = x
    return v


# ------------------------------------------------------------------ arrival profile
def test_opening_hours_as_gemeenten_publish_them():
    assert parse_opening_hours("werkdagen 08:30-17:00")["vr"] == ((510, 1020),)
    utrecht = parse_opening_hours("ma/di/do 09:00-17:00; wo/vr 09:00-13:00")  # utrecht.nl servicenormen 2025
    day, half = ((540, 1020),), ((540, 780),)
    assert utrecht == {"ma": day, "di": day, "do": day, "wo": half, "vr": half}
    assert sum(e - s for p in utrecht.values() for s, e in p) / 60 == 32  # "reduced hours: 32 h/week"
    # a lunch break, the usual "t/m", and Leek's Thursday evening (dekrantnieuws.nl 2018)
    lunch = parse_opening_hours("ma t/m vr 08:30-12:00; ma t/m vr 13:00-17:00")
    assert lunch["wo"] == ((510, 720), (780, 1020))
    assert ArrivalProfile.from_opening_hours("ma t/m vr 08:30-12:00; ma t/m vr 13:00-17:00").open_hours_per_week == 37.5
    leek = parse_opening_hours("ma-do 08:00-16:30; do 17:30-19:00; vr 08:00-16:00")
    assert leek["do"] == ((480, 990), (1050, 1140))


def test_a_saturday_morning_gets_a_share_for_its_hours():
    """Weekend days have no shipped share: the quietest weekday's (vr 17,6%) x 3 h / 8,5 h = 6,2%, before the
    shares are renormalised over the week (aanname); not a full weekday's share for three hours."""
    p = ArrivalProfile.from_opening_hours("werkdagen 08:30-17:00; za 09:00-12:00")
    saturday = sum(p.shares[-6:])
    assert saturday == pytest.approx(0.176 * 3 / 8.5 / (1 + 0.176 * 3 / 8.5))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("ma-vr 17:00-08:30", "closing time"),
        ("maandag 9:00-17:00", "days are"),
        ("ma-vr 25:00-26:00", "HH:MM"),
        ("ma-vr 08:30-12:00; ma 11:00-17:00", "overlap"),
    ],
)
def test_bad_opening_hours_name_the_field(text, fragment):
    with pytest.raises(oc.InputError, match=fragment) as e:
        parse_opening_hours(text)
    assert e.value.field == "staffing.opening_hours"
    assert e.value.message_nl.startswith("Openingstijden")


def test_standard_profile_is_not_flat_and_adds_up():
    p = ArrivalProfile.standard()
    shares = np.array(p.shares)
    assert p.open_hours_per_week == 42.5  # 5 x 8,5 hours
    assert shares.sum() == pytest.approx(1.0)
    per_day = shares.reshape(5, 17).sum(axis=1)
    assert per_day[0] == pytest.approx(0.24)  # Monday busiest (arrival_profile.csv)
    assert shares.max() / shares.min() > 2  # a peak mid-morning, quiet at the day's end
    assert len(p.distinct_shares[0]) > 20


# ------------------------------------------------------------------ queues per channel kind
def test_chat_slots_utrecht_needs_one_agent():
    """Issue 13's case: 11.227 chats a year ~ 2,70 per half hour, 480 s, 3 slots per agent.

    By hand, A = 2,70 x 480 / 1800 = 0,72 Erlang. Erlang B: B1 = 0,72 / 1,72 = 0,418605;
    B2 = 0,72 B1 / (2 + 0,72 B1) = 0,130963; B3 = 0,72 B2 / (3 + 0,72 B2) = 0,030473.
    C(3) = 3 B3 / (3 - 0,72 (1 - B3)) = 0,039713; SL = 1 - C exp(-(3 - 0,72) x 25 / 480)
    = 1 - 0,039713 x 0,888028 = 0,96473: one agent's 3 slots answer 96,5% within 25 s. Already two
    slots meet the norm: C(2) = 2 B2 / (2 - 0,72 (1 - B2)) = 0,190590, SL = 1 - 0,190590 x
    exp(-1,28 x 25 / 480) = 0,821701 >= 0,8, so ceil(2 / 3) = 1 agent (the old model divided the
    handling time by 3 and kept whole agents: 2).
    """
    s = oc.required_agents(2.70, 480, 1800, service_level_target_share=0.8, answer_time_seconds=25)
    assert int(s.agents) == 2
    assert float(s.service_level) == pytest.approx(0.821701, abs=1e-5)
    assert math.ceil(int(s.agents) / 3) == 1
    three = oc.required_agents(2.70, 480, 1800, service_level_target_share=0.9, answer_time_seconds=25)
    assert int(three.agents) == 3 and float(three.service_level) == pytest.approx(0.96473, abs=1e-5)
    # the workforce model on the same interval: a chat-only team without minimum staffing
    team = (
        Team("chat", "Chat", ("chat",), min_agents=0.0),
        Team("rest", "Rest", tuple(c for c in oc.CHANNELS if c != "chat")),
    )
    flat = ArrivalProfile.flat(1.0)  # two half-hour intervals a week, 2,70 chats each
    hours = team_hours(
        volumes(chat=2.70 * 2 * 52),
        np.full(len(oc.CHANNELS), 480.0),
        np.asarray(3.0),
        team,
        flat,
        service_level_target_share=0.8,
        answer_time_seconds=25,
        max_occupancy_share=1.0,
    )
    agents = hours[0] / 52 / 1.0  # agent hours per week over one open hour
    # the fractional slot count (between 1 and 2 slots: 1,96) over 3 slots per agent: less than one agent
    assert agents == pytest.approx(float(s.agents_fractional) / 3) and 1 / 3 < agents <= 1.0


def test_fractional_agents_move_continuously_with_the_load():
    calls = np.linspace(80, 120, 401)
    s = oc.required_agents(calls, 180, 1800, service_level_target_share=0.8, answer_time_seconds=20)
    frac = s.agents_fractional
    assert (np.diff(frac) >= -1e-12).all()  # monotone
    assert np.abs(np.diff(frac)).max() < 0.05  # no jumps of a whole agent
    assert ((s.agents - 1 <= frac) & (frac <= s.agents)).all()
    # at the published example (100 calls) the whole count is 14 (Call Centre Helper)
    assert s.agents[200] == 14 and 13 < frac[200] <= 14


def test_backlog_is_staffed_by_workload_by_hand():
    """52.000 e-mails x 420 s = 6.066,67 hours; / (1.872 x 0,65 = 1.216,8) = 4,98575 FTE."""
    st = oc.StaffingSettings(
        teams=(
            Team("kcc", "KCC", tuple(c for c in oc.CHANNELS if c != "balie"), 0.0),
            Team("balie", "Balie", ("balie",), 0.0),
        )
    )
    fte = oc.team_fte(volumes(email=52_000), oc.CostModel(handling_time_seconds={"email": 420}), st, 100_000)
    assert fte[0] == pytest.approx(52_000 * 420 / 3600 / (1872 * 0.65))


def test_minimum_staffing_absorbs_backlog_first():
    """One agent per open interval (42,5 h x 52 = 2.210 h a year) and no live contacts: 10.000 e-mails
    x 360 s = 1.000 h fit in that idle time; 40.000 e-mails = 4.000 h add the 1.790 h beyond it."""
    cost = oc.CostModel(handling_time_seconds={"email": 360})
    st = oc.StaffingSettings()
    productive = 1872 * 0.65
    assert oc.team_fte(volumes(email=10_000), cost, st, 100_000)[0] * productive == pytest.approx(2_210)
    assert oc.team_fte(volumes(email=40_000), cost, st, 100_000)[0] * productive == pytest.approx(4_000)
    # the agents a queue needs are the queue's: e-mail does not fill the Erlang margin of the phone
    with_calls = oc.team_fte(volumes(email=10_000, telefoon=100_000), cost, st, 100_000)[0]
    calls_only = oc.team_fte(volumes(telefoon=100_000), cost, st, 100_000)[0]
    assert with_calls == pytest.approx(calls_only + 1_000 / productive, rel=1e-9)


def test_combined_team_counts_workload_only():
    st = oc.StaffingSettings()
    cost = oc.CostModel()
    small = oc.team_fte(volumes(telefoon=1_000, chat=38), cost, st, 1_255)  # Vlieland's size: combined
    hours = (
        1_000 * cost.handling_time_seconds["telefoon"] / 3600
        + 38 * cost.handling_time_seconds["chat"] / 3600 / cost.chat_concurrency
    )
    assert small[0] == pytest.approx(hours / (1872 * 0.65))


# ------------------------------------------------------------------ release of staff
def test_released_fte_by_hand():
    """freed 0,4 / 1,7 / 3,2 / 3,2; lag 1; u = 0,1 (expected rounding loss 0,05).

    Team of 40 FTE, attrition 7% = 2,8 a year (not binding): t0 0; t1 min(0,4; 1,7) = 0,4 -> 0,35;
    t2 1,7 -> 1,65; t3 3,2 -> 3,15. Team of 10 FTE, 0,7 a year: t1 0,4 -> 0,35; t2 min(1,7; 0,4 + 0,7)
    = 1,1 -> 1,05; t3 min(3,2; 1,8) -> 1,75.
    """
    st = oc.StaffingSettings(fte_step=0.1, attrition_share=0.07, fte_release_lag_years=1)
    freed = np.array([0.4, 1.7, 3.2, 3.2])
    np.testing.assert_allclose(released_fte(freed, 40.0, st), [0, 0.35, 1.65, 3.15])
    np.testing.assert_allclose(released_fte(freed, 10.0, st), [0, 0.35, 1.05, 1.75])
    # more work than before is staffed at once
    np.testing.assert_allclose(released_fte(np.array([-0.5, -0.5]), 10.0, st), [-0.5, -0.5])


def test_loonkosten_by_hand():
    st = oc.StaffingSettings(
        salary_eur_per_month=3_500, salary_extras_share=0.1705, employer_charges_share=0.3, overhead_share=0.5
    )
    assert st.loonkosten_eur_per_fte == pytest.approx(3_500 * 12 * 1.1705 * 1.3)
    assert st.released_value_eur_per_fte == pytest.approx(st.loonkosten_eur_per_fte)  # overhead fixed
    var = oc.StaffingSettings(
        salary_eur_per_month=3_500,
        salary_extras_share=0.1705,
        employer_charges_share=0.3,
        overhead_share=0.5,
        overhead_variable=True,
    )
    assert var.released_value_eur_per_fte == pytest.approx(st.loonkosten_eur_per_fte * 1.5)


def test_herinzetten_saves_only_variable_costs_and_shows_the_capacity():
    base = oc.baseline_for_gemeente("Utrecht")
    cut = oc.run_business_case(base, portal(), CASE)
    keep = oc.run_business_case(base, portal(), oc.BusinessCase(**{**CASE.__dict__, "release_mode": "herinzetten"}))
    y, k = cut.years, keep.years
    np.testing.assert_allclose(k["realisable_saving_eur"], y["variable_saving_eur"])
    np.testing.assert_allclose(k["redeployed_value_eur"], y["fte_freed"] * CASE.staffing.loonkosten_eur_per_fte)
    assert keep.npv_eur < cut.npv_eur
    assert "heringezet" in keep.release_sentence_nl()
    assert "fte afgebouwd in jaar 2" in cut.release_sentence_nl()
    assert "halve eenheid per team verloren aan afronding" in cut.release_sentence_nl()
    lines = keep.year_lines_nl()
    assert "Vermeden werving (geen kasstroom)" in lines and "Personeelsbesparing" not in lines
    assert "Bij bezuinigen" in lines and "Bij herinzetten" in cut.year_lines_nl()


def test_realisable_above_theoretical_is_said_not_capped():
    """With overhead counted as variable and a high salary (inputs inside their ranges) an FTE released is
    worth more than the contacts' cost says: the line is not capped, the sentence warns."""
    st = oc.StaffingSettings(
        overhead_variable=True, overhead_share=1.2, salary_eur_per_month=4_150, friction_eur_per_fte=0
    )
    case = oc.BusinessCase(**{**CASE.__dict__, "staffing": st})
    bc = oc.run_business_case(oc.baseline_for_gemeente("Groningen"), portal(), case)
    y = bc.years
    assert (y["realisable_saving_eur"] > y["theoretical_saving_eur"]).any()
    assert "Let op" in bc.release_sentence_nl() and "boven de theoretische" in bc.release_sentence_nl()


# ------------------------------------------------------------------ acceptance of issue 13
@pytest.mark.parametrize("gemeente", ["Utrecht", "Zwolle", "Vlieland"])
def test_npv_is_smooth_in_adoption(gemeente):
    """Adoption 0,30 -> 0,60 in steps of 0,01: no step changes the NPV by more than 3 x the median step."""
    base = oc.baseline_for_gemeente(gemeente)
    npv = np.array([oc.run_business_case(base, portal(a), CASE).npv_eur for a in np.linspace(0.30, 0.60, 31)])
    steps = np.abs(np.diff(npv))
    assert (np.diff(npv) > 0).all()  # more adoption, more value
    assert steps.max() <= 3 * np.median(steps), (gemeente, steps.max(), np.median(steps))


@pytest.mark.parametrize("gemeente", ["Utrecht", "Zwolle", "Vlieland", "Almere", "Tilburg", "Breda"])
def test_shorter_phone_handling_never_raises_the_npv(gemeente):
    base = oc.baseline_for_gemeente(gemeente)
    aht = base.cost.handling_time_seconds["telefoon"]
    npv = []
    for a in (aht, aht - 5):
        b = base.with_cost(handling_time_seconds={**base.cost.handling_time_seconds, "telefoon": a})
        npv.append(oc.run_business_case(b, portal(), CASE).npv_eur)
    assert npv[1] <= npv[0] + 1e-6


def test_staffing_view_and_top_down_view_agree_for_utrecht_and_vlieland():
    """Issue 13: Utrecht's baseline staffing cost within 25% of its top-down cost, Vlieland's within a factor 1,5."""
    utrecht = oc.run_business_case(oc.baseline_for_gemeente("Utrecht"), portal(), CASE).staffing_check
    vlieland = oc.run_business_case(oc.baseline_for_gemeente("Vlieland"), portal(), CASE).staffing_check
    assert abs(utrecht.ratio - 1) <= 0.25, utrecht.sentence_nl()
    assert 1 / 1.5 <= vlieland.ratio <= 1.5, vlieland.sentence_nl()
    assert utrecht.agrees and "klein genoeg" in utrecht.sentence_nl()


def test_realisable_never_above_theoretical_for_any_gemeente():
    """No cap in the code: the realisable line is below the theoretical one because the model says so."""
    worst = -np.inf
    for g in oc.gemeenten().itertuples():
        bc = oc.run_business_case(oc.baseline_for_gemeente(g.code), portal(), CASE)
        y = bc.years
        worst = max(worst, float((y["realisable_saving_eur"] - y["theoretical_saving_eur"]).max()))
    assert worst <= 1e-6


def test_erlang_a_as_an_option_needs_fewer_agents_than_erlang_c():
    """With callers who hang up (mean patience 180 s) the queue needs no more agents than Erlang C
    (the known answers of Erlang A itself are in test_erlang); the scenario file carries the option."""
    base = oc.baseline_for_gemeente("Utrecht")
    c = oc.run_business_case(base, portal(), CASE)
    a_case = oc.BusinessCase(**{**CASE.__dict__, "staffing": oc.StaffingSettings(patience_seconds=180)})
    a = oc.run_business_case(base, portal(), a_case)
    assert a.outcome.fte_before[0] < c.outcome.fte_before[0]
    sf = oc.read_scenario(
        'schema_version = 2\ngemeente = "Utrecht"\n[business_case.staffing]\npatience_seconds = 180\n'
    )
    assert sf.business_case.staffing.patience_seconds == 180
    assert "patience_seconds = 180" in oc.dump_scenario(sf)
    with pytest.raises(oc.InputError, match="patience_seconds"):
        oc.StaffingSettings(patience_seconds=0)
