"""The Iv3 plausibility check: modelled klantcontact cost per inhabitant beside Burgerzaken lasten per inhabitant."""

from __future__ import annotations

import pytest

import omnicalc as oc
from omnicalc.plausibility import RATIO_BAND, iv3_check


def test_utrecht_by_hand():
    # data/gemeenten_iv3_burgerzaken.csv row "GM0344,Utrecht,2023,jaarrekening,367947,15151.0,":
    # lasten taakveld 0.2 = 15,151 x EUR 1,000 over 367,947 inhabitants = EUR 41.1771 per inhabitant.
    c = iv3_check("GM0344", 15_000_000, 374_238)
    assert c.iv3_eur_per_inhabitant == pytest.approx(15_151_000 / 367_947)
    assert c.iv3_eur_per_inhabitant == pytest.approx(41.1771, abs=1e-4)
    assert c.model_eur_per_inhabitant == pytest.approx(15_000_000 / 374_238)  # 40.0814
    assert c.ratio == pytest.approx((15_000_000 / 374_238) / (15_151_000 / 367_947))  # 0.9734
    assert not c.strongly_disagrees
    assert "€ 40,08 per inwoner" in c.note_nl and "€ 41,18 per inwoner" in c.note_nl
    assert "verhouding 0,97, binnen de band" in c.note_nl and "geen kalibratie" in c.note_nl


def test_zwolle_by_hand_and_outside_the_band():
    # Row "GM0193,Zwolle,2023,jaarrekening,132411,7748.0,": 7,748,000 / 132,411 = EUR 58.5148 per inhabitant.
    c = iv3_check("GM0193", 5_000_000, 133_141)
    assert c.iv3_eur_per_inhabitant == pytest.approx(58.5148, abs=1e-4)
    assert c.ratio == pytest.approx((5_000_000 / 133_141) / (7_748_000 / 132_411))  # 37.5542 / 58.5148 = 0.6418
    assert RATIO_BAND[0] <= c.ratio <= RATIO_BAND[1]
    low = iv3_check("GM0193", 1_000_000, 133_141)  # 7.5108 / 58.5148 = 0.128 < 0.5
    assert low.strongly_disagrees and "buiten de band" in low.note_nl
    high = iv3_check("Zwolle", 20_000_000, 133_141)  # 150.22 / 58.51 = 2.57 > 2
    assert high.strongly_disagrees


def test_treat_as_missing_is_not_available():
    # Vijfheerenlanden (GM1961) reported EUR 0 on taakveld 0.2 in 2023: flag burgerzaken_lasten_zero_treat_as_missing.
    c = iv3_check("GM1961", 2_000_000, 61_669)
    assert c.iv3_eur_per_inhabitant is None and c.ratio is None and not c.strongly_disagrees
    assert "niet beschikbaar" in c.note_nl
    assert c.as_dict()["iv3_year"] == 2023


def test_errors():
    with pytest.raises(oc.InputError) as e:
        iv3_check("GM9999", 1_000_000, 10_000)
    assert e.value.field == "gemeente" and "Gemeente" in e.value.message_nl
    with pytest.raises(oc.InputError) as e:
        iv3_check("GM0344", -1.0, 10_000)
    assert e.value.field == "cost_eur_per_year" and "ten minste € 0" in e.value.message_nl
    with pytest.raises(oc.InputError):
        iv3_check("GM0344", float("nan"), 10_000)
    with pytest.raises(oc.InputError):
        iv3_check("GM0344", 1_000_000, 0)


def test_modelled_baselines_are_plausible():
    # The shipped defaults give the four published cities a cost per inhabitant within the band.
    for name in ("Utrecht", "Zwolle", "Tilburg", "Haarlemmermeer"):
        b = oc.baseline_for_gemeente(name)
        c = iv3_check(b.code, oc.evaluate(b).cost_before_eur_per_year, b.population)
        assert not c.strongly_disagrees, c.note_nl
