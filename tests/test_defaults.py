"""Every shipped default has a source, a year, a unit and a range; the shipped files match their derivation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from omnicalc import params
from omnicalc.domain import CHANNELS, REASONS, SEGMENTS
from omnicalc.gemeenten import ALIASES, find_gemeente, gemeenten

ROOT = Path(__file__).resolve().parent.parent


def _derive_module():
    spec = importlib.util.spec_from_file_location("derive_defaults", ROOT / "data" / "derive_defaults.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_parameters_match_derivation():
    shipped = (ROOT / "omnicalc/defaults/parameters.csv").read_text(encoding="utf-8")
    assert _derive_module().render() == shipped, "run: python data/derive_defaults.py"


@pytest.mark.parametrize("name", _derive_module().SHIPPED_AS_IS)
def test_shipped_gemeenten_are_the_raw_files(name):
    assert (ROOT / "omnicalc/defaults" / name).read_bytes() == (ROOT / "data" / name).read_bytes()


@pytest.mark.parametrize(
    "row",
    params.default_table().to_dict("records"),
    ids=lambda r: "-".join(x for x in (r["parameter"], r["channel"], r["reason"], r["segment"]) if x),
)
def test_every_default_has_provenance_and_range(row):
    assert str(row["source"]).strip(), "missing source"
    assert 2000 <= int(row["year"]) <= 2026, "missing or odd year"
    assert str(row["unit"]).strip(), "missing unit"
    assert row["basis"] in {"bron", "afgeleid", "aanname"}
    assert row["low"] <= row["value"] <= row["high"], "value outside its range"
    if row["basis"] == "aanname":
        assert "aanname" in row["source"].lower(), "an assumption must say so in its source text"
    spec = params.SPECS[row["parameter"]]
    for k in ("value", "low", "high"):
        assert spec.hard_min <= row[k] <= spec.hard_max, f"{k} outside the parameter's hard bounds"


def test_every_channel_has_the_per_channel_defaults():
    for name in (
        "cost_eur_per_contact",
        "handling_time_seconds",
        "overhead_eur_per_contact",
        "variable_cost_share",
        "repeat_contact_share",
        "contacts_per_inhabitant_per_year",
    ):
        assert params.per_channel(name).shape == (len(CHANNELS),)


def test_reason_shares_add_up_per_channel():
    shares = params.reason_shares()
    assert shares.shape == (len(CHANNELS), len(REASONS))
    np.testing.assert_allclose(shares.sum(axis=1), 1.0, atol=1e-12)
    assert (params.reason_shares("low") <= shares).all() and (shares <= params.reason_shares("high")).all()


def test_segment_shares_add_up():
    assert params.per_segment("segment_share").sum() == pytest.approx(1.0)
    assert len(params.per_segment("assisted_floor_share")) == len(SEGMENTS)


def test_phone_cost_is_what_a_call_costs_in_the_staffing_view():
    # VNG MijnServices pilot (Gebruiker Centraal podcast, 2024-2025): a phone contact costs EUR 11-31. The base is
    # EUR 12, what a call costs in omnicalc's staffing view (tests/test_workforce.py checks the two views agree
    # within 25% at the defaults); the range keeps the published high end.
    v = {w: params.default_value("cost_eur_per_contact", channel="telefoon", which=w) for w in ("low", "value", "high")}
    assert v == {"low": 9, "value": 12, "high": 31}
    assert params.default_value("reason_share", channel="telefoon", reason="statusvraag") == 0.35


def test_no_sourced_base_at_the_end_of_its_range():
    # Issue 15: a base value is the most likely value, not the convenient end of its range. Exceptions: hard
    # bounds (a share of 0 or 1), decisions (the formatie-eenheid) and derived contact rates (their spread is
    # what the published examples give).
    t = params.default_table()
    t = t[(t["high"] > t["low"]) & ~t["parameter"].isin(["fte_step", "contacts_per_inhabitant_per_year"])]
    t = t[~t["value"].isin([0.0, 1.0])]
    position = (t["value"] - t["low"]) / (t["high"] - t["low"])
    assert t[(position <= 0.0) | (position >= 1.0)].empty, t[(position <= 0.0) | (position >= 1.0)]


def test_gemeenten_are_cbs_2024():
    # data/SOURCES.md: 342 municipalities, population sums to CBS's national 17,942,942 on 1-1-2024.
    g = gemeenten()
    assert len(g) == 342 and g["code"].is_unique
    assert g["population"].sum() == 17_942_942
    assert g.set_index("code").loc["GM0363", "population"] == 931_298


@pytest.mark.parametrize("alias", sorted(ALIASES))
def test_aliases_point_to_existing_gemeenten(alias):
    assert find_gemeente(alias).name == ALIASES[alias]


def test_contact_rates_use_the_population_of_their_own_year():
    # Denominators against the team's own lookup, data/contact_examples_existing_population_that_year.csv.
    points = _derive_module().read_points()
    check = pd.read_csv(ROOT / "data/contact_examples_existing_population_that_year.csv").dropna(
        subset=["population_that_year"]
    )
    merged = points.merge(check, on=["code", "year"], validate="many_to_one")
    assert len(merged) >= 30
    assert (merged["population"] == merged["population_that_year"]).all()
    # 2016 is not mirrored: the nearest mirrored year, 2017 (Utrecht 343,038 on 1-1-2017).
    utrecht_2016 = points.query("code == 'GM0344' and year == 2016 and omni_channel == 'telefoon'").iloc[0]
    assert (utrecht_2016.population_year, utrecht_2016.population) == (2017, 343_038)
    # Hand calculation: Utrecht 2019 phone 299,136 calls (utrecht-monitor.nl) / 352,866 inhabitants on 1-1-2019.
    assert (
        "Utrecht 2019: 299136 / 352866 (inwoners 1-1-2019) = 0,848"
        in params.default_row("contacts_per_inhabitant_per_year", channel="telefoon")["source"]
    )


def test_contact_rates_leave_out_covid_and_older_years():
    points = _derive_module().read_points()
    used = points[points["excluded"] == ""]
    assert not used["year"].isin([2020, 2021]).any()
    assert not used.duplicated(["code", "omni_channel"]).any(), "one point per gemeente and channel"
    assert set(points.query("year == 2020")["excluded"]) == {"covid-jaar"}
    for channel, group in used.groupby("omni_channel"):
        assert params.default_value("contacts_per_inhabitant_per_year", channel=channel) == pytest.approx(
            group["rate"].median(), abs=1e-4
        )
        low = params.default_value("contacts_per_inhabitant_per_year", channel=channel, which="low")
        high = params.default_value("contacts_per_inhabitant_per_year", channel=channel, which="high")
        assert low <= group["rate"].min() + 1e-4 and group["rate"].max() - 1e-4 <= high, "range covers the spread"


def test_no_supported_dependence_on_gemeente_characteristics():
    # With 5 (phone) and 6 (counter) gemeenten no slope is significant; derive() refuses to ship one national
    # rate once one is.
    tests = _derive_module().read_dependence_tests()
    assert set(tests["n"]) == {5, 6}
    assert not tests["supported"].any()
    assert (tests["p_value"] > 0.3).all()
