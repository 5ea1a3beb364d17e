"""Inclusion that holds (issue 14): the UWV channel model, floors on the right channels, the in-person part.

Known answers are hand calculations from the stated inputs; the four cases are the issue's findings.
"""

from __future__ import annotations

import numpy as np
import pytest

import omnicalc as oc
from omnicalc import inclusion
from omnicalc.domain import CHANNELS, REASONS, SEGMENTS
from omnicalc.headline import EVERYONE_SELF_RELIANT

PHONE, CHAT, BALIE, WEB = (CHANNELS.index(c) for c in ("telefoon", "chat", "balie", "webformulier"))
STATUS, AANVRAAG = REASONS.index("statusvraag"), REASONS.index("aanvraag")
AFHANKELIJK = SEGMENTS.index("afhankelijk")
SEGMENTS_60_25_15 = oc.Segments(
    share={"zelfstandig": 0.60, "beperkt_zelfstandig": 0.25, "afhankelijk": 0.15},
    assisted_floor_share={"zelfstandig": 0.0, "beperkt_zelfstandig": 0.5, "afhankelijk": 1.0},
)


def phone_only() -> oc.Baseline:
    base = oc.Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000, segments=SEGMENTS_60_25_15)
    return base.with_status_question_share(0.30, ("telefoon",)).with_cost(top_down_eur_per_contact={"telefoon": 11})


def test_the_tables_are_declared_with_their_source():
    rows = inclusion.uwv_rows()
    assert len(rows) == 9 and all(r["source"] for r in rows)
    assert {r["complexity"] for r in rows} == set(inclusion.COMPLEXITIES)
    assert set(inclusion.reason_complexity()) == set(REASONS)
    # roles: counter, phone and post personal; e-mail, chat, WhatsApp digitally assisted; web form self-service
    assert dict(zip(CHANNELS, inclusion.CHANNEL_ROLES)) == {
        "balie": "personal",
        "telefoon": "personal",
        "email": "assisted",
        "chat": "assisted",
        "whatsapp_social": "assisted",
        "webformulier": "self_service",
        "post": "personal",
    }
    # afhankelijk: personal channels only, for every reason
    assert not inclusion.allowed()[AFHANKELIJK, [CHANNELS.index(c) for c in ("email", "chat", "webformulier")]].any()


def test_the_portal_leaves_afhankelijk_status_questions_on_personal_channels():
    # 100,000 calls, 30% status = 30,000; segments 60/25/15%, floors 0/50/100%. A full portal (1, 1, 0):
    # zelfstandig 18,000 avoided; beperkt zelfstandig 7,500 status calls, room above the floor 7,500 - 0,5 x 7,500
    # = 3,750 avoided; afhankelijk none (the UWV model allows them no self-service). 21,750 avoided, 8,250 kept.
    r = oc.evaluate(phone_only(), oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0)))
    assert r.volume_before[PHONE, STATUS] - r.volume_after[PHONE, STATUS] == pytest.approx(21_750)
    assert r.saving_eur_per_year == pytest.approx(21_750 * 11)
    kept = r.segment_volume_after[AFHANKELIJK, :, STATUS]
    np.testing.assert_allclose(kept, r.segment_volume_before[AFHANKELIJK, :, STATUS])
    assert float(np.sum(r.details["status_portal"]["kept_by_inclusion_per_year"])) == pytest.approx(8_250)
    assert any("8.250 statusvragen" in n for n in r.inclusion_notes_nl())


def test_utrecht_portal_keeps_the_afhankelijk_residents_status_contacts():
    # the finding: StatusPortal(1, 1, 0) removed every status contact of Utrecht's afhankelijk residents
    r = oc.evaluate(oc.baseline_for_gemeente("Utrecht"), oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0)))
    before, after = r.segment_volume_before[AFHANKELIJK, :, STATUS], r.segment_volume_after[AFHANKELIJK, :, STATUS]
    assert before.sum() > 1_000 and after.sum() == pytest.approx(before.sum())
    personal = np.array([role == "personal" for role in inclusion.CHANNEL_ROLES])
    assert after[~personal].sum() == pytest.approx(0.0, abs=1e-6)  # all on personal channels


def test_the_optimal_mix_moves_no_afhankelijk_contact_to_chat():
    # the finding: optimal_mix(Utrecht) moved 11.199 counter contacts of afhankelijk residents to chat
    mix = oc.optimal_mix(oc.baseline_for_gemeente("Utrecht"))
    assert mix.moved[AFHANKELIJK, :, :, CHAT].sum() == 0.0
    assert (
        mix.moved[AFHANKELIJK][:, :, [CHANNELS.index(c) for c in ("email", "whatsapp_social", "webformulier")]].sum()
        == 0
    )
    # and the in-person part of the counter's aanvragen stays: at most 20% of it leaves
    assert mix.moved[:, AANVRAAG, BALIE, :].sum() <= 0.2 * mix.volume_before[:, BALIE, AANVRAAG].sum() + 1e-6


def test_the_in_person_part_of_aanvraag_stays_at_the_counter():
    # 1,000 counter visits, 75% aanvragen = 750 (shipped reason share); 80% of those must be in person (passports,
    # ID cards, driving licences: parameter in_person_share) = 600. Every resident self-reliant, so nothing else
    # holds the shift back: of the 750 asked, 150 move.
    base = oc.Baseline.from_channel_volumes({"balie": 1_000}, population=10_000, segments=EVERYONE_SELF_RELIANT)
    shift = oc.ChannelShift("balie", "webformulier", 1.0, reason="aanvraag")
    r = oc.evaluate(base, oc.Scenario(channel_shifts=(shift,)))
    row = r.per_shift.iloc[0]
    assert row["requested_per_year"] == pytest.approx(750)
    assert row["moved_per_year"] == pytest.approx(150)
    assert row["kept_in_person_per_year"] == pytest.approx(600)
    assert r.volume_after[BALIE, AANVRAAG] == pytest.approx(600)


def test_the_full_shift_of_counter_aanvraag_is_capped_with_a_dutch_message():
    # the finding: ChannelShift("balie", "webformulier", 1.0, reason="aanvraag") was accepted and "saved" EUR 3,0 M
    r = oc.evaluate(
        oc.baseline_for_gemeente("Utrecht"),
        oc.Scenario(channel_shifts=(oc.ChannelShift("balie", "webformulier", 1.0, reason="aanvraag"),)),
    )
    row = r.per_shift.iloc[0]
    assert row["moved_per_year"] < 0.2 * row["requested_per_year"] + 1e-6
    note = row["note_nl"]
    assert "80% van de aanvragen via balie moet persoonlijk (paspoort, ID-kaart, rijbewijs)" in note
    assert "De verschuiving is beperkt tot" in note and note in r.inclusion_notes_nl()
    # the cap is visible in the CLI text too
    from omnicalc import cli

    assert note in cli.render_result(r)


def test_a_request_within_the_rules_moves_in_full_and_says_nothing():
    r = oc.evaluate(
        oc.Baseline.from_channel_volumes({"telefoon": 10_000}, population=5_000, segments=EVERYONE_SELF_RELIANT),
        oc.Scenario(channel_shifts=(oc.ChannelShift("telefoon", "email", 0.5, reason="informatievraag"),)),
    )
    row = r.per_shift.iloc[0]
    assert row["moved_per_year"] == pytest.approx(row["requested_per_year"]) and row["moved_per_year"] > 1_000
    assert r.per_shift.iloc[0]["note_nl"] == "" and r.inclusion_notes_nl() == []


def test_an_aanvraag_is_not_shifted_to_a_channel_that_cannot_handle_it():
    # channel_suitability.csv: an aanvraag needs DigiD or a signature, so the phone cannot handle it. Of 1,000
    # counter visits, 750 aanvragen (shipped reason share); 600 must stay in person; the other 150 would be
    # movable, but not to the phone: nothing moves, and the note says why.
    assert not inclusion.suitable()[PHONE, AANVRAAG] and inclusion.suitable()[WEB, AANVRAAG]
    base = oc.Baseline.from_channel_volumes({"balie": 1_000}, population=10_000, segments=EVERYONE_SELF_RELIANT)
    r = oc.evaluate(base, oc.Scenario(channel_shifts=(oc.ChannelShift("balie", "telefoon", 1.0, reason="aanvraag"),)))
    row = r.per_shift.iloc[0]
    assert row["requested_per_year"] == pytest.approx(750) and row["moved_per_year"] == pytest.approx(0)
    assert row["kept_in_person_per_year"] == pytest.approx(600)
    assert row["kept_unsuitable_per_year"] == pytest.approx(150)
    assert "telefoon kan geen aanvragen afhandelen" in row["note_nl"]
    assert r.saving_eur_per_year == pytest.approx(0)


def test_the_suitability_matrix_is_declared_with_its_source():
    rows = inclusion.suitability_rows()
    assert {r["reason"] for r in rows} == set(REASONS) and all(r["source"] for r in rows)
    assert inclusion.suitable().shape == (len(CHANNELS), len(REASONS))
    # every reason can be handled at the counter and on at least one other channel
    assert inclusion.suitable()[BALIE].all() and (inclusion.suitable().sum(axis=0) >= 2).all()


def test_residents_time_and_travel_per_segment_by_hand():
    # issue 14 point 6: the residents' side per segment. Hand calculation: 10,000 counter visits, 10% information
    # questions = 1,000 (shipped reason share), split 60/25/15% = 600 / 250 / 150. Shift all of them to the web form:
    # zelfstandig 600 move; beperkt zelfstandig keep half on a staffed channel (floor 50%): 125 move; afhankelijk
    # none (no self-service in the UWV model). Residents' cost per contact: counter 40 min / 60 x EUR 15 + EUR 3
    # travel = EUR 13,00; web form 10 min / 60 x EUR 15 = EUR 2,50. Change: 600 x (2,50 - 13,00) = -6.300;
    # 125 x -10,50 = -1.312,50; 0. Per resident (50,000 x share): -6.300 / 30.000 = -0,21; -1.312,50 / 12.500 = -0,105.
    from omnicalc.business_case import ResidentCosts, resident_cost_per_segment, resident_cost_sentence_nl

    base = oc.Baseline.from_channel_volumes({"balie": 10_000}, population=50_000, segments=SEGMENTS_60_25_15)
    shift = oc.ChannelShift("balie", "webformulier", 1.0, reason="informatievraag")
    r = oc.evaluate(base, oc.Scenario(channel_shifts=(shift,)))
    residents = ResidentCosts(15.0, {"balie": 40, "webformulier": 10}, {"balie": 3.0, "webformulier": 0.0})
    t = resident_cost_per_segment(r, residents)
    np.testing.assert_allclose(t["change_eur_per_year"], [-6_300, -1_312.5, 0.0], atol=1e-6)
    np.testing.assert_allclose(t["change_eur_per_resident_per_year"], [-0.21, -0.105, 0.0], atol=1e-9)
    np.testing.assert_allclose(t["residents"], [30_000, 12_500, 7_500])
    assert resident_cost_sentence_nl(t) == "Geen inwonersgroep is met dit scenario meer tijd of reiskosten kwijt."
    # the other way round (the web form closed, its information questions to the counter) costs residents effort
    back = oc.Baseline.from_channel_volumes({"webformulier": 10_000}, population=50_000, segments=SEGMENTS_60_25_15)
    r = oc.evaluate(back, oc.Scenario(channel_shifts=(oc.ChannelShift("webformulier", "balie", 1.0),)))
    t = resident_cost_per_segment(r, residents)
    # (afhankelijke inwoners have no web-form contacts: the baseline split puts none on a channel the UWV model
    # forbids them)
    assert (t["change_eur_per_year"].iloc[:2] > 0).all() and t["change_eur_per_year"].iloc[2] == 0
    sentence = resident_cost_sentence_nl(t)
    assert sentence.startswith("Meer tijd en reiskosten voor zelfstandige inwoners (€")
    assert "beperkt zelfstandige inwoners" in sentence and "afhankelijke" not in sentence


def test_the_segment_tables_describe_the_same_baseline_whichever_levers_are_on():
    # review finding: without a lever that needs segments, the baseline per segment was the overall average
    from omnicalc.business_case import ResidentCosts, resident_cost_per_segment

    base = oc.baseline_for_gemeente("Vaals")
    plain = oc.evaluate(base)
    shifted = oc.evaluate(base, oc.Scenario(channel_shifts=(oc.ChannelShift("balie", "webformulier", 0.5),)))
    np.testing.assert_allclose(plain.per_segment["floor_share_before"], shifted.per_segment["floor_share_before"])
    assert plain.per_segment.loc["afhankelijk", "floor_share_before"] == pytest.approx(1.0)
    before = [resident_cost_per_segment(r, ResidentCosts())["cost_before_eur_per_year"] for r in (plain, shifted)]
    np.testing.assert_allclose(*before)
