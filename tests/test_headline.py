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


def reachable_population() -> float:
    """Inhabitants whose phone status questions a portal may avoid, by hand from the shipped tables: per
    gemeente zelfstandig residents in full, beperkt zelfstandig ones down to their floor 0,5 (half of their
    calls stay staffed), afhankelijk ones not at all (UWV model: no self-service)."""
    from omnicalc import params

    g = oc.gemeenten()
    shares = params.gemeente_segment_shares(list(g["code"]))
    floor_b = params.default_value("assisted_floor_share", segment="beperkt_zelfstandig")
    return float((g["population"].to_numpy() * (shares[:, 0] + (1 - floor_b) * shares[:, 1])).sum())


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
    # the shipped central values: 35% status questions at EUR 12 a call
    assert est.loc["basis", "saving_eur_per_year"] == pytest.approx(
        rate * reachable_population() * 0.35 * 12.0, rel=1e-9
    )
    # the range of the mission's own inputs (30-40%, EUR 11-31) puts the headline inside it
    assert est.loc["laag", "saving_eur_per_year"] < 65e6 < est.loc["hoog", "saving_eur_per_year"]


# ------------------------------------------------------------------------------- the honest headline (issue 15)
def test_what_the_claim_needs_in_calls_per_inhabitant_by_hand():
    """By hand: EUR 11 x 0.30 = EUR 3.30 per call; x 17,942,942 inhabitants (CBS 1-1-2024) = EUR 59,211,708.60
    per call per inhabitant; EUR 65,000,000 / 59,211,708.60 = 1.0978 calls per inhabitant per year."""
    from omnicalc.headline import claim_needs_calls_per_inhabitant

    assert claim_needs_calls_per_inhabitant() == pytest.approx(65_000_000 / 59_211_708.6, rel=1e-9)
    assert claim_needs_calls_per_inhabitant() == pytest.approx(1.0978, abs=1e-4)
    # at EUR 31 (the top of the published cost range): 31 x 0.30 x 17,942,942 = 166,869,360.6;
    # 65,000,000 / 166,869,360.6 = 0.38953 calls per inhabitant
    assert claim_needs_calls_per_inhabitant(cost_eur_per_call=31.0) == pytest.approx(0.38953, abs=1e-5)


def test_the_claim_is_a_named_preset_on_the_low_end_of_the_cost_range():
    from omnicalc import params
    from omnicalc.headline import CLAIM_PRESET_NL, claim_from_pilot, claim_label_nl

    h = claim_from_pilot()
    assert h.saving_eur_per_year == pytest.approx(65e6)  # reproduces the claim
    assert (h.cost_eur_per_call, h.status_question_share) == (11.0, 0.30)
    assert h.calls_per_inhabitant_per_year == pytest.approx(1.0978, abs=1e-4)
    label = claim_label_nl()
    assert CLAIM_PRESET_NL == "claim uit de pilot" and label.startswith("Claim uit de pilot: € 11 × 30%")
    # the published range (EUR 11-31, the pilot), not omnicalc's own default range (EUR 9-31 around EUR 12)
    assert "rust op de onderkant van de gepubliceerde kosten per telefoontje (€ 11–€ 31)" in label
    assert params.default_value("cost_eur_per_contact", channel="telefoon", which="high") == 31
    assert "aanname" in label


@pytest.fixture(scope="module")
def national():
    from omnicalc.headline import national_headline

    return national_headline(draws=1_000, seed=20240101)


def test_national_headline_deterministic_value_from_the_defaults(national):
    """Every phone status call a resident can look up avoided: reachable population x phone calls per
    inhabitant x status share x cost per call, with the shipped defaults (evaluate_national over the 342
    gemeenten sums exactly this)."""
    from omnicalc import params

    rate = params.default_value("contacts_per_inhabitant_per_year", channel="telefoon")
    share = params.default_value("reason_share", channel="telefoon", reason="statusvraag")
    cost = params.default_value("cost_eur_per_contact", channel="telefoon")
    assert national.deterministic_eur == pytest.approx(reachable_population() * rate * share * cost, rel=1e-9)
    assert national.calls_per_inhabitant == rate


def test_national_headline_acceptance_central_in_its_iqr_and_a_narrow_band(national):
    """Issue 15 acceptance: central between P25 and P75 of its own simulation; high / low <= 4."""
    p = national.percentiles_eur
    assert p["P10"] < p["P25"] < p["P50"] < p["P75"] < p["P90"]
    assert p["P25"] <= national.central_eur <= p["P75"]
    assert national.high_eur / national.low_eur <= 4
    assert (national.low_eur, national.high_eur) == (p["P10"], p["P90"])


def test_national_headline_simulates_the_same_calls_as_its_deterministic_value(national):
    """Phone only, every status call avoided: the simulated mean is population x the PERT means
    (a + 4m + b) / 6 of rate, status share and cost (independent draws), within the Monte Carlo error;
    all channels would give far more."""
    from omnicalc import params

    def pert_mean(parameter, **key):
        lo, m, hi = (params.default_value(parameter, which=w, **key) for w in ("low", "value", "high"))
        return (lo + 4 * m + hi) / 6

    expected = (
        reachable_population()  # the floor of beperkt zelfstandig is drawn around 0,5 (PERT mean 0,5)
        * pert_mean("contacts_per_inhabitant_per_year", channel="telefoon")
        * pert_mean("reason_share", channel="telefoon", reason="statusvraag")
        * pert_mean("cost_eur_per_contact", channel="telefoon")
    )
    assert national.percentiles_eur["mean"] == pytest.approx(expected, rel=0.03)


def test_national_headline_sentence_says_what_it_is(national):
    from omnicalc import params

    text = national.sentence_nl()
    assert text.endswith(".") and ". " not in text  # one sentence
    assert "volgens omnicalc € " in text and "1,10 telefoontjes per inwoner per jaar" in text
    lo, hi = (
        params.default_value("contacts_per_inhabitant_per_year", channel="telefoon", which=w) for w in ("low", "high")
    )
    assert f"gepubliceerd is {oc.fmt.num(lo, 2)}–{oc.fmt.num(hi, 2)}" in text
    own = text.split("volgens omnicalc ")[1].split(" per jaar")[0]
    assert own == f"€ {oc.fmt.num(national.central_eur / 1e6, 1)} miljoen" and own != "€ 65 miljoen"
    if national.deterministic_in_iqr:
        assert "basisraming," in text
    else:  # said honestly: the median is the central value, and where the deterministic value lies
        assert "mediaan van 1.000 simulaties" in text and "de basisraming uit de standaardwaarden" in text
