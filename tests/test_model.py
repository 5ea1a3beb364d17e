"""Known answers and behaviour of the core model.

Expected values are computed by hand in the comments from the stated inputs, never
taken from the code under test.
"""

from __future__ import annotations

import dataclasses
import warnings

import numpy as np
import pytest

import omnicalc as oc
from omnicalc.domain import CHANNELS
from omnicalc.headline import EVERYONE_SELF_RELIANT as SELF_RELIANT  # every resident can use a portal

PHONE = CHANNELS.index("telefoon")


def phone_only(calls: float = 100_000, status_share: float = 0.30) -> oc.Baseline:
    """Phone calls only, at EUR 11 a call (the low end of the published EUR 11-31, stated here so the hand
    calculations below do not depend on the shipped default)."""
    base = oc.Baseline.from_channel_volumes({"telefoon": calls}, population=50_000, segments=SELF_RELIANT)
    base = base.with_status_question_share(status_share, ("telefoon",))
    return base.with_cost(top_down_eur_per_contact={"telefoon": 11})


def test_bottom_up_cost_by_hand():
    cost = oc.CostModel(
        method="bottom_up",
        handling_time_seconds={"telefoon": 292, "chat": 480},
        overhead_eur_per_contact={"telefoon": 1.0, "chat": 1.0},
        loaded_hourly_rate_eur=60,
        productive_share=0.65,
        chat_concurrency=3,
    )
    per = dict(zip(CHANNELS, cost.eur_per_contact()))
    # 292 s = 0.08111 h x EUR 60 = EUR 4.8667; / 0.65 = 7.4872; + 1 = 8.4872
    assert per["telefoon"] == pytest.approx(8.4872, abs=1e-4)
    # 480 s = 0.1333 h x 60 = 8.00; / 0.65 = 12.3077; / 3 chats at once = 4.1026; + 1 = 5.1026
    assert per["chat"] == pytest.approx(5.1026, abs=1e-4)
    table = cost.table()
    # both methods visible side by side; top-down is the shipped default (EUR 12, within the published EUR 11-31)
    assert table.loc["telefoon", "top_down_eur_per_contact"] == 12
    assert table.loc["telefoon", "used_eur_per_contact"] == pytest.approx(8.4872, abs=1e-4)


def test_full_status_portal_saves_every_status_call():
    # 100,000 calls x 30% status x EUR 11 = EUR 330,000
    r = oc.evaluate(phone_only(), oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0)))
    assert r.saving_eur_per_year == pytest.approx(330_000)
    assert r.per_lever.loc["status_portal", "saving_eur_per_year"] == pytest.approx(330_000)


def test_partial_status_portal():
    # reach 50% x adoption 60% x (1 - 20% residual) = 24% of 30,000 status calls = 7,200 calls x EUR 11 = 79,200
    r = oc.evaluate(phone_only(), oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.6, 0.2)))
    assert r.saving_eur_per_year == pytest.approx(79_200)
    assert r.per_channel.loc["telefoon", "volume_after_per_year"] == pytest.approx(100_000 - 7_200)


def test_repeat_contact_reduction():
    # 100,000 calls x 20% repeat x 50% reduction = 10,000 calls x EUR 11 = EUR 110,000
    base = dataclasses.replace(phone_only(), repeat_contact_share={"telefoon": 0.2})
    r = oc.evaluate(base, oc.Scenario(repeat_contacts=oc.RepeatContacts(0.5)))
    assert r.saving_eur_per_year == pytest.approx(110_000)


def test_channel_shift_stops_at_the_inclusion_floor():
    # 100,000 calls, 30% informatievraag = 30,000 (enkelvoudig: the UWV model allows self-service to zelfstandig
    # and beperkt zelfstandig); segments 60/25/15% with floors 0/50/100%; no self-service yet.
    # Movable: zelfstandig 18,000; beperkt zelfstandig 7,500 - 50% x 7,500 = 3,750; afhankelijk 0 -> 21,750.
    segments = oc.Segments(
        share={"zelfstandig": 0.6, "beperkt_zelfstandig": 0.25, "afhankelijk": 0.15},
        assisted_floor_share={"zelfstandig": 0.0, "beperkt_zelfstandig": 0.5, "afhankelijk": 1.0},
    )
    shares = np.zeros((len(CHANNELS), len(oc.REASONS)))
    shares[:, 0] = 1.0
    shares[PHONE] = [0.30, 0.30, 0.15, 0.15, 0.03, 0.07]
    base = oc.Baseline.from_channel_volumes(
        {"telefoon": 100_000},
        population=50_000,
        reason_shares=shares,
        segments=segments,
        cost=oc.CostModel(top_down_eur_per_contact={"telefoon": 11, "webformulier": 0.63}),
    )
    shift = oc.ChannelShift("telefoon", "webformulier", 1.0, "informatievraag")
    r = oc.evaluate(base, oc.Scenario(channel_shifts=(shift,)))
    assert r.per_shift.loc[0, "requested_per_year"] == pytest.approx(30_000)
    assert r.per_shift.loc[0, "moved_per_year"] == pytest.approx(21_750)
    assert r.per_shift.loc[0, "kept_by_uwv_per_year"] == pytest.approx(4_500)  # afhankelijk: 15% x 30,000
    assert r.per_shift.loc[0, "kept_by_floor_per_year"] == pytest.approx(3_750)
    assert bool(r.per_shift.loc[0, "capped"])
    # 21,750 x (EUR 11 - EUR 0.63) = EUR 225,547.50
    assert r.saving_eur_per_year == pytest.approx(225_547.50)
    # aanvraag is meervoudig: beperkt zelfstandig and afhankelijk do not apply self-service (UWV model); of the
    # 15,000 phone applications only zelfstandig's 60% = 9,000 move
    aanvraag = oc.evaluate(
        base, oc.Scenario(channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 1.0, "aanvraag"),))
    )
    assert aanvraag.per_shift.loc[0, "moved_per_year"] == pytest.approx(9_000)


def test_lever_savings_add_up_to_the_total_saving():
    base = oc.baseline_for_gemeente("Tilburg")
    s = oc.Scenario(
        status_portal=oc.StatusPortal(0.7, 0.5, 0.1),
        repeat_contacts=oc.RepeatContacts(0.3),
        channel_shifts=(
            oc.ChannelShift("balie", "webformulier", 0.2, "aanvraag"),
            oc.ChannelShift("telefoon", "chat", 0.1),
        ),
    )
    r = oc.evaluate(base, s)
    assert r.per_lever["saving_eur_per_year"].sum() == pytest.approx(r.saving_eur_per_year)
    assert r.per_channel["saving_eur_per_year"].sum() == pytest.approx(r.saving_eur_per_year)
    assert 0 < r.saving_variable_eur_per_year < r.saving_eur_per_year


def test_variable_saving_uses_the_variable_share():
    # EUR 330,000 gross x 15% variable share of phone = EUR 49,500 at once
    base = phone_only().with_cost(variable_cost_share={"telefoon": 0.15})
    r = oc.evaluate(base, oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0)))
    assert r.saving_variable_eur_per_year == pytest.approx(49_500)


def test_bottom_up_method_changes_the_cost_used():
    base = phone_only()
    top = oc.evaluate(base).cost_before_eur_per_year
    bottom = oc.evaluate(base.with_cost(method="bottom_up")).cost_before_eur_per_year
    assert top == pytest.approx(1_100_000)  # 100,000 x EUR 11
    assert bottom == pytest.approx(100_000 * base.cost.bottom_up_eur_per_contact()[PHONE])
    assert bottom != pytest.approx(top)


def test_baseline_from_population_uses_rates_times_population():
    base = oc.baseline_for_gemeente("GM0855")  # Tilburg, 229,836 inhabitants on 1-1-2024
    assert base.population == 229_836 and base.name == "Tilburg"
    rate = oc.default_table().query("parameter == 'contacts_per_inhabitant_per_year' and channel == 'telefoon'")
    assert base.volume_per_channel["telefoon"] == pytest.approx(229_836 * float(rate["value"].iloc[0]))


def test_national_evaluation_matches_single_evaluations():
    s = oc.Scenario(
        status_portal=oc.StatusPortal(0.6, 0.5, 0.2),
        repeat_contacts=oc.RepeatContacts(0.2),
        channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.5, "aanvraag"),),
    )
    nat = oc.evaluate_national(s)
    assert len(nat.per_gemeente) == 342
    for code in ("GM0344", "GM0088", "GM0518"):
        single = oc.evaluate(oc.baseline_for_gemeente(code), s)
        assert nat.per_gemeente.loc[code, "saving_eur_per_year"] == pytest.approx(single.saving_eur_per_year)
        assert nat.per_gemeente.loc[code, "cost_before_eur_per_year"] == pytest.approx(single.cost_before_eur_per_year)
    assert nat.per_province()["population"].sum() == 17_942_942
    assert nat.saving_eur_per_year == pytest.approx(nat.per_gemeente["saving_eur_per_year"].sum())


def test_status_share_variant_keeps_totals():
    base = oc.baseline_for_gemeente("Utrecht")
    v = base.with_status_question_share(0.4)
    np.testing.assert_allclose(v.volume_per_channel, base.volume_per_channel)
    assert v.volume_table().loc["telefoon", "statusvraag"] / v.volume_per_channel["telefoon"] == pytest.approx(0.4)
    # the shipped default: the middle of the published 30-40%
    assert base.volume_table().loc["telefoon", "statusvraag"] / base.volume_per_channel["telefoon"] == pytest.approx(
        0.35
    )


# -- validation -------------------------------------------------------------------------
def test_out_of_range_share_names_field_value_and_range():
    with pytest.raises(oc.InputError) as e:
        oc.StatusPortal(reach_share=1.5)
    assert e.value.field == "status_portal.reach_share"
    assert "1.5" in str(e.value) and "0 to 1" in str(e.value)
    assert "Bereik statusportaal" in e.value.message_nl and "1,5" in e.value.message_nl
    assert "100%" in e.value.message_nl


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -0.1, "0.5", None, True])
def test_non_numbers_and_non_finite_values_are_rejected(bad):
    with pytest.raises(oc.InputError):
        oc.StatusPortal(adoption_share=bad)


def test_unknown_channel_is_rejected():
    with pytest.raises(oc.InputError, match="telefonie"):
        oc.Baseline.from_channel_volumes({"telefonie": 10}, population=1000)
    with pytest.raises(oc.InputError, match="from_channel"):
        oc.ChannelShift("fax", "email", 0.1)
    with pytest.raises(oc.InputError, match="differ"):
        oc.ChannelShift("email", "email", 0.1)


def test_negative_volume_is_rejected():
    with pytest.raises(oc.InputError) as e:
        oc.Baseline.from_channel_volumes({"telefoon": -5}, population=1000)
    assert e.value.field == "volume_per_year.telefoon"


def test_segment_shares_must_add_up():
    with pytest.raises(oc.InputError, match="add up to 1"):
        oc.Segments(share={"zelfstandig": 0.9})


def test_implausible_value_warns_but_computes():
    with pytest.warns(oc.AssumptionWarning, match="cost.top_down_eur_per_contact.telefoon"):
        cost = oc.CostModel(top_down_eur_per_contact={"telefoon": 500.0})
    assert cost.eur_per_contact()[PHONE] == 500.0


def test_inputs_are_frozen():
    base = phone_only()
    with pytest.raises(ValueError):
        base.volume_per_year[0, 0] = 1.0
    with pytest.raises(dataclasses.FrozenInstanceError):
        base.population = 10  # type: ignore[misc]
    with pytest.raises(TypeError):
        base.cost.top_down_eur_per_contact["telefoon"] = 1.0  # type: ignore[index]


def test_evaluation_does_not_change_the_baseline():
    base = oc.baseline_for_gemeente("Utrecht")
    before = base.volume_per_year.copy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        oc.evaluate(
            base,
            oc.Scenario(
                status_portal=oc.StatusPortal(1, 1, 0), channel_shifts=(oc.ChannelShift("telefoon", "email", 0.5),)
            ),
        )
    np.testing.assert_array_equal(base.volume_per_year, before)
