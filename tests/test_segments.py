"""Resident segments per gemeente (issue 14): derived from CBS age structure x national digital skills.

Values in ``omnicalc/defaults/segments_per_gemeente.csv`` (``data/derive_segments.py``): afhankelijk
Laren (NH.) GM0417 0,1058 (65+ 32%), Vaals GM0981 0,0972 (65+ 30%), Utrecht GM0344 0,0436 (65+ 11%),
Groningen GM0014 0,0547 (65+ 15%); the national row (no gemeente) stays 0,60 / 0,25 / 0,15 (aanname).
"""

from __future__ import annotations

import runpy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import omnicalc as oc
from omnicalc import params
from omnicalc.domain import SEGMENTS

ROOT = Path(__file__).resolve().parent.parent
#: the national row of parameters.csv (derived: the population-weighted mean of the per-gemeente table)
NATIONAL = {s: params.default_value("segment_share", segment=s) for s in oc.SEGMENTS}
SHIFT = oc.Scenario(channel_shifts=(oc.ChannelShift("telefoon", "webformulier", 0.8, "aanvraag"),))


def _derive() -> dict:
    return runpy.run_path(str(ROOT / "data" / "derive_segments.py"))


def test_shipped_segments_match_derivation():
    shipped = (ROOT / "omnicalc/defaults/segments_per_gemeente.csv").read_text(encoding="utf-8")
    assert _derive()["render"]() == shipped, "run: python data/derive_defaults.py"


def test_national_mean_is_the_cbs_distribution_it_was_calibrated_to():
    # CBS 83428NED 2019, persons 12+: meer dan basis + basis 74,9%, gering 17,8%, geen 0,3% + offline 7,0%
    mean = _derive()["national_mean"]()
    assert mean.to_dict() == pytest.approx(
        {"zelfstandig": 0.749, "beperkt_zelfstandig": 0.178, "afhankelijk": 0.073}, abs=0.002
    )


def test_shares_sum_to_one_with_a_range_for_all_342():
    table = params.gemeente_segment_table().reset_index()
    assert set(table["code"]) == set(oc.gemeenten()["code"]) and len(table) == 342 * len(SEGMENTS)
    wide = table.pivot(index="code", columns="segment", values="value")
    np.testing.assert_allclose(wide.sum(axis=1), 1.0, atol=1e-9)
    assert ((table["low"] <= table["value"]) & (table["value"] <= table["high"])).all()
    assert (table["basis"] == "afgeleid").all() and table["source"].str.contains("CBS KWB 2024 leeftijdsopbouw").all()
    for code in wide.index[:5]:  # every gemeente's shares are valid Segments
        oc.Segments(share=wide.loc[code].to_dict())


def test_an_older_gemeente_has_clearly_more_dependent_residents():
    share = {
        c: oc.baseline_for_gemeente(c).segments.share["afhankelijk"] for c in ("GM0417", "GM0981", "GM0344", "GM0014")
    }
    assert share == pytest.approx({"GM0417": 0.1058, "GM0981": 0.0972, "GM0344": 0.0436, "GM0014": 0.0547})
    assert min(share["GM0417"], share["GM0981"]) > 1.5 * max(share["GM0344"], share["GM0014"])


def test_without_a_gemeente_the_national_row_stays():
    assert dict(oc.Segments().share) == pytest.approx(NATIONAL)
    assert dict(oc.Baseline.from_population(50_000).segments.share) == pytest.approx(NATIONAL)
    assert dict(oc.Baseline.from_population(50_000, code="XX1234").segments.share) == pytest.approx(NATIONAL)


def test_a_given_share_overrides_the_gemeente_in_the_api():
    base = oc.baseline_for_gemeente("GM0417", segments=oc.Segments(share=NATIONAL))
    assert dict(base.segments.share) == pytest.approx(NATIONAL)
    floors = oc.baseline_for_gemeente("GM0417", segments=oc.Segments(assisted_floor_share={"beperkt_zelfstandig": 0.4}))
    assert floors.segments.share["afhankelijk"] == pytest.approx(0.1058)  # only floors given: the gemeente's shares
    assert floors.segments.assisted_floor_share["beperkt_zelfstandig"] == 0.4


def _moved_per_inhabitant(nat: oc.NationalResult) -> pd.Series:
    web = oc.domain.CHANNELS.index("webformulier")
    moved = nat.volume_after[:, web].sum(axis=1) - nat.volume_before[:, web].sum(axis=1)
    return pd.Series(moved, index=nat.per_gemeente.index) / nat.per_gemeente["population"]


def test_channel_shift_moves_different_volume_per_inhabitant_across_gemeenten():
    nat = oc.evaluate_national(SHIFT)
    same = oc.evaluate_national(SHIFT, segments=oc.Segments(share=NATIONAL))  # one share everywhere
    large = nat.per_gemeente["population"] >= 20_000  # gemeenten offering every channel: the same volume mix
    own, flat = _moved_per_inhabitant(nat)[large], _moved_per_inhabitant(same)[large]
    assert np.ptp(flat) < 1e-9 < 1e-3 < np.ptp(own)  # contacts/inhabitant/year
    assert own["GM0344"] > own["GM0373"]  # Utrecht (65+ 11%) can move more than Bergen (NH.) (65+ 34%)
    assert same.saving_eur_per_year != pytest.approx(nat.saving_eur_per_year)


def test_national_sum_equals_the_per_gemeente_evaluations():
    nat = oc.evaluate_national(SHIFT)
    for code in ("GM0417", "GM0344", "GM0088", "GM0606"):
        single = oc.evaluate(oc.baseline_for_gemeente(code), SHIFT)
        assert nat.per_gemeente.loc[code, "saving_eur_per_year"] == pytest.approx(single.saving_eur_per_year)
    override = oc.Segments(share=NATIONAL)
    nat = oc.evaluate_national(SHIFT, segments=override)
    single = oc.evaluate(oc.baseline_for_gemeente("GM0417", segments=override), SHIFT)
    assert nat.per_gemeente.loc["GM0417", "saving_eur_per_year"] == pytest.approx(single.saving_eur_per_year)


FILE = """schema_version = 2
name = "Laren"
gemeente = "GM0417"
cbs_indeling_year = 2024
[[channel_shifts]]
from_channel = "telefoon"
to_channel = "webformulier"
reason = "aanvraag"
share = 0.8
"""


def test_a_scenario_file_override_wins_over_the_gemeente_default():
    own = oc.read_scenario(FILE)
    given = ", ".join(f"{k} = {v}" for k, v in NATIONAL.items())
    pinned = oc.read_scenario(FILE + f"[segments]\nshare = {{ {given} }}\n")
    assert own.baseline().segments.share["afhankelijk"] == pytest.approx(0.1058)
    assert dict(pinned.baseline().segments.share) == pytest.approx(NATIONAL)
    assert pinned.evaluate().saving_eur_per_year == pytest.approx(
        oc.evaluate(oc.baseline_for_gemeente("GM0417", segments=oc.Segments(share=NATIONAL)), SHIFT).saving_eur_per_year
    )
    assert own.evaluate().saving_eur_per_year != pytest.approx(pinned.evaluate().saving_eur_per_year)
    # written back, the override stays (even though it equals the national row)
    assert dict(oc.read_scenario(oc.dump_scenario(pinned)).baseline().segments.share) == pytest.approx(NATIONAL)
    assert "[segments]" not in oc.dump_scenario(own)


def test_the_inputs_table_gives_the_gemeentes_source():
    rows = oc.analyse(oc.read_scenario(FILE), draws=20).inputs().set_index("path")
    row = rows.loc["segments.share.afhankelijk"]
    assert row["value"] == pytest.approx(0.1058) and row["basis"] == "afgeleid"
    assert (
        "CBS KWB 2024 leeftijdsopbouw × digitale vaardigheden naar leeftijd (CBS 2019/2023); afgeleid" in row["source"]
    )
    own_shares = "[segments]\nshare = { afhankelijk = 0.15, zelfstandig = 0.60, beperkt_zelfstandig = 0.25 }\n"
    pinned = oc.analyse(oc.read_scenario(FILE + own_shares), draws=20)
    row = pinned.inputs().set_index("path").loc["segments.share.afhankelijk"]
    assert row["basis"] == "invoer" and "0,1058" in row["source"]
