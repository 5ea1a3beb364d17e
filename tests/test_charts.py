"""The charts' Vega-Lite specs: Dutch formats, the analysis' numbers as data, a Dutch summary, renderable offline."""

from __future__ import annotations

import base64
import re

import pytest

from omnicalc import charts, fmt
from omnicalc.analysis import analyse
from omnicalc.domain import CHANNEL_LABELS, CHANNELS
from omnicalc.levers import LEVER_KEYS, LEVER_LABELS
from omnicalc.presets import standard_scenario_file


@pytest.fixture(scope="module")
def analysis():
    return analyse(standard_scenario_file("Utrecht"), draws=200, seed=3)


@pytest.fixture(scope="module")
def made(analysis):
    r, bc, sim, tor = analysis.result, analysis.business_case, analysis.simulation, analysis.sensitivity
    pc, band = r.per_channel, sim.cumulative_percentiles
    return {
        "costs": charts.channel_bars(
            pc["cost_before_eur_per_year"], pc["cost_after_eur_per_year"], "Kosten per kanaal per jaar", True
        ),
        "volumes": charts.channel_bars(
            pc["volume_before_per_year"], pc["volume_after_per_year"], "Contacten per kanaal per jaar", False
        ),
        "waterfall": charts.waterfall(r.cost_before_eur_per_year, r.per_lever["saving_eur_per_year"].to_numpy()),
        "cashflow": charts.cash_flow(
            bc.years["cumulative_eur"].to_numpy(), band["P10"].to_numpy(), band["P90"].to_numpy(), bc.payback.year
        ),
        "tornado": charts.tornado(tor.table, tor.base_npv_eur),
    }


def test_every_spec_has_the_dutch_locale_its_rows_as_param_and_a_summary(made):
    for name, chart in made.items():
        assert chart.spec["config"]["locale"] == charts.LOCALE, name
        assert chart.spec["params"] == [{"name": charts.ROWS, "value": chart.rows}], name
        # fixed: a chart drawn in a hidden tab has no container width (the tornado narrower: its labels beside it)
        assert chart.spec["width"] == (charts.TORNADO_WIDTH if name == "tornado" else charts.WIDTH), name
        assert chart.summary_nl.endswith(".") and re.search(r"\d\.\d{3}", chart.summary_nl), name
    number = charts.LOCALE["number"]
    assert (number["decimal"], number["thousands"], number["currency"]) == (",", ".", ["€ ", ""])
    assert number["minus"] == fmt.eur(-1)[0]  # the same minus as the rest of the app


def test_specs_are_valid_vega_lite():
    altair = pytest.importorskip("altair")
    from altair.utils.schemapi import validate_jsonschema

    schema = altair.vegalite.v6.schema.core.load_schema()
    chart = charts.cash_flow([-10.0, 5.0, 20.0], [-12.0, 0.0, 10.0], [-8.0, 9.0, 30.0], 1.7)
    assert validate_jsonschema(chart.spec, schema, raise_error=False) is None


def test_specs_are_valid_vega_lite_for_every_chart(made):
    altair = pytest.importorskip("altair")
    from altair.utils.schemapi import validate_jsonschema

    schema = altair.vegalite.v6.schema.core.load_schema()
    for name, chart in made.items():
        assert validate_jsonschema(chart.spec, schema, raise_error=False) is None, name


def test_the_data_are_the_analysis_numbers(analysis, made):
    r, bc, tor = analysis.result, analysis.business_case, analysis.sensitivity
    pc = r.per_channel
    costs = {(row["kanaal"], row["reeks"]): row["waarde"] for row in made["costs"].rows}
    for c in CHANNELS:
        assert costs[CHANNEL_LABELS[c], "Nu"] == pytest.approx(pc.loc[c, "cost_before_eur_per_year"])
        assert costs[CHANNEL_LABELS[c], "Met scenario"] == pytest.approx(pc.loc[c, "cost_after_eur_per_year"])
    steps = made["waterfall"].rows
    assert [s["stap"] for s in steps] == ["Kosten nu", *(LEVER_LABELS[k] for k in LEVER_KEYS), "Kosten met scenario"]
    assert steps[-1]["tot"] == pytest.approx(r.cost_before_eur_per_year - r.per_lever["saving_eur_per_year"].sum())
    # a saving is written as fmt.eur writes a negative amount: one minus sign on screen
    assert (
        steps[1]["tekst"]
        == fmt.eur(-r.per_lever["saving_eur_per_year"].iloc[0])
        == "-" + fmt.eur(r.per_lever["saving_eur_per_year"].iloc[0])
    )
    years = [row for row in made["cashflow"].rows if row["soort"] == "jaar"]
    assert [y["basis"] for y in years] == pytest.approx(bc.years["cumulative_eur"].tolist())
    (pay,) = [row for row in made["cashflow"].rows if row["soort"] == "terugverdiend"]
    assert pay["jaar"] == pytest.approx(bc.payback.year) and fmt.num(bc.payback.year, 1) in pay["tekst"]
    top = tor.table.iloc[0]
    assert made["tornado"].rows[0]["invoer"] == top["label_nl"]
    assert made["tornado"].rows[0]["tot"] == pytest.approx(top["npv_low_eur"])
    assert fmt.eur(tor.base_npv_eur) in made["tornado"].summary_nl


def test_no_payback_and_no_band_are_said_and_drawn():
    chart = charts.cash_flow([-10.0, -5.0, -1.0], None, None, None)
    assert "Niet terugverdiend binnen de looptijd" in chart.summary_nl
    assert all(row["p10"] is None for row in chart.rows) and "P10" not in chart.summary_nl
    assert "<svg" in charts.svg(chart)


def test_rendered_offline_with_dutch_numbers(made):
    svg = charts.svg(made["costs"])
    assert svg.lstrip().startswith("<svg") and "€ 2.000.000" in svg  # the Dutch axis format, by Vega
    assert "http" not in svg.replace("http://www.w3.org/", "")  # nothing to fetch
    png = charts.png(made["tornado"])
    assert png[:4] == b"\x89PNG"
    labels = re.findall(r"<text[^>]*>([^<]+)</text>", charts.svg(made["tornado"]))
    assert made["tornado"].rows[0]["invoer"] in labels  # whole labels, not cut off
    assert base64.b64encode(png)  # embeddable
