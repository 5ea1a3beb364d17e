"""Every shipped default has a source, a year, a unit and a range; the shipped files match their derivation."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
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


@pytest.mark.parametrize("name", ["gemeenten.csv", "gemeenten_2024.geojson"])
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
