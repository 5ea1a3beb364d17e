"""Tests that kill the mutants mutmut 3.8 left alive in model.py, levers/, inputs.py, business_case.py and finance.py.

Each test names the mutants it kills (mutmut's names, ``x_<function>__mutmut_<n>`` or
``xǁ<Class>ǁ<method>__mutmut_<n>``) and how its expected numbers were computed by hand.
Error tests pin the whole error contract (field, value, English text, Dutch message):
the dashboard shows ``message_nl`` and the scenario-file loader shows ``str(error)``.
"""

from __future__ import annotations

import types
import warnings

import numpy as np
import pytest

import omnicalc as oc
from omnicalc import inputs
from omnicalc.domain import CHANNELS, REASONS
from omnicalc.errors import InputError
from omnicalc.headline import EVERYONE_SELF_RELIANT
from omnicalc.levers.channel_shift import ChannelShiftLever, move
from omnicalc.model import (
    ModelArrays,
    cost_per_contact,
    lever_values,
    ramped,
    run_levers,
    set_status_share,
    split_segments,
    status_share,
    volume_per_inhabitant,
)

BALIE, TELEFOON, EMAIL, WEB = (CHANNELS.index(c) for c in ("balie", "telefoon", "email", "webformulier"))
STATUS, INFO, AANVRAAG = (REASONS.index(r) for r in ("statusvraag", "informatievraag", "aanvraag"))
C, R, S = len(CHANNELS), len(REASONS), 3

CHANNEL_LIST = "balie, telefoon, email, chat, whatsapp_social, webformulier, post"
CHANNEL_LIST_NL = "Balie, Telefoon, E-mail, Chat, WhatsApp/social media, Webformulier/MijnOmgeving, Post"
ALL_LEVER_INPUTS = (
    "status_portal.reach_share, status_portal.adoption_share, status_portal.residual_contact_share, "
    "proactive_status.notification_moment_share, proactive_status.message_reach_share, "
    "proactive_status.residual_contact_share, proactive_status.cost_eur_per_message, "
    "proactive_status.investment_eur, digital_assistant.reach_share, digital_assistant.answered_share, "
    "digital_assistant.escalation_extra_share, digital_assistant.licence_eur_per_year, "
    "digital_assistant.investment_eur, repeat_contacts.reduction_share"
)


def only(reason: int, rows: int = C) -> np.ndarray:
    """Reason shares that send every channel's contacts to one reason."""
    shares = np.zeros((rows, R))
    shares[:, reason] = 1.0
    return shares


def status_30() -> np.ndarray:
    """Reason shares 30% status questions, 70% information questions, on every channel."""
    shares = np.zeros((C, R))
    shares[:, STATUS], shares[:, INFO] = 0.3, 0.7
    return shares


def raised(call) -> InputError:
    with pytest.raises(InputError) as info:
        call()
    return info.value


def assert_error(e: InputError, field, value, allowed, message_nl) -> None:
    assert e.field == field
    assert e.value == value
    assert e.allowed == allowed
    assert e.message_nl == message_nl


# --------------------------------------------------------------------------------------
# the error contract of every raise in model.py and levers/
# --------------------------------------------------------------------------------------
def test_error_not_a_mapping():
    # kills x__require_mapping__mutmut_4..17, x__channel_values__mutmut_7/8 (a list then fails with
    # AttributeError on .items(), or names no field), xǁSegmentsǁ__post_init____mutmut_11/12
    e = raised(lambda: oc.CostModel(top_down_eur_per_contact=[11.0]))
    assert_error(
        e,
        "cost.top_down_eur_per_contact",
        [11.0],
        "a table with one value per name is required (e.g. {telefoon = 11.0})",
        "cost.top_down_eur_per_contact: de waarde [11.0] is niet toegestaan; "
        "hier hoort per kanaal of groep een waarde, bijvoorbeeld {telefoon = 11.0}.",
    )
    assert raised(lambda: oc.Segments(share=[1.0])).field == "segments.share"


def test_error_unknown_channel_in_a_table():
    # kills x__channel_values__mutmut_13..29 (field, value, English and Dutch lists, label "Kanaal")
    e = raised(lambda: oc.CostModel(handling_time_seconds={"fax": 60.0}))
    assert_error(
        e,
        "cost.handling_time_seconds.fax",
        "fax",
        f"channel must be one of {CHANNEL_LIST}",
        f"Kanaal: de waarde 'fax' is niet toegestaan; kies een kanaal uit: {CHANNEL_LIST_NL}.",
    )


def test_error_cost_method_and_cost_scalars():
    # kills xǁCostModelǁ__post_init____mutmut_6..24 (the method error) and _38/_40 (the field of a
    # scalar cost input: "cost.productive_share", not the bare parameter name)
    e = raised(lambda: oc.CostModel(method="per_minute"))
    assert_error(
        e,
        "cost.method",
        "per_minute",
        "allowed is 'top_down' or 'bottom_up'",
        "Kostenmethode: de waarde 'per_minute' is niet toegestaan; kies top-down of bottom-up.",
    )
    assert raised(lambda: oc.CostModel(productive_share=1.5)).field == "cost.productive_share"


def test_error_segments():
    # kills xǁSegmentsǁ__post_init____mutmut_24..40 (unknown segment), _45/_47 (field of a floor),
    # _67..86 (shares not adding up: 0.5 + 0.3 + 0.3 = 1.1)
    e = raised(lambda: oc.Segments(share={"kind": 0.5}))
    assert_error(
        e,
        "segments.share.kind",
        "kind",
        "segment must be one of zelfstandig, beperkt_zelfstandig, afhankelijk",
        "Inwonersgroep: de waarde 'kind' is niet toegestaan; kies uit: Zelfstandig, Beperkt zelfstandig, Afhankelijk.",
    )
    floor = raised(lambda: oc.Segments(assisted_floor_share={"afhankelijk": 1.5}))
    assert floor.field == "segments.assisted_floor_share.afhankelijk"
    shares = {"zelfstandig": 0.5, "beperkt_zelfstandig": 0.3, "afhankelijk": 0.3}
    e = raised(lambda: oc.Segments(share=shares))
    assert_error(
        e,
        "segments.share",
        shares,
        "the segment shares must add up to 1",
        f"Aandelen inwonersgroepen: de waarde {shares} is niet toegestaan; "
        "de aandelen van de inwonersgroepen moeten samen 100% zijn.",
    )


def test_error_reason_shares():
    # kills x__check_reason_shares__mutmut_7..12 (shape), _19/_21 (field of one cell), _26..48 (a row
    # adding up to 0.123456 + 0.5 + 0.5 = 1.123456: caught although under the mutated tolerance
    # 1.000001; the value shows the row rounded to 4 decimals, 0.123456 -> 0.1235);
    # xǁBaselineǁfrom_channel_volumes__mutmut_19/25/26 and x_volume_per_inhabitant__mutmut_19/25/26
    # (the field "reason_shares")
    for make in (
        lambda rs: oc.Baseline.from_channel_volumes({}, population=1_000, reason_shares=rs),
        lambda rs: volume_per_inhabitant(None, rs),
    ):
        e = raised(lambda: make(np.ones((2, 2))))  # noqa: B023
        assert_error(
            e,
            "reason_shares",
            (2, 2),
            "shape must be (7, 6)",
            "reason_shares: de waarde (2, 2) is niet toegestaan; shape must be (7, 6).",
        )
        cell = only(AANVRAAG)
        cell[BALIE] = [-0.1, 0.0, 1.1, 0.0, 0.0, 0.0]
        assert raised(lambda: make(cell)).field == "reason_shares.balie.statusvraag"  # noqa: B023
    row = only(AANVRAAG)
    row[TELEFOON] = [0.123456, 0.5, 0.5, 0.0, 0.0, 0.0]
    e = raised(lambda: oc.Baseline.from_channel_volumes({}, population=1_000, reason_shares=row))
    shown = {
        "statusvraag": 0.1235,
        "informatievraag": 0.5,
        "aanvraag": 0.5,
        "melding": 0.0,
        "klacht": 0.0,
        "overig": 0.0,
    }
    assert_error(
        e,
        "reason_shares.telefoon",
        shown,
        "the reason shares of a channel must add up to 1",
        f"Contactredenen: de waarde {shown} is niet toegestaan; "
        "de aandelen per contactreden van Telefoon moeten samen 100% zijn.",
    )


def test_error_baseline_volumes_population_and_repeat_share():
    # kills xǁBaselineǁ__post_init____mutmut_24..31 (shape), _36/_37/_41..44 (a negative cell is
    # rejected with its own field and value: the mutants skip the check, or call it without the
    # value or the field), _16/_17 (field "population"), _58/_68/_69 (field of a repeat share);
    # x_volume_per_inhabitant__mutmut_5/15/16 (field of a contact rate)
    e = raised(lambda: oc.Baseline(name="", population=1_000, volume_per_year=np.zeros((2, 3))))
    assert_error(
        e,
        "volume_per_year",
        (2, 3),
        "shape must be (7, 6)",
        "volume_per_year: de waarde (2, 3) is niet toegestaan; shape must be (7, 6).",
    )
    v = np.zeros((C, R))
    v[TELEFOON, AANVRAAG] = -5.0
    e = raised(lambda: oc.Baseline(name="", population=1_000, volume_per_year=v))
    assert (e.field, e.value) == ("volume_per_year.telefoon.aanvraag", -5.0)
    assert raised(lambda: oc.Baseline(name="", population=-1, volume_per_year=np.zeros((C, R)))).field == "population"
    e = raised(
        lambda: oc.Baseline(
            name="", population=1_000, volume_per_year=np.zeros((C, R)), repeat_contact_share={"telefoon": 2.0}
        )
    )
    assert e.field == "repeat_contact_share.telefoon"
    assert (
        raised(lambda: volume_per_inhabitant({"telefoon": -1.0})).field == "contacts_per_inhabitant_per_year.telefoon"
    )
    # xǁBaselineǁfrom_population__mutmut_10/11: from_population checks the population itself, same field
    assert raised(lambda: oc.Baseline.from_population(-1)).field == "population"


def test_volume_cells_are_checked_against_the_hard_bounds_only():
    # kills xǁBaselineǁ__post_init____mutmut_40: Baseline checks each cell against the hard bounds
    # 0 .. 1e9 only (no plausibility warning, unlike the totals of from_channel_volumes); a cell at
    # exactly the hard maximum 1e9 is accepted silently, the mutant's "< hard_max" sends it to the
    # full check, which warns (soft maximum 1e8)
    v = np.zeros((C, R))
    v[TELEFOON, AANVRAAG] = 1e9
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        b = oc.Baseline(name="", population=1_000, volume_per_year=v)
    assert b.volume_per_year[TELEFOON, AANVRAAG] == 1e9


def test_error_status_question_share():
    # kills xǁBaselineǁwith_status_question_share__mutmut_3/5/8/9 (field of the share) and _17..26
    # (an unknown channel)
    b = oc.Baseline.from_channel_volumes({"telefoon": 1_000}, population=1_000)
    assert raised(lambda: b.with_status_question_share(1.5)).field == "status_question_share"
    e = raised(lambda: b.with_status_question_share(0.5, channels=("fax",)))
    assert_error(
        e,
        "status_question_share.channels",
        "fax",
        f"channel must be one of {CHANNEL_LIST}",
        f"status_question_share.channels: de waarde 'fax' is niet toegestaan; channel must be one of {CHANNEL_LIST}.",
    )


def test_error_scenario_name_and_unknown_levers():
    # kills xǁScenarioǁ__init____mutmut_3..21 (name not a text) and _27 (unknown levers no longer
    # rejected), _32..57 (the unknown-lever error: sorted names, the first as field)
    e = raised(lambda: oc.Scenario(3))
    assert_error(e, "name", 3, "a text is required", "Naam: de waarde 3 is niet toegestaan; een tekst is nodig.")
    e = raised(lambda: oc.Scenario(foo=1, bar=2))
    assert_error(
        e,
        "bar",
        "bar, foo",
        "levers are status_portal, proactive_status, digital_assistant, repeat_contacts, channel_shifts",
        "Hefboom: de waarde 'bar, foo' is niet toegestaan; kies een hefboom uit: Statusportaal (MijnServices), "
        "Proactieve statusberichten, Digitale assistent, Minder herhaalcontact, Kanaalverschuiving.",
    )


def test_error_with_value_unknown_path():
    # kills xǁScenarioǁwith_value__mutmut_5..25 (no lever has this path: all inputs listed) and
    # xǁLeverǁwith_value__mutmut_28..50 (the lever exists, the field does not: its inputs listed)
    e = raised(lambda: oc.Scenario().with_value("nope.x", 1.0))
    assert_error(
        e,
        "lever",
        "nope.x",
        "one of " + ALL_LEVER_INPUTS,
        "Hefboom: de waarde 'nope.x' is niet toegestaan; kies een hefboom van het scenario.",
    )
    e = raised(lambda: oc.Scenario().with_value("status_portal.nope", 0.5))
    assert_error(
        e,
        "lever",
        "status_portal.nope",
        "one of status_portal.reach_share, status_portal.adoption_share, status_portal.residual_contact_share",
        "Hefboom: de waarde 'status_portal.nope' is niet toegestaan; kies een hefboom van het scenario.",
    )


def test_error_lever_settings_of_the_wrong_type():
    # kills xǁLeverǁcheck__mutmut_5..10 (an item of a list section) and _12..17 (a single section)
    e = raised(lambda: oc.Scenario(status_portal=0.5))
    assert_error(
        e,
        "status_portal",
        0.5,
        "a StatusPortal is required",
        "status_portal: de waarde 0,5 is niet toegestaan; a StatusPortal is required.",
    )
    e = raised(lambda: oc.Scenario(channel_shifts=[1]))
    assert_error(
        e,
        "channel_shifts",
        1,
        "each item must be a ChannelShift",
        "channel_shifts: de waarde 1 is niet toegestaan; each item must be a ChannelShift.",
    )


def test_single_channel_shift_becomes_a_tuple():
    # kills xǁLeverǁcheck__mutmut_3: a ChannelShift given alone (not iterable) is wrapped as (shift,),
    # the mutant sets items = None and fails on iterating it
    shift = oc.ChannelShift("telefoon", "webformulier", 0.1)
    assert oc.Scenario(channel_shifts=shift).channel_shifts == (shift,)


def test_error_channel_shift_and_repeat_contacts():
    # kills xǁChannelShiftǁ__post_init____mutmut_11..30 (unknown channel), _32..50 (same channel twice),
    # _54..72 (unknown reason), _75/_79/_80 (field of the share); xǁRepeatContactsǁ__post_init____mutmut_3/7/8
    e = raised(lambda: oc.ChannelShift("fax", "telefoon", 0.1))
    assert_error(
        e,
        "channel_shift.from_channel",
        "fax",
        f"channel must be one of {CHANNEL_LIST}",
        f"Kanaal: de waarde 'fax' is niet toegestaan; kies een kanaal uit: {CHANNEL_LIST_NL}.",
    )
    e = raised(lambda: oc.ChannelShift("telefoon", "telefoon", 0.1))
    assert_error(
        e,
        "channel_shift.to_channel",
        "telefoon",
        "must differ from from_channel",
        "Doelkanaal: de waarde 'telefoon' is niet toegestaan; het doelkanaal moet anders zijn dan het bronkanaal.",
    )
    e = raised(lambda: oc.ChannelShift("telefoon", "webformulier", 0.1, reason="x"))
    assert_error(
        e,
        "channel_shift.reason",
        "x",
        "reason must be one of statusvraag, informatievraag, aanvraag, melding, klacht, overig or empty",
        "Contactreden: de waarde 'x' is niet toegestaan; kies een contactreden uit: Statusvraag, Informatievraag, "
        "Aanvraag/transactie, Melding, Klacht, Overig.",
    )
    assert raised(lambda: oc.ChannelShift("telefoon", "webformulier", 1.5)).field == "channel_shift.share"
    assert raised(lambda: oc.RepeatContacts(1.5)).field == "repeat_contacts.reduction_share"


def test_channel_shift_apply_needs_the_segment_split():
    # kills xǁChannelShiftLeverǁapply__mutmut_5 (checks for 2 segments instead of 1) and _6..8 (the message)
    m = types.SimpleNamespace(assisted_floor_share=np.zeros(S))
    x = {"channel_shifts[0].share": np.asarray(0.5)}
    with pytest.raises(ValueError, match="^channel shifts need the segment split$"):
        ChannelShiftLever().apply(np.ones((1, C, R)), x, m, (oc.ChannelShift("telefoon", "balie", 0.5),))


# --------------------------------------------------------------------------------------
# model.py: formulas
# --------------------------------------------------------------------------------------
def test_top_down_cost_is_float():
    # kills x_cost_per_contact__mutmut_5/7: integer figures come back as floats (11 -> 11.0)
    out = cost_per_contact("top_down", np.array([11, 6]), np.zeros(2), 50.0, 0.7, 3.0, np.zeros(2))
    assert out.dtype == np.float64
    assert out.tolist() == [11.0, 6.0]


def test_cost_table_columns():
    # kills xǁCostModelǁtable__mutmut_5/6/12..15/19/20 (column names)
    t = oc.CostModel().table()
    assert t.index.name == "channel"
    assert list(t.columns) == [
        "label_nl",
        "top_down_eur_per_contact",
        "bottom_up_eur_per_contact",
        "handling_time_seconds",
        "variable_cost_share",
        "used_eur_per_contact",
    ]


def test_status_share_of_small_and_empty_rows():
    # kills x_status_share__mutmut_12/21 (a row of shares totalling 1: 0.3 / 1.0 = 0.3, the mutants give
    # 0 or divide by 1 only above 1), _23 (an empty row is 0, not 1), _20 (an empty row divides 0/0
    # and warns: the original never divides by zero)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert status_share(np.array([0.3, 0.7, 0, 0, 0, 0]) / 2) == pytest.approx(0.3)
        assert status_share(np.zeros(R)) == 0.0


def test_set_status_share_all_status_row():
    # kills x_set_status_share__mutmut_38/50/51/52/53 and _47 (warning): a row of only status
    # questions (total 1) set to 40% status: the other five reasons get equal parts,
    # (1 - 0.4) / 5 = 0.12 each
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = set_status_share(np.array([1.0, 0, 0, 0, 0, 0]), 0.4)
    assert out == pytest.approx([0.4, 0.12, 0.12, 0.12, 0.12, 0.12])


def test_set_status_share_keeps_proportions_of_small_rows():
    # kills x_set_status_share__mutmut_39/48: the others [0.2, 0.6, 0, 0, 0] (sum 0.8 < 1) keep their
    # proportions 1/4 and 3/4 of the 50% left: 0.125 and 0.375
    out = set_status_share(np.array([0.2, 0.2, 0.6, 0, 0, 0]), 0.5)
    assert out == pytest.approx([0.5, 0.125, 0.375, 0, 0, 0])


def test_baseline_population_becomes_int():
    # kills xǁBaselineǁ__post_init____mutmut_7/8 (the checked population is stored under another name,
    # so a float population stays a float)
    b = oc.Baseline(name="", population=1_000.0, volume_per_year=np.zeros((C, R)))
    assert type(b.population) is int and b.population == 1_000


def test_from_channel_volumes_defaults_and_given_shares():
    # kills xǁBaselineǁfrom_channel_volumes__mutmut_1/2 (default name and code ""), _30/_34 (code passed
    # on), _23 (given reason shares ignored): 100 calls all "aanvraag" -> row [0, 0, 100, 0, 0, 0]
    b = oc.Baseline.from_channel_volumes({"telefoon": 100.0}, population=1_000)
    assert (b.name, b.code) == ("", "")
    b = oc.Baseline.from_channel_volumes(
        {"telefoon": 100.0}, population=1_000, code="GM0001", reason_shares=only(AANVRAAG)
    )
    assert b.code == "GM0001"
    assert b.volume_per_year[TELEFOON].tolist() == [0, 0, 100, 0, 0, 0]


def test_from_population_defaults_given_shares_and_kwargs():
    # kills xǁBaselineǁfrom_population__mutmut_1/2 (defaults ""), _15/_17 (reason shares ignored),
    # _21/_26 (code), _22/_27/_29 (volume_estimated is True), _28 (cost= dropped):
    # 1,000 inhabitants x 2 calls each, all "aanvraag" -> 2,000 in the aanvraag cell
    b = oc.Baseline.from_population(1_000)
    assert (b.name, b.code, b.volume_estimated) == ("", "", True)
    b = oc.Baseline.from_population(
        1_000,
        code="GM0001",
        contacts_per_inhabitant_per_year={"telefoon": 2.0},
        reason_shares=only(AANVRAAG),
        cost=oc.CostModel(method="bottom_up"),
        channels_offered=oc.CHANNELS,  # a small gemeente offers no chat by default: here every channel
    )
    assert b.code == "GM0001" and b.volume_estimated is True and b.cost.method == "bottom_up"
    assert b.volume_per_year[TELEFOON].tolist() == [0, 0, 2_000, 0, 0, 0]


def test_volume_per_inhabitant_uses_given_shares():
    # kills x_volume_per_inhabitant__mutmut_23: 2 calls per inhabitant, all "aanvraag"
    assert volume_per_inhabitant({"telefoon": 2.0}, only(AANVRAAG))[TELEFOON].tolist() == [0, 0, 2, 0, 0, 0]


def test_volume_table_axis_names():
    # kills xǁBaselineǁvolume_table__mutmut_8..18
    t = oc.Baseline.from_channel_volumes({"telefoon": 100.0}, population=1_000).volume_table()
    assert (t.index.name, t.columns.name) == ("channel", "reason")


def test_baseline_for_gemeente_code_and_kwargs():
    # kills x_baseline_for_gemeente__mutmut_5/8/16 (CBS code GM0344 of Utrecht) and _9 (kwargs dropped)
    b = oc.baseline_for_gemeente("Utrecht", cost=oc.CostModel(method="bottom_up"))
    assert b.code == "GM0344" and b.cost.method == "bottom_up"


def test_scenario_attribute_errors_and_repr():
    # kills xǁScenarioǁ__getattr____mutmut_5 (KeyError instead of AttributeError, so getattr's
    # default no longer works) and _8 (the name in the AttributeError); xǁScenarioǁ__repr____mutmut_1..14
    # (no test reached them): only active levers are shown
    s = oc.Scenario("a")
    assert getattr(s, "nope", 42) == 42
    with pytest.raises(AttributeError) as info:
        _ = s.nope
    assert info.value.args == ("nope",)
    assert repr(s) == "Scenario(name='a')"
    portal = oc.StatusPortal(0.5, 0.4, 0.0)
    assert repr(oc.Scenario("a", status_portal=portal)) == (
        "Scenario(name='a', status_portal=StatusPortal("
        "reach_share=0.5, adoption_share=0.4, residual_contact_share=0.0))"
    )
    # _5 (the separator between two active levers) and _6 (a channel shift is active by its settings)
    two = oc.Scenario(
        "b", repeat_contacts=oc.RepeatContacts(0.2), channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.1),)
    )
    assert repr(two) == (
        "Scenario(name='b', repeat_contacts=RepeatContacts(reduction_share=0.2), channel_shifts=(ChannelShift("
        "from_channel='telefoon', to_channel='webformulier', share=0.1, reason=None),))"
    )


def test_scenario_default_name_is_empty():
    # kills xǁScenarioǁ__init____mutmut_1 (default name "XXXX" instead of "")
    assert oc.Scenario().name == ""


def test_with_value_keeps_name_and_other_levers():
    # kills xǁScenarioǁwith_value__mutmut_35 (name dropped) and _38 (other levers dropped);
    # xǁLeverǁwith_value__mutmut_25 (every shift replaced, not only item 1)
    first, second = oc.ChannelShift("telefoon", "webformulier", 0.1), oc.ChannelShift("balie", "email", 0.2)
    s = oc.Scenario("a", repeat_contacts=oc.RepeatContacts(0.2), channel_shifts=(first, second))
    t = s.with_value("channel_shifts[1].share", 0.3)
    assert t.name == "a"
    assert t.repeat_contacts == oc.RepeatContacts(0.2)
    assert t.channel_shifts == (first, oc.ChannelShift("balie", "email", 0.3))


def test_ramped_without_and_above_one():
    # kills x_ramped__mutmut_5/7/8 (a lever left out of ``factors`` keeps factor 1) and _10 (factor 2
    # doubles the ramped input: adoption 0.4 -> 0.8; the mutant skips factor 2)
    s = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.4, 0.0))
    x = lever_values(s)
    assert {k: float(v) for k, v in ramped(s, x, {}).items()} == {k: float(v) for k, v in x.items()}
    assert float(ramped(s, x, {"status_portal": 2.0})["status_portal.adoption_share"]) == pytest.approx(0.8)


SHARE = np.array([0.5, 0.3, 0.2])
FLOOR_LAST = np.array([0.0, 0.0, 1.0])  # room for digital: 0.5, 0.3, 0 -> 0.8 of all contacts


def one_reason(web: float, phone: float) -> np.ndarray:
    # informatievraag is enkelvoudig: the UWV model allows self-service to zelfstandig and beperkt zelfstandig
    v = np.zeros((C, R))
    v[WEB, INFO], v[TELEFOON, INFO] = web, phone
    return v


def test_split_segments_at_the_feasibility_boundary():
    # kills x_split_segments__mutmut_30: 80 web + 20 phone, room 0.8 x 100 = 80 exactly -> feasible:
    # web split by room 0.5 : 0.3 : 0 -> 50, 30, 0; phone makes up 0.5, 0.3, 0.2 of 100 -> 0, 0, 20.
    # (The mutant, 80 <= 80 - 1e-9 false, splits both by share alone: web 40, 24, 16.)
    out = split_segments(one_reason(80.0, 20.0), SHARE, FLOOR_LAST)
    assert out[:, WEB, INFO] == pytest.approx([50, 30, 0])
    assert out[:, TELEFOON, INFO] == pytest.approx([0, 0, 20], abs=1e-9)


def test_split_segments_just_beyond_the_room():
    # kills x_split_segments__mutmut_32: 80.5 web > room 80 -> infeasible -> each role by share among the
    # segments the UWV model allows it: web (self-service, not for afhankelijk) 80.5 x (0.625, 0.375, 0)
    # = 50.3125, 30.1875, 0 (the mutant's tolerance of 1 contact calls it feasible: 50.3125 would be 50.3)
    out = split_segments(one_reason(80.5, 19.5), SHARE, FLOOR_LAST)
    assert out[:, WEB, INFO] == pytest.approx([50.3125, 30.1875, 0.0])


def test_split_segments_without_assisted_contacts_does_not_warn():
    # kills x_split_segments__mutmut_33..36: only web contacts (100, infeasible -> by share among the segments
    # allowed self-service: 62.5, 37.5, 0) and five empty reasons divide by zero inside the errstate
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = split_segments(one_reason(100.0, 0.0), SHARE, FLOOR_LAST)
    assert out[:, WEB, INFO] == pytest.approx([62.5, 37.5, 0.0])


def test_split_segments_with_no_digital_room():
    # kills x_split_segments__mutmut_48/52: every floor 1 -> room 0; 100 phone calls split by share
    # 50, 30, 20 (the mutants divide 0/0 -> NaN, or count 1 web contact per segment -> 49, 29, 19)
    out = split_segments(one_reason(0.0, 100.0), SHARE, np.ones(S))
    assert out[:, TELEFOON, INFO] == pytest.approx([50, 30, 20])


def test_split_segments_of_less_than_one_contact():
    # kills x_split_segments__mutmut_65/76: 0.4 web + 0.6 phone (total 1), room 0.8 -> feasible;
    # web by room: 0.4 x (0.625, 0.375, 0) = 0.25, 0.15, 0; phone = share x 1 - web = 0.25, 0.15, 0.2
    out = split_segments(one_reason(0.4, 0.6), SHARE, FLOOR_LAST)
    assert out[:, WEB, INFO] == pytest.approx([0.25, 0.15, 0.0])
    assert out[:, TELEFOON, INFO] == pytest.approx([0.25, 0.15, 0.2])


def phone_web(**cost) -> oc.Baseline:
    """100,000 calls and 50,000 web forms, 30% status questions, EUR 10 a call and EUR 2 a form; every resident
    can use a portal (so a full portal avoids every status question)."""
    return oc.Baseline.from_channel_volumes(
        {"telefoon": 100_000, "webformulier": 50_000},
        population=50_000,
        reason_shares=status_30(),
        segments=EVERYONE_SELF_RELIANT,
        cost=oc.CostModel(top_down_eur_per_contact={"telefoon": 10.0, "webformulier": 2.0}, **cost),
    )


def test_no_segment_split_without_a_lever_that_needs_it():
    # kills x_run_levers__mutmut_7 and xǁLeverǁneeds_segments__mutmut_1: fewer repeat contacts treat every
    # segment alike, so the kernel (Monte Carlo, national estimate) does not split the volumes (one segment axis of
    # length 1); a portal is self-service and must leave the afhankelijk residents' status questions (UWV model), so
    # it needs the split. evaluate always splits: its segment tables describe the same baseline whatever is on.
    m = ModelArrays.from_baseline(phone_web())
    s = oc.Scenario(repeat_contacts=oc.RepeatContacts(0.5))
    assert run_levers(m, lever_values(s), s).segment_before.shape == (1, C, R)
    assert oc.evaluate(phone_web(), s).segment_volume_before.shape == (S, C, R)
    s = oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0))
    assert run_levers(m, lever_values(s), s).segment_before.shape == (S, C, R)


def test_run_levers_batch_shape_from_the_inputs():
    # kills x_run_levers__mutmut_19/22: one baseline, two drawn adoption values -> batch shape (2,),
    # running cost (2, levers); after the portal (reach 1, residual 0) the 30,000 status calls are
    # 30,000 x (1 - 0.5) = 15,000 and 30,000 x (1 - 1.0) = 0
    s = oc.Scenario(status_portal=oc.StatusPortal(1.0, 0.5, 0.0))
    x = dict(lever_values(s), **{"status_portal.adoption_share": np.array([0.5, 1.0])})
    steps = run_levers(ModelArrays.from_baseline(phone_web()), x, s)
    assert steps.running_cost_eur.shape == (2, len(oc.LEVERS))
    assert steps.totals[1][:, TELEFOON, STATUS] == pytest.approx([15_000, 0])


def test_proactive_status_reports_its_messages():
    # kills xǁProactiveStatusLeverǁfactor__mutmut_16/19/27/28/29: messages = 30,000 status calls +
    # 15,000 status web forms = 45,000 x moment 0.5 x reach 0.8 = 18,000
    s = oc.Scenario(proactive_status=oc.ProactiveStatus(0.5, 0.8, 0.25, 0.1, 0.0))
    steps = run_levers(ModelArrays.from_baseline(phone_web()), lever_values(s), s)
    assert float(steps.details["proactive_status"]["messages_per_year"]) == pytest.approx(18_000)


def test_summary_by_hand():
    # kills xǁResultǁsummary__mutmut_4..41: full portal (1, 1, 0) removes all status questions:
    # contacts 150,000 -> 105,000; cost 100,000 x 10 + 50,000 x 2 = 1,100,000 -> 70,000 x 10 + 35,000 x 2
    # = 770,000; saving 330,000, variable 30,000 x 10 x 0.5 + 15,000 x 2 x 1.0 = 180,000;
    # per inhabitant 330,000 / 50,000 = 6.6; contacts per inhabitant 150,000 / 50,000 = 3;
    # status share 45,000 / 150,000 = 0.3; self-service 50,000 / 150,000 and 35,000 / 105,000 = 1/3
    b = phone_web(variable_cost_share={"telefoon": 0.5, "webformulier": 1.0})
    summary = oc.evaluate(b, oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0))).summary()
    assert summary.to_dict() == pytest.approx(
        {
            "contacts_before_per_year": 150_000,
            "contacts_after_per_year": 105_000,
            "cost_before_eur_per_year": 1_100_000,
            "cost_after_eur_per_year": 770_000,
            "saving_eur_per_year": 330_000,
            "saving_variable_eur_per_year": 180_000,
            "saving_eur_per_inhabitant_per_year": 6.6,
            "contacts_per_inhabitant_before": 3.0,
            "status_question_share_before": 0.3,
            "self_service_share_before": 1 / 3,
            "self_service_share_after": 1 / 3,
        }
    )


def test_summary_of_an_empty_baseline():
    # kills xǁResultǁsummary__mutmut_27/34/41: no contacts -> the shares are 0, not 1
    summary = oc.evaluate(oc.Baseline.from_channel_volumes({}, population=1_000)).summary()
    assert summary["status_question_share_before"] == 0.0
    assert summary["self_service_share_before"] == 0.0
    assert summary["self_service_share_after"] == 0.0


def test_shift_arrays_are_empty_without_shifts():
    # kills xǁChannelShiftLeverǁidle_details__mutmut_3 (one phantom shift of 0)
    r = oc.evaluate(phone_web())
    assert r.shift_requested_per_year.shape == (0,) and r.shift_moved_per_year.shape == (0,)


def test_national_by_hand():
    # kills x_evaluate_national__mutmut_14..17 (given rates and reason shares ignored), _52..54 (before is
    # the baseline, after is after every lever), _64..95 (the per-gemeente columns), _105/_107/_108.
    # Utrecht, 374,238 inhabitants (= P), 1 call each, 30% status / 70% information; no floors.
    # Portal 0.5 x 1 x 1 avoids 15% -> 0.85 P; proactive 1 x 1 x 1 avoids the other 15% -> 0.7 P;
    # the shift moves half of the 0.7 P information calls to the web: 0.35 P phone, 0.35 P web.
    # Cost: before 10 P; after portal 8.5 P, proactive 7 P, shift 0.35 P x 10 + 0.35 P x 2 = 4.2 P.
    p = 374_238
    rates = {c: 0.0 for c in CHANNELS} | {"telefoon": 1.0}
    scenario = oc.Scenario(
        status_portal=oc.StatusPortal(0.5, 1.0, 0.0),
        proactive_status=oc.ProactiveStatus(1.0, 1.0, 0.0, 0.0, 0.0),
        channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.5, reason="informatievraag"),),
    )
    nat = oc.evaluate_national(
        scenario,
        cost=oc.CostModel(top_down_eur_per_contact={"telefoon": 10.0, "webformulier": 2.0}),
        segments=oc.Segments(share=EVERYONE_SELF_RELIANT.share, assisted_floor_share=dict.fromkeys(oc.SEGMENTS, 0.0)),
        contacts_per_inhabitant_per_year=rates,
        reason_shares=status_30(),
    )
    assert nat.scenario is scenario
    row = nat.per_gemeente.loc["GM0344"]
    assert row[
        [
            "population",
            "contacts_before_per_year",
            "contacts_after_per_year",
            "cost_before_eur_per_year",
            "cost_after_eur_per_year",
            "saving_eur_per_year",
            "saving_eur_per_inhabitant_per_year",
            "saving_status_portal_eur_per_year",
            "saving_proactive_status_eur_per_year",
            "saving_repeat_contacts_eur_per_year",
            "saving_channel_shift_eur_per_year",
        ]
    ].tolist() == pytest.approx([p, p, 0.7 * p, 10 * p, 4.2 * p, 5.8 * p, 5.8, 1.5 * p, 1.5 * p, 0.0, 2.8 * p])
    u = nat.per_gemeente.index.get_loc("GM0344")
    assert nat.volume_before[u, TELEFOON, INFO] == pytest.approx(0.7 * p)
    assert nat.volume_after[u, TELEFOON, INFO] == pytest.approx(0.35 * p)
    assert nat.volume_after[u, WEB, INFO] == pytest.approx(0.35 * p)


def test_per_province_is_the_sum_of_its_gemeenten():
    # kills xǁNationalResultǁper_province__mutmut_12..15 (saving per inhabitant = saving / population of
    # the province) and _23/_26 (sorted from the largest saving down)
    nat = oc.evaluate_national(oc.Scenario(status_portal=oc.StatusPortal(1.0, 1.0, 0.0)))
    prov = nat.per_province()
    utrecht = nat.per_gemeente[nat.per_gemeente["province"] == "Utrecht"]
    assert prov.loc["Utrecht", "saving_eur_per_inhabitant_per_year"] == pytest.approx(
        utrecht["saving_eur_per_year"].sum() / utrecht["population"].sum()
    )
    assert (
        prov["saving_eur_per_year"].is_monotonic_decreasing
        and prov["saving_eur_per_year"].iloc[0] > prov["saving_eur_per_year"].iloc[-1]
    )


# --------------------------------------------------------------------------------------
# levers/
# --------------------------------------------------------------------------------------
def test_shifts_on_a_batch():
    # kills x_move__mutmut_39/44 (requested and moved summed over the batch too) and
    # xǁChannelShiftLeverǁapply__mutmut_41/54 (stacked shift-major instead of shift-last).
    # Two draws, 10 + 20 + 30 = 60 calls "aanvraag"; phone -> balie (personal to personal: no floor, allowed for
    # every segment) with shares 0.5 and 0.1, then phone -> post (personal too) with 0.5 of what is left:
    # draw 0: 0.5 x 60 = 30, then 0.5 x 30 = 15; draw 1: 0.1 x 60 = 6, then 0.5 x 54 = 27
    v = np.zeros((2, S, C, R))
    v[:, :, TELEFOON, AANVRAAG] = [10.0, 20.0, 30.0]
    m = types.SimpleNamespace(assisted_floor_share=np.zeros(S))
    shifts = (oc.ChannelShift("telefoon", "balie", 0.5), oc.ChannelShift("telefoon", "post", 0.5))
    x = {"channel_shifts[0].share": np.array([0.5, 0.1]), "channel_shifts[1].share": np.array([0.5, 0.5])}
    out = ChannelShiftLever().apply(v.copy(), x, m, shifts)  # apply may change its own array in place
    assert out.details["requested_per_year"] == pytest.approx(np.array([[30, 15], [6, 27]]))
    assert out.details["moved_per_year"] == pytest.approx(np.array([[30, 15], [6, 27]]))
    d = move(v.copy(), shifts[0], x["channel_shifts[0].share"], m.assisted_floor_share)
    assert d["requested_per_year"].tolist() == [30.0, 6.0] and d["moved_per_year"].tolist() == [30.0, 6.0]


def test_channel_shift_apply_without_shifts():
    # kills xǁChannelShiftLeverǁapply__mutmut_27..29/37/44..46/50/57..59: no shifts on a batch of 2
    # -> the volumes unchanged and empty (2, 0) arrays
    v = np.ones((2, S, C, R))
    m = types.SimpleNamespace(assisted_floor_share=np.zeros(S))
    out = ChannelShiftLever().apply(v, {}, m, ())
    assert np.array_equal(out.volume, v)
    assert out.details["requested_per_year"].shape == (2, 0)
    assert out.details["moved_per_year"].shape == (2, 0)


# --------------------------------------------------------------------------------------
# inputs.py
# --------------------------------------------------------------------------------------
def test_resolve_labels_and_paths():
    # kills x_resolve__mutmut_24 (segment label in lower case), _34/_35/_39/_51 (item k shown as k + 1),
    # _40 (path), _50 (channel label), _59/_61 (path and label of a lever input)
    assert inputs.resolve("cost.top_down_eur_per_contact.telefoon").label_nl == "Kosten per contact – Telefoon"
    assert inputs.resolve("segments.share.afhankelijk").label_nl == "Aandeel afhankelijk"
    a = inputs.resolve("business_case.investments[0].amount_eur")
    assert (a.path, a.index, a.label_nl) == ("business_case.investments[0].amount_eur", 0, "Investering 1")
    s = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.4, 0.0))
    a = inputs.resolve("status_portal.adoption_share", s)
    assert (a.path, a.declaration, a.label_nl) == ("status_portal.adoption_share", None, "Adoptie statusportaal")


def test_resolve_unknown_path():
    # kills x_resolve__mutmut_54 (a lever path without a scenario: the mutant asks None for its inputs
    # and fails with AttributeError) and _67..87 (the error contract)
    for path in ("status_portal.adoption_share", "cost.nope"):
        e = raised(lambda: inputs.resolve(path))  # noqa: B023
        assert_error(
            e,
            "path",
            path,
            "unknown input path; known are e.g. cost.top_down_eur_per_contact.telefoon, status_portal.adoption_share, "
            "business_case.investments[0].amount_eur",
            f"Invoer: de waarde '{path}' is niet toegestaan; onbekende invoer.",
        )


def test_kernel_inputs_item_out_of_range():
    # kills x_kernel_inputs__mutmut_46 (index 1 of one investment gets past the check and fails with
    # IndexError), _47/_57/_58 (the item count is the last axis: 1, with and without draws), _49..56
    b = oc.Baseline.from_channel_volumes({"telefoon": 1_000}, population=1_000)
    case = oc.BusinessCase(investments=(oc.Investment("portaal", 10_000.0),))
    path = "business_case.investments[1].amount_eur"
    for n, v in ((None, 5.0), (3, np.full(3, 5.0))):
        e = raised(lambda: inputs.kernel_inputs(b, oc.Scenario(), case, {path: v}, n=n))  # noqa: B023
        assert_error(
            e,
            "ranges",
            path,
            "the case has 1 item(s) there",
            f"ranges: de waarde '{path}' is niet toegestaan; the case has 1 item(s) there.",
        )


def test_kernel_inputs_rows_for_the_volumes_and_lever_inputs():
    # kills x_kernel_inputs__mutmut_12 (lever inputs without the draw axis): n = 3 gives the volumes and
    # every lever input 3 rows; an array not replaced keeps its own shape, read-only, and broadcasts
    b = phone_web()
    s = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.4, 0.0))
    m, x, ca = inputs.kernel_inputs(b, s, oc.BusinessCase(), {}, n=3)
    assert m.volume.shape == (3, C, len(REASONS))
    assert {k: v.shape for k, v in x.items()} == dict.fromkeys(x, (3,))
    assert m.cost_eur_per_contact.shape == (C,) and not ca.handling_time_seconds.flags.writeable
    m, _, _ = inputs.kernel_inputs(b, s, oc.BusinessCase(), {"cost.handling_time_seconds.telefoon": np.ones(3)}, n=3)
    assert m.variable_cost_share.shape == (C,)


def test_kernel_inputs_lever_then_cost():
    # kills x_kernel_inputs__mutmut_27: a lever input first does not end the loop; the cost given after
    # it still applies (EUR 10 -> 12 a call)
    b = phone_web()
    s = oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.4, 0.0))
    values = {"status_portal.adoption_share": 0.8, "cost.top_down_eur_per_contact.telefoon": 12.0}
    m, x, _ = inputs.kernel_inputs(b, s, oc.BusinessCase(), values)
    assert float(x["status_portal.adoption_share"]) == 0.8
    assert m.cost_eur_per_contact[TELEFOON] == 12.0


def test_kernel_inputs_volume_totals_keep_own_reason_shares():
    # kills x_kernel_inputs__mutmut_70/71 (only the volume total changed), _83/_90/_99 (the channel's own
    # shares, all "aanvraag", also for a total below 1: 0.5 calls -> 0.5 x [0, 0, 1, 0, 0, 0]) and
    # _89/_98 (an empty channel given a total takes the default shares, without dividing 0 / 0)
    b = oc.Baseline.from_channel_volumes({"telefoon": 0.5}, population=1_000, reason_shares=only(AANVRAAG))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m, _, _ = inputs.kernel_inputs(
            b,
            oc.Scenario(),
            oc.BusinessCase(),
            {"baseline.volumes_per_year.telefoon": 0.5, "baseline.volumes_per_year.balie": 100.0},
        )
    assert m.volume[TELEFOON].tolist() == [0, 0, 0.5, 0, 0, 0]
    assert m.volume[BALIE] == pytest.approx(100.0 * oc.params.reason_shares()[BALIE])


def test_kernel_inputs_status_factor_is_capped_at_all_contacts():
    # kills x_kernel_inputs__mutmut_116: 30% status x factor 5 = 150% is capped at 100%: the 100,000
    # calls all become status questions (the mutant's cap of 2 leaves 150% and negative other reasons)
    m, _, _ = inputs.kernel_inputs(
        phone_web(), oc.Scenario(), oc.BusinessCase(), {"baseline.status_question_factor": 5.0}
    )
    assert m.volume[TELEFOON] == pytest.approx([100_000, 0, 0, 0, 0, 0])


def test_kernel_inputs_productive_share_changes_bottom_up_cost():
    # kills x_kernel_inputs__mutmut_144/145: bottom-up phone cost 600 s / 3600 x EUR 60 / productive share,
    # no overhead: 0.8 -> EUR 12.50, replaced by 0.5 -> EUR 20
    cost = oc.CostModel(
        method="bottom_up",
        handling_time_seconds={"telefoon": 600.0},
        overhead_eur_per_contact={"telefoon": 0.0},
        loaded_hourly_rate_eur=60.0,
        productive_share=0.8,
    )
    b = oc.Baseline.from_channel_volumes({"telefoon": 1_000}, population=1_000, cost=cost)
    assert b.cost.eur_per_contact()[TELEFOON] == pytest.approx(12.5)
    m, _, _ = inputs.kernel_inputs(b, oc.Scenario(), oc.BusinessCase(), {"cost.productive_share": 0.5})
    assert m.cost_eur_per_contact[TELEFOON] == pytest.approx(20.0)


# ---------------------------------------------------------------- survivors in business_case.py / finance.py
def test_payback_batched_equals_one_by_one_hand_computed():
    """Hand computed: payback = last year with a negative cumulative + the share of the next year's flow
    needed to reach zero. A cumulative that dips again counts from its last turn."""
    from omnicalc.finance import payback_year, payback_years

    flows = np.array(
        [
            [-100, 60, 60, 0],  # 1 + 40/60
            [-100, 0, 0, 121],  # 2 + 100/121
            [-100, 50, 50, 0],  # exactly 2
            [-100, 10, 0, 0],  # never
            [-100, 150, -100, 100],  # cumulative -100, 50, -50, 50: 2 + 50/100
        ],
        dtype=float,
    )
    year, paid = payback_years(flows)
    assert year.tolist() == pytest.approx([1 + 40 / 60, 2 + 100 / 121, 2.0, 0.0, 2.5])
    assert paid.tolist() == [True, True, True, False, True]
    for row, y, p in zip(flows, year, paid):
        one = payback_year(row)
        assert (one.year == pytest.approx(y)) if p else (one.year is None and "3 jaar" in one.text_nl)


def test_irr_with_zero_years_hand_computed():
    """-100 now and 133,1 after three years: 1,1^3 = 1,331, so 10%."""
    from omnicalc.finance import irr

    assert irr([-100, 0, 0, 133.1]).rate == pytest.approx(0.10, abs=1e-9)
    assert irr([-100, 110]).rate == pytest.approx(0.10, abs=1e-9)


def test_interval_bounds_are_inclusive_and_checked_in_both_constructors():
    from omnicalc.business_case import ArrivalProfile

    for minutes in (5, 120):
        assert ArrivalProfile((1.0,), minutes).interval_minutes == minutes
        assert ArrivalProfile.flat(40, minutes).interval_minutes == minutes
    for minutes in (4.999, 120.001):
        with pytest.raises(oc.InputError) as e:
            ArrivalProfile((1.0,), minutes)
        assert e.value.field == "arrival_profile.interval_minutes"
        with pytest.raises(oc.InputError) as e:
            ArrivalProfile.flat(40, minutes)
        assert e.value.field == "arrival_profile.interval_minutes"


def test_max_occupancy_reaches_erlang_hand_computed():
    """1.000.000 calls a year on a flat 40-hour week: A = 1e6 / 52 / 80 half hours x 292 s / 1800 s = 38,996
    Erlang. At most 50% occupancy needs A / 0,5 = 77,99 agents every half hour (the service level is met
    long before): 77,99 x 40 h x 52 / (1872 h x 0,65) = 133,3 FTE."""
    calls = np.zeros(len(oc.CHANNELS))
    calls[oc.CHANNELS.index("telefoon")] = 1_000_000
    flat = oc.ArrivalProfile.flat(40)
    with pytest.warns(oc.AssumptionWarning):
        low = oc.StaffingSettings(max_occupancy_share=0.5, profile=flat)
    fte = oc.team_fte(calls, oc.CostModel(handling_time_seconds={"telefoon": 292}), low, 500_000)[0]
    load = 1e6 / 52 / 80 * 292 / 1800
    assert fte == pytest.approx(load / 0.5 * 40 * 52 / (1872 * 0.65))
    assert (
        oc.team_fte(
            calls,
            oc.CostModel(handling_time_seconds={"telefoon": 292}),
            oc.StaffingSettings(max_occupancy_share=0.9, profile=flat),
            500_000,
        )[0]
        < fte
    )


def test_ramp_and_staffing_errors_name_their_field():
    with pytest.raises(oc.InputError) as e:
        oc.Ramp(kind="stap")
    assert e.value.field == "ramp.kind" and "S-curve" in e.value.message_nl
    with pytest.raises(oc.InputError) as e:
        oc.StaffingSettings(service_level_target_share=1.5)
    assert e.value.field.endswith("service_level_target_share")


def test_summary_repeats_the_result():
    base = oc.baseline_for_gemeente("Zwolle")
    case = oc.BusinessCase(horizon_years=4, investments=(oc.Investment("x", 100_000),))
    bc = oc.run_business_case(base, oc.Scenario(status_portal=oc.StatusPortal(0.6, 0.5, 0.2)), case)
    s = bc.summary()
    assert s["npv_eur"] == bc.npv_eur and s["payback_year"] == bc.payback.year and s["roi"] == bc.roi
    assert s["theoretical_saving_eur"] == pytest.approx(bc.years["theoretical_saving_eur"].sum())
    assert s["realisable_saving_eur"] == pytest.approx(bc.years["realisable_saving_eur"].sum())
    assert s["fte_released_final_year"] == bc.years["fte_released"].iloc[-1]
