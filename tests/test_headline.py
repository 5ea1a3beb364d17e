"""Known answer: the mission's headline, "EUR 11 at 30% gives well over EUR 65 million".

Source: VNG MijnServices pilot (~20 municipalities), Gebruiker Centraal podcast 2024-2025;
REFERENCE.md derives the implied national phone volume: EUR 65M / EUR 11 / 0.30 = 19.7
million calls = 1.1 per inhabitant (CBS population 1-1-2024: 17,942,942).
"""

from __future__ import annotations

import pytest

import omnicalc as oc
from omnicalc.headline import implied_calls_per_year, national_population


def test_headline_from_explicit_inputs():
    pop = 17_942_942
    calls = 1.1 * pop  # 19,737,236 calls
    h = oc.headline(calls, status_question_share=0.30, cost_eur_per_call=11.0)
    # 19,737,236 x 0.30 x 11 = 65,132,879
    assert h.saving_eur_per_year == pytest.approx(65_132_879, abs=1)
    assert h.saving_eur_per_year > 65e6  # "well over EUR 65 million"
    assert h.calls_per_inhabitant_per_year == pytest.approx(1.1)
    assert h.population == pop == national_population()


def test_headline_defaults_are_the_mission_figures():
    h = oc.headline(19_700_000)
    assert (h.status_question_share, h.cost_eur_per_call) == (0.30, 11.0)
    assert h.saving_eur_per_year == pytest.approx(65_010_000)


def test_implied_phone_volume():
    # EUR 65M / EUR 11 / 0.30 = 19,696,970 calls = 1.098 per inhabitant
    calls = implied_calls_per_year(65e6)
    assert calls == pytest.approx(19_696_970, abs=1)
    assert calls / 17_942_942 == pytest.approx(1.0978, abs=1e-4)


def test_default_estimate_sits_next_to_the_headline():
    est = oc.national_estimate()
    assert list(est.index) == ["laag", "basis", "hoog"]
    assert (
        est.loc["laag", "saving_eur_per_year"]
        < est.loc["basis", "saving_eur_per_year"]
        < est.loc["hoog", "saving_eur_per_year"]
    )
    # basis: published rates give fewer calls per inhabitant (median 0.86) than the headline implies (1.1)
    assert est.loc["basis", "calls_per_inhabitant_per_year"] < 1.1
    rate = est.loc["basis", "calls_per_inhabitant_per_year"]
    assert est.loc["basis", "saving_eur_per_year"] == pytest.approx(rate * 17_942_942 * 0.30 * 11.0, rel=1e-9)
    # the range of the mission's own inputs (30-40%, EUR 11-31) puts the headline inside it
    assert est.loc["laag", "saving_eur_per_year"] < 65e6 < est.loc["hoog", "saving_eur_per_year"]
