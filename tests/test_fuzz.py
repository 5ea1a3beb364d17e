"""Fuzzing: the only failures are the documented InputError (naming the field); no NaN or inf in any result."""

from __future__ import annotations

import math

import numpy as np
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import omnicalc as oc

# implausible values are allowed here: they warn, and the fuzzing is about errors
pytestmark = pytest.mark.filterwarnings("ignore::omnicalc.errors.AssumptionWarning")

anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**12), 10**12),
    st.text(max_size=5),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)
share_like = st.one_of(st.floats(-0.5, 1.5), anything)


def finite_result(r: oc.Result) -> None:
    for table in (r.per_channel, r.per_lever, r.per_segment, r.per_reason, r.summary().to_frame()):
        assert np.isfinite(table.select_dtypes("number").to_numpy(dtype=float)).all()


@given(share_like, share_like, share_like, share_like)
def test_levers_accept_or_name_the_field(reach, adoption, residual, reduction):
    try:
        s = oc.Scenario(
            status_portal=oc.StatusPortal(reach, adoption, residual), repeat_contacts=oc.RepeatContacts(reduction)
        )
    except oc.InputError as e:
        assert e.field.startswith(("status_portal.", "repeat_contacts.")) and e.message_nl
        return
    finite_result(oc.evaluate(oc.baseline_for_gemeente("Zwolle"), s))


@given(
    st.one_of(st.sampled_from(oc.CHANNELS), anything),
    st.one_of(st.sampled_from(oc.CHANNELS), anything),
    share_like,
    st.one_of(st.none(), st.sampled_from(oc.REASONS), anything),
)
def test_channel_shift_accepts_or_names_the_field(frm, to, share, reason):
    try:
        shift = oc.ChannelShift(frm, to, share, reason)
    except oc.InputError as e:
        assert e.field.startswith("channel_shift.")
        return
    finite_result(oc.evaluate(oc.baseline_for_gemeente("Zwolle"), oc.Scenario(channel_shifts=(shift,))))


@given(
    st.dictionaries(st.one_of(st.sampled_from(oc.CHANNELS), st.text(max_size=4)), anything, max_size=3),
    st.one_of(st.integers(-5, 10**8), anything),
)
def test_baseline_accepts_or_names_the_field(volumes, population):
    try:
        base = oc.Baseline.from_channel_volumes(volumes, population=population)
    except oc.InputError as e:
        assert e.field and e.message_nl
        return
    finite_result(oc.evaluate(base, oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2))))


@given(
    st.one_of(st.integers(-2, 20), anything),
    st.one_of(st.floats(-0.2, 0.6), anything),
    st.one_of(st.floats(-1e6, 1e7), anything),
)
@settings(max_examples=60, deadline=None)
def test_business_case_accepts_or_names_the_field(horizon, rate, investment):
    try:
        case = oc.BusinessCase(horizon_years=horizon, discount_rate=rate, investments=(oc.Investment("x", investment),))
    except oc.InputError as e:
        assert e.field and e.message_nl
        return
    bc = oc.run_business_case(
        oc.baseline_for_gemeente("Zwolle"), oc.Scenario(status_portal=oc.StatusPortal(0.5, 0.5, 0.2)), case
    )
    assert np.isfinite(bc.years.to_numpy(dtype=float)).all() and math.isfinite(bc.npv_eur)


toml_values = st.recursive(
    st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6), st.text(max_size=6), st.booleans()),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
per_channel = st.one_of(st.dictionaries(st.sampled_from([*oc.CHANNELS, "fax"]), toml_values, max_size=3), toml_values)
known = {
    "baseline": [
        "population",
        "volumes_per_year",
        "contacts_per_inhabitant_per_year",
        "status_question_share",
        "repeat_contact_share",
    ],
    "cost": [
        "method",
        "top_down_eur_per_contact",
        "handling_time_seconds",
        "overhead_eur_per_contact",
        "variable_cost_share",
        "loaded_hourly_rate_eur",
        "productive_share",
        "chat_concurrency",
    ],
    "segments": ["share", "assisted_floor_share"],
    "status_portal": ["reach_share", "adoption_share", "residual_contact_share"],
    "repeat_contacts": ["reduction_share"],
    "business_case": [
        "horizon_years",
        "discount_rate",
        "savings_basis",
        "ramps",
        "investments",
        "recurring_costs",
        "staffing",
        "residents",
    ],
}


def section(keys: list[str]) -> st.SearchStrategy:
    value = st.one_of(toml_values, per_channel, st.floats(-1, 2))
    return st.dictionaries(st.sampled_from([*keys, "onbekend"]), value, max_size=4)


sections = st.fixed_dictionaries(
    {
        "schema_version": st.one_of(st.sampled_from([1, 2]), toml_values),
        "gemeente": st.one_of(st.just("Zwolle"), toml_values),
    },
    optional={name: st.one_of(section(keys), toml_values) for name, keys in known.items()}
    | {
        "name": toml_values,
        "cbs_indeling_year": st.one_of(st.just(2024), toml_values),
        "channel_shifts": st.lists(
            st.dictionaries(
                st.sampled_from(["from_channel", "to_channel", "share", "reason", "x"]),
                st.one_of(st.sampled_from(oc.CHANNELS), toml_values),
                max_size=4,
            ),
            max_size=2,
        ),
    },
)


@given(sections)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_scenario_files_load_or_name_the_field(data):
    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        return
    try:
        sf = oc.read_scenario(text)
        finite_result(sf.evaluate())
    except oc.InputError as e:
        assert e.field and e.message_nl
        return
    saved = oc.dump_scenario(sf)  # whatever loads, saves; and save -> load -> save is byte-stable
    assert oc.dump_scenario(oc.read_scenario(saved)) == saved


@given(st.text(max_size=200))
def test_arbitrary_text_is_not_a_crash(text):
    try:
        oc.read_scenario(text)
    except oc.InputError:
        pass
