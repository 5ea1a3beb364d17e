"""Headless tests of the dashboard objects: set widget values in Python, assert on what they show."""

from __future__ import annotations

import base64
import difflib
import html
import logging
import os
import re
import sys
from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc import fmt, limits
from omnicalc.levers import LEVER_KEYS
from omnicalc.presets import standard_scenario_file
from omnicalc.scenario_doc import ScenarioDocument
from omnicalc.ui.kanaalmix import KanaalmixApp
from omnicalc.ui.landelijk import LandelijkApp
from omnicalc.ui.statusvragen import StatusvragenApp
from omnicalc.ui.widgets import ServerLog

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def app():
    return KanaalmixApp("Utrecht")


def test_snapshot_drives_the_numbers(app):
    app.reach.value = 0.7
    app.adoption.value = 0.6
    sf = app.snapshot()
    assert sf.scenario.status_portal.reach_share == 0.7 and sf.gemeente == "GM0344"
    bc = oc.run_business_case(sf.baseline(), sf.scenario, sf.business_case)
    assert fmt.eur(bc.years["savings_used_eur"].iloc[-1]) in app.kpis.value
    assert fmt.eur(bc.npv_eur) in app.kpis.value
    assert app.reach.readout.value == "70%"


def test_apply_restores_a_document(app):
    app.reach.value, app.repeat.value = 0.4, 0.3
    app.shifts[0].share.value = 0.25
    before = app.doc.text
    assert app.snapshot().scenario.channel_shifts[0].share == 0.25
    app.reach.value, app.repeat.value = 0.9, 0.0
    app.shifts[0].share.value = 0.0
    app.apply(ScenarioDocument(before))
    assert app.doc.text == before and app.reach.value == 0.4 and app.shifts[0].share.value == 0.25
    app.apply(oc.read_scenario(before))  # a ScenarioFile is taken too (as dump_scenario writes it)
    assert app.snapshot().scenario.status_portal.reach_share == 0.4


def test_bad_volume_text_shows_a_dutch_message_and_keeps_the_numbers(app):
    saving = app.kpis.value
    app.volume_inputs["telefoon"].value = "veel"
    line = app.field_errors["baseline.volumes_per_year"]  # next to the volume boxes, not at the top
    assert "is geen getal" in line.value and "Telefoon" in line.value and app.message.value == ""
    assert "Niet bijgewerkt" in app.kpis.value and app.volume_inputs["telefoon"].value == "veel"  # old, marked
    assert re.search(r"oc-kpi-saving[^>]*>([^<]*)<", app.kpis.value)[1] in saving
    app.volume_inputs["telefoon"].value = "250.000"
    assert app.volumes["telefoon"] == 250_000
    assert line.value == "" and app.message.value == ""


def send(upload, name: str, data: bytes, refused: bool = False) -> None:
    """What the browser sends: name and size, and the bytes as one binary buffer unless refused."""
    upload.receive({"name": name, "size": len(data), "refused": refused}, [] if refused else [memoryview(data)])


def test_upload_of_a_kcc_export(app):
    data = (ROOT / "examples" / "kcc" / "kcc_export_2024.csv").read_bytes()
    send(app.upload, "kcc_export_2024.csv", data)
    assert app.volumes["telefoon"] == 97_800 and app.volumes["chat"] > 0  # not in the file: not silently 0
    assert "Chat: niet in het bestand" in app.volume_note.value
    assert app.volume_inputs["balie"].value == "99.000"
    send(app.upload, "fax.csv", b"Kanaal;Aantal\nFax;12\n")
    line = app.field_errors["kcc_export"]  # under the upload button
    assert "onbekend kanaal" in line.value and app.volumes["telefoon"] == 97_800  # nothing half-imported


def test_too_large_upload_is_refused_in_dutch(app):
    before = app.volumes
    big = b"x" * (app.upload.max_bytes + 1)
    send(app.upload, "<b>groot</b>.csv", big, refused=True)  # the browser refused it and sent only name and size
    line = app.field_errors["kcc_export"]
    assert "bestanden tot 20 MB worden geaccepteerd" in line.value
    assert "&lt;b&gt;groot&lt;/b&gt;.csv (20,0 MB)" in line.value  # the file name is escaped
    assert app.volumes == before  # nothing imported
    # the scenario upload's cap is the scenario reader's limit (one place: omnicalc.limits), and holds in Python too
    assert app.load.max_bytes == limits.SCENARIO_CHARS.value
    send(app.load, "scenario.toml", b"#" * (limits.SCENARIO_CHARS.value + 1), refused=False)
    assert "bestanden tot 256 kB worden geaccepteerd" in app.field_errors["scenario_file"].value


def test_the_upload_limit_holds_on_the_bytes_received_not_on_the_size_claimed(app):
    """Any client can send any message: a 30 MB 'scenario' claiming 10 bytes never reaches the 256 kB loader."""
    before, loaded = app.doc.text, []
    upload = type(app.load)("Scenario laden", ".toml", app.load.max_bytes, lambda n, d: loaded.append(n), app._error)
    big = b"# " + b"x" * (30 * 2**20) + b"\nname = 'groot'\n"
    upload.receive({"name": "groot.toml", "size": 10, "refused": False}, [memoryview(big)])
    assert not loaded
    app.message.value = ""
    app.load.receive({"name": "groot.toml", "size": 10, "refused": False}, [memoryview(big)])
    line = app.field_errors["scenario_file"]  # under the load button
    assert "bestanden tot 256 kB" in line.value and "groot.toml (30,0 MB)" in line.value
    assert app.doc.text == before
    line.value = ""
    app.load.receive("geen bericht", [])  # a malformed message is refused in Dutch, not with a traceback
    assert "bestanden tot 256 kB" in line.value
    upload.receive({"name": "klein.toml", "size": 10**40, "refused": False}, [memoryview(b"name = 'x'\n")])
    assert not loaded  # a claim beyond the limit is refused as well


def run_in_own_loop(coroutine_function):
    """Run a coroutine on an event loop of its own, in a thread (the browser tests' Playwright keeps a loop
    registered as running in the main thread)."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine_function()).result()


def test_a_burst_of_slider_updates_is_one_recomputation_per_pause(monkeypatch):
    """50 updates at once (a client may send them) cost two recomputations: the first at once, the last one
    after the pause; the ones between are dropped. The result shown is that of the last value."""
    import asyncio
    import time

    from omnicalc.ui import kanaalmix, widgets

    monkeypatch.setattr(widgets, "kernel_loop", asyncio.get_running_loop)  # as in a kernel (see test_notebooks)
    app = KanaalmixApp("Utrecht")
    calls = []
    real = kanaalmix.analyse

    def counting(*args, **kwargs):
        calls.append(time.monotonic())
        return real(*args, **kwargs)

    async def burst() -> float:
        await asyncio.sleep(widgets.RECOMPUTE_PAUSE_SECONDS)  # the pause after the app's first computation
        t = time.process_time()
        for k in range(50):
            app.reach.value = 0.3 + k * 0.01
        await asyncio.sleep(3 * widgets.RECOMPUTE_PAUSE_SECONDS)
        return time.process_time() - t

    kanaalmix.analyse = counting
    try:
        cpu_seconds = run_in_own_loop(burst)
    finally:
        kanaalmix.analyse = real
    assert len(calls) == 2, calls
    assert calls[1] - calls[0] >= widgets.RECOMPUTE_PAUSE_SECONDS
    assert cpu_seconds < 5, cpu_seconds
    sf = app.snapshot()
    assert sf.scenario.status_portal.reach_share == pytest.approx(0.79)
    bc = oc.run_business_case(sf.baseline(), sf.scenario, sf.business_case)
    assert fmt.eur(bc.npv_eur) in app.kpis.value


def test_keeping_a_scenario_first_runs_a_waiting_recomputation(monkeypatch):
    import asyncio

    from omnicalc.ui import widgets

    monkeypatch.setattr(widgets, "kernel_loop", asyncio.get_running_loop)
    app = KanaalmixApp("Utrecht")

    async def change_and_keep() -> None:
        app.reach.value = 0.31  # right after the first computation: waits for the pause
        app.keep.click()

    run_in_own_loop(change_and_keep)
    sf = app.snapshot()
    assert sf.kept[-1].scenario.status_portal.reach_share == pytest.approx(0.31)
    bc = oc.run_business_case(sf.baseline(), sf.scenario, sf.business_case)
    assert fmt.eur(bc.npv_eur) in app.compare_table.value


def test_compare_shows_every_input_that_differs_and_drops_none():
    app = KanaalmixApp("Utrecht")  # a kernel of its own: the shared one has kept scenarios
    assert "Nog geen scenario's bewaard" in app.compare_table.value
    for k in range(4):
        app.name.value = f"Variant {k}"
        app.keep.click()
    kept = app.snapshot().kept
    assert [k.scenario.name for k in kept] == ["Variant 0", "Variant 1", "Variant 2", "Variant 3"]  # none dropped
    assert "alleen in naam" in app.compare_table.value
    assert not [p for p, _ in app.readonly_items() if p.startswith("kept")]  # not again in the read-only list
    app.reach.value = 0.8
    app.phone_cost.value = 15.0
    app.keep.click()
    table = app.compare_table.value
    assert "Bereik statusportaal" in table and "80%" in table
    assert "data-path='cost.top_down_eur_per_contact.telefoon'" in table and "€ 15,00" in table


def test_kept_scenarios_are_renamed_removed_saved_and_loaded():
    app = KanaalmixApp("Utrecht")  # a kernel of its own: the shared one has kept scenarios
    for k in range(2):
        app.name.value = f"Variant {k}"
        app.keep.click()
    app.kept_choice.value = 0
    app.kept_name.value = "Voorzichtig"
    app.kept_rename.click()
    assert [k.scenario.name for k in app.snapshot().kept] == ["Voorzichtig", "Variant 1"]
    assert "Voorzichtig" in app.compare_table.value
    app.kept_choice.value = 1
    app.kept_drop.click()
    assert [k.scenario.name for k in app.snapshot().kept] == ["Voorzichtig"]
    text = app.doc.text
    assert "[[kept]]" in text
    fresh = KanaalmixApp("Zwolle")
    fresh.apply(text)  # the kept scenarios come back with the file
    assert [k.scenario.name for k in fresh.snapshot().kept] == ["Voorzichtig"]
    assert "Voorzichtig" in fresh.compare_table.value
    fresh.claim_preset.click()  # a preset is a new starting point; the kept scenarios stay
    assert [k.scenario.name for k in fresh.snapshot().kept] == ["Voorzichtig"]
    fresh.reach.value = 0.7
    fresh.name.value = "Na de preset"
    fresh.keep.click()
    fresh.undo.click()  # takes back the name, keeps both kept scenarios
    assert [k.scenario.name for k in fresh.snapshot().kept] == ["Voorzichtig", "Na de preset"]
    fresh.reset.click()
    assert [k.scenario.name for k in fresh.snapshot().kept] == ["Voorzichtig", "Na de preset"]


def test_the_eleventh_kept_scenario_is_refused_next_to_the_button():
    app = KanaalmixApp("Utrecht")  # a kernel of its own: the shared one has kept scenarios
    for _ in range(oc.limits.KEPT_SCENARIOS.value):
        app.keep.click()
    app.keep.click()
    assert len(app.snapshot().kept) == oc.limits.KEPT_SCENARIOS.value
    shown = html.unescape(app.field_errors["kept"].value)
    assert "de waarde 11 is niet toegestaan; toegestaan is ten hoogste 10 bewaarde scenario's; verwijder" in shown


def test_scenario_names_are_escaped(app):
    app.name.value = "<script>alert(1)</script>"
    app.keep.click()
    assert "<script>" not in app.compare_table.value and "&lt;script&gt;" in app.compare_table.value


def test_tabs_draw_their_charts_when_opened(app):
    app.tabs.selected_index = 2
    chart = app.charts["cashflow"]
    years = [r for r in chart.rows if r["soort"] == "jaar"]
    assert [r["basis"] for r in years] == pytest.approx(app.business_case.years["cumulative_eur"].tolist())
    assert chart.spec["config"]["locale"]["number"]["decimal"] == ","
    assert "Cumulatieve kasstroom na" in app.summaries["cashflow"].value
    app.tabs.selected_index = 3
    assert app.charts["tornado"].rows[0]["invoer"] == app.sensitivity.table["label_nl"].iloc[0]
    assert "De grootste invloed hebben" in app.summaries["tornado"].value
    assert app.reading.value.startswith("<p>De businesscase hangt vooral af van")


def test_statusvragen_headline():
    """omnicalc's own national estimate in one sentence (the landing page's), and the claim as a preset."""
    import html

    from omnicalc.headline import national_headline

    s = StatusvragenApp("Tilburg")
    sentence = national_headline().sentence_nl()
    assert html.escape(sentence) in s.national_sentence.value
    assert "volgens omnicalc" in sentence and "1,10 telefoontjes per inwoner per jaar, gepubliceerd is" in sentence
    assert "Claim uit de pilot" in s.widget.children[12].value and "onderkant" in s.widget.children[12].value
    assert "niet de raming van omnicalc" in s.national.value  # the claim's sum is not stated as omnicalc's result
    assert fmt.eur(oc.headline(1.1 * 17_942_942).saving_eur_per_year) in s.national.value
    s.nat_status.value = 0.4
    assert fmt.eur(oc.headline(1.1 * 17_942_942, status_question_share=0.4).saving_eur_per_year) in s.national.value
    assert "Tilburg" in s.local.value


def test_landelijk_sorts_and_maps():
    nat = LandelijkApp()
    assert nat.map.value[:4] == b"\x89PNG"
    nat.sort_by("name")  # a click on the header "Gemeente": A to Z
    assert nat.table.value.index("Aa en Hunze") < nat.table.value.index("Alkmaar")
    assert nat.headers["name"].description == "Gemeente ▲"


def test_landelijk_table_has_all_rows_dutch_order_search_total_and_exports():
    # issue 18 point 7: all 342 rows, sortable by a click on a header (again: the other way round), Dutch
    # alphabetical order, search by name, a total row, and the shown rows as CSV and Excel
    import base64
    import io
    import re

    import openpyxl

    nat = LandelijkApp()
    names = lambda: re.findall(r"<tr><td>([^<]*)</td>", html.unescape(nat.table.value))
    assert len(names()) == 342
    nat.sort_by("name")
    order = names()
    assert order[0] == "Aa en Hunze" and order[-1] == "Zwolle"
    # 's-Hertogenbosch among the S (accents and punctuation ignored), not before the A
    assert order.index("Schagen") < order.index("'s-Hertogenbosch") < order.index("Sittard-Geleen")
    nat.sort_by("name")
    assert names()[0] == "Zwolle" and nat.headers["name"].description == "Gemeente ▼"
    nat.sort_by("population")  # a number column starts with the largest
    assert names()[0] == "Amsterdam"
    total = re.search(r"oc-nat-total.*?</tr>", nat.table.value).group(0)
    assert fmt.eur(nat.result.saving_eur_per_year) in total and "342 gemeenten" in total
    nat.search.value = "bosch"
    assert names() == ["'s-Hertogenbosch"] and "1 gemeente<" in nat.table.value
    shown = nat.result.per_gemeente.loc["GM0796"]
    links = {
        ext: base64.b64decode(data)
        for data, ext in re.findall(r"href='data:[^;]+;base64,([^']+)' class='oc-nat-export-(\w+)'", nat.export.value)
    }
    csv = links["csv"].decode("utf-8-sig").splitlines()
    assert csv[0] == "CBS-code;Gemeente;Provincie;Inwoners;Besparing per jaar (theoretisch);Per inwoner"
    assert (
        csv[1].startswith("GM0796;'s-Hertogenbosch;Noord-Brabant;")
        and f"{shown.saving_eur_per_year:.2f}".replace(".", ",") in csv[1]
    )
    ws = openpyxl.load_workbook(io.BytesIO(links["xlsx"]))["Landelijk overzicht"]
    assert [c.value for c in ws[2]][:2] == ["GM0796", "'s-Hertogenbosch"]
    assert ws.cell(2, 5).value == pytest.approx(shown.saving_eur_per_year)
    nat.search.value = "zzzz"
    assert "Geen gemeente gevonden met ‘zzzz’" in nat.table.value


def test_landelijk_maps_the_shiftable_volume_per_inhabitant_with_a_dutch_legend():
    # issue 14: what could move to self-service within the inclusion rules differs per gemeente (segment shares
    # from age structure, channels offered); the map's legend and the sentence under it are Dutch
    from omnicalc import maps

    nat = LandelijkApp()
    assert nat.shift_map.value[:4] == b"\x89PNG" and nat.shift_map.value != nat.map.value
    t = oc.shiftable_to_self_service()
    x = t["shiftable_per_inhabitant_per_year"]
    assert x.max() - x.min() > 0.1  # differs per gemeente
    laren, utrecht = t.loc["GM0417"], t.loc["GM0344"]  # 65+ 32% and 11%
    assert laren["shiftable_share"] < utrecht["shiftable_share"] - 0.03
    assert f"tot {fmt.num(x.max(), 2)} in {t.loc[x.idxmax(), 'name']}" in nat.shift_note.value
    fig = maps.choropleth(x, "Verschuifbaar naar zelfservice", "Contacten per inwoner per jaar", money=False)
    bar = fig.axes[-1]
    fig.canvas.draw()
    assert bar.get_ylabel() == "Contacten per inwoner per jaar"
    ticks = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
    assert ticks and all("," in t and "€" not in t for t in ticks)  # Dutch decimal comma, no euro sign


def test_sliders_say_where_their_starting_value_comes_from(app):
    assert app.phone_cost.basis == "afgeleid" and "VNG MijnServices" in app.phone_cost.slider.tooltip
    assert app.rate.basis == "aanname" and "aanname" in app.rate.badge.value
    assert app.investment.basis == "aanname" and "voorbeeld" in app.investment.badge.value
    assert app.reach.basis == "keuze"


# ---------------------------------------------------------------------- the scenario document is the state
SCENARIO_FILES = sorted(
    p
    for pattern in ("examples/**/*.toml", "tests/data/*.toml", "tests/cases/*.toml")
    for p in ROOT.glob(pattern)
    if not p.name.endswith(".expected.toml")
)
UTRECHT = ROOT / "examples" / "utrecht_statusportaal.toml"


@pytest.fixture()
def fresh():
    return KanaalmixApp("Utrecht")


def saved(app) -> bytes:
    """The bytes behind the download link (a data URL), as the browser saves them."""
    m = re.search(r"href='data:application/toml;base64,([^']+)'", app.download.value)
    assert m, app.download.value
    return base64.b64decode(m.group(1))


def load(app, path: Path | str, data: bytes | None = None) -> None:
    data = Path(path).read_bytes() if data is None else data
    send(app.load, Path(path).name, data)
    assert app.message.value == "", app.message.value


def test_every_shipped_scenario_file_is_found():
    names = {p.name for p in SCENARIO_FILES}
    assert {"utrecht_statusportaal.toml", "scenario_v1.toml"} <= names


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_load_and_save_unchanged_gives_the_same_bytes(fresh, path):
    data = path.read_bytes()
    load(fresh, path)
    doc = ScenarioDocument(data.decode("utf-8"))
    if doc.migrated_from is None:
        assert saved(fresh) == data
    else:  # an older schema is saved migrated: the same text as the migration gives (tested in test_scenario_doc)
        assert saved(fresh) == doc.text.encode("utf-8") and oc.read_scenario(saved(fresh).decode()).gemeente


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_dashboard_computes_what_the_cli_computes(fresh, path):
    load(fresh, path)
    expected = oc.read_scenario(path.read_text(encoding="utf-8")).run().npv_eur
    assert fresh.business_case.npv_eur == pytest.approx(expected, rel=1e-12, abs=1e-6)
    assert f"oc-kpi-npv' style='font-size:22px;font-weight:bold'>{fmt.eur(expected)}<" in fresh.kpis.value


def test_utrecht_npv_is_the_cli_number(fresh, capsys):
    from omnicalc import cli

    load(fresh, UTRECHT)
    assert cli.main(["evaluate", str(UTRECHT), "--draws", "200"]) == 0  # what `omnicalc evaluate` prints
    assert fmt.eur(fresh.business_case.npv_eur) in capsys.readouterr().out


def changed(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_one_slider_move_changes_exactly_that_line(fresh):
    text = UTRECHT.read_text(encoding="utf-8")
    load(fresh, UTRECHT)
    fresh.adoption.value = 0.55
    after = saved(fresh).decode("utf-8")
    assert changed(text, after) == (["adoption_share = 0.5"], ["adoption_share = 0.55"])
    assert "# Utrecht-monitor 2019" in after and "# CBS-gemeentelijke indeling" in after
    assert fresh.business_case.npv_eur == pytest.approx(oc.read_scenario(after).run().npv_eur)


def leaves(text: str) -> dict[str, object]:
    return dict(ScenarioDocument(text).leaves())


@pytest.mark.parametrize(
    "attr, value, path",
    [
        ("reach", 0.7, "status_portal.reach_share"),
        ("repeat", 0.1, "repeat_contacts.reduction_share"),
        ("investment", 410_000, "business_case.investments[0].amount_eur"),
        ("recurring", 70_000, "business_case.recurring_costs[0].amount_eur_per_year"),
        ("horizon", 8, "business_case.horizon_years"),
        ("discount", 0.03, "business_case.discount_rate"),
        ("phone_cost", 12.5, "cost.top_down_eur_per_contact.telefoon"),
        ("rate", 72, "cost.loaded_hourly_rate_eur"),
    ],
)
def test_one_widget_changes_exactly_one_value(fresh, attr, value, path):
    text = UTRECHT.read_text(encoding="utf-8")
    load(fresh, UTRECHT)
    getattr(fresh, attr).value = value
    before, after = leaves(text), leaves(saved(fresh).decode("utf-8"))
    assert {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)} == {path}
    assert after[path] == value


def test_other_widgets_write_their_path(fresh):
    load(fresh, UTRECHT)
    fresh.method.value = "bottom_up"
    fresh.basis.value = "theoretical"
    fresh.name.value = "Variant B "
    fresh.shifts[0].reason.value = None  # "Alle redenen": the key goes
    fresh.volume_inputs["email"].value = "5.000"
    sf = oc.read_scenario(saved(fresh).decode("utf-8"))
    assert sf.cost.method == "bottom_up" and sf.business_case.savings_basis == "theoretical"
    assert sf.scenario.name == "Variant B" and sf.scenario.channel_shifts[0].reason is None
    assert dict(sf.volumes_per_year) == {"telefoon": 299136, "balie": 237660, "email": 5000}


def test_a_new_shift_row_adds_one_shift_only_when_it_gets_a_share(fresh):
    fresh.shifts[1].to.value = "chat"
    assert not fresh.doc.has("channel_shifts")  # a choice on screen only
    fresh.shifts[1].share.value = 0.1
    shifts = fresh.snapshot().scenario.channel_shifts
    assert [(s.from_channel, s.to_channel, s.reason, s.share) for s in shifts] == [("balie", "chat", "aanvraag", 0.1)]
    fresh.shifts[1].share.value = 0.2
    assert fresh.doc.get("channel_shifts[0].share") == 0.2 and fresh.doc.length("channel_shifts") == 1


@pytest.mark.filterwarnings("ignore::omnicalc.errors.AssumptionWarning")  # the rate is above the plausible 150
def test_values_off_the_grid_or_out_of_range_are_kept(fresh):
    text = (
        UTRECHT.read_text(encoding="utf-8")
        .replace("reach_share = 0.6", "reach_share = 0.333")
        .replace("amount_eur = 400000", "amount_eur = 4999999.5")
        .replace("horizon_years = 6", "horizon_years = 6\ndiscount_rate = 0.1234")
    )
    text = text.replace('method = "top_down"', 'method = "top_down"\nloaded_hourly_rate_eur = 180')
    load(fresh, "anders.toml", text.encode())
    assert saved(fresh) == text.encode()
    assert fresh.reach.value == 0.333 and fresh.reach.readout.value == "33,3%"
    assert fresh.rate.value == 180 and fresh.rate.slider.max >= 180  # the slider widens, it does not clip
    fresh.adoption.value = 0.6
    after = saved(fresh).decode("utf-8")
    assert changed(text, after) == (["adoption_share = 0.5"], ["adoption_share = 0.6"])
    assert fresh.business_case.npv_eur == pytest.approx(oc.read_scenario(after).run().npv_eur)


def test_inputs_without_a_widget_are_listed_read_only(fresh):
    load(fresh, UTRECHT)
    assert [p for p, _ in fresh.readonly_items()] == [
        "business_case.ramps.status_portal.kind",
        "business_case.ramps.status_portal.years_to_full",
        "business_case.investments[0].label",
        "business_case.recurring_costs[0].label",
        "business_case.residents.value_of_time_eur_per_hour",
    ]
    assert "<h4 style='margin:8px 0 4px'>Uit het bestand, niet te wijzigen op dit scherm</h4>" in fresh.readonly.value
    rows = [
        tuple(html.unescape(re.sub(r"<code.*?</code>|<[^>]+>", "", cell)) for cell in re.findall(r"<td.*?</td>", row))
        for row in re.findall(r"<tr data-path.*?</tr>", fresh.readonly.value)
    ]
    assert rows == [
        ("Ingroeipad statusportaal", "Vorm", "S-curve"),
        ("Ingroeipad statusportaal", "Jaren tot volle werking", "3"),
        ("Investering 1", "Omschrijving", "Implementatie statusportaal en koppelingen"),
        ("Jaarlijkse kosten 1", "Omschrijving", "Licentie, hosting en contentbeheer"),
        ("Tijd en reiskosten van inwoners", "Waarde van tijd inwoner", "€ 10,00"),
    ]
    # the other levers ramp linearly (the default): one slider cannot stand for three different ramps
    assert fresh.ramp_years.slider.disabled and "eigen ingroeipad" in fresh.ramp_years.note.value
    assert not fresh.investment.slider.disabled and not fresh.reach.slider.disabled


def test_a_fresh_dashboard_lists_what_it_does_not_show(fresh):
    assert {p for p, _ in fresh.readonly_items()} == {
        "business_case.investments[0].label",
        "business_case.recurring_costs[0].label",
        "business_case.recurring_costs[0].start_year",
        *(f"business_case.ramps.{lv}.kind" for lv in LEVER_KEYS),
    }
    assert not fresh.ramp_years.slider.disabled
    fresh.ramp_years.value = 4
    assert {lv: r.years_to_full for lv, r in fresh.snapshot().business_case.ramps.items()} == dict.fromkeys(
        LEVER_KEYS, 4
    )


def test_several_investments_lock_the_one_slider_and_are_listed(fresh):
    text = UTRECHT.read_text(encoding="utf-8").replace(
        "amount_eur = 400000\n",
        'amount_eur = 400000\n\n[[business_case.investments]]\nlabel = "Training medewerkers"\namount_eur = 35000\n',
    )
    load(fresh, "twee.toml", text.encode())
    assert fresh.investment.slider.disabled and fresh.investment.value == 435_000
    assert "2 investeringen (samen € 435.000)" in fresh.investment.note.value
    paths = [p for p, _ in fresh.readonly_items()]
    assert "business_case.investments[0].amount_eur" in paths and "business_case.investments[1].amount_eur" in paths
    assert "Training medewerkers" in fresh.readonly.value
    assert saved(fresh) == text.encode()
    assert fresh.business_case.npv_eur == pytest.approx(oc.read_scenario(text).run().npv_eur)


def test_a_fresh_dashboard_starts_from_the_defaults(fresh):
    sf = fresh.snapshot()
    assert sf.gemeente == "GM0344" and sf.volumes_per_year is None
    assert fresh.doc.text == oc.dump_scenario(standard_scenario_file("Utrecht"))  # the one example (presets)
    p = sf.scenario.status_portal
    assert (p.reach_share, p.adoption_share, p.residual_contact_share) == (0.5, 0.6, 0.25)  # declared central
    case = sf.business_case
    assert [i.amount_eur for i in case.investments] == [250_000] and case.recurring_costs[
        0
    ].amount_eur_per_year == 50_000
    assert {r.kind for r in case.ramps.values()} == {"s_curve"} and len(case.ramps) == len(LEVER_KEYS)
    assert fresh.investment.value == 250_000 and fresh.horizon.value == case.horizon_years


def test_an_unknown_gemeente_is_not_written(fresh):
    before = fresh.doc.text
    fresh.gemeente.value = "Atlantis"
    line = fresh.field_errors["gemeente"]  # under the gemeente box
    assert "kies een gemeente uit de CBS-lijst" in line.value and fresh.doc.text == before
    fresh.gemeente.value = "Zwolle"
    assert fresh.doc.get("gemeente") == "Zwolle" and line.value == "" and fresh.message.value == ""


def test_a_bad_scenario_file_changes_nothing(fresh):
    before = fresh.doc.text
    send(fresh.load, "fout.toml", b"schema_version = 2\n[status_portal]\nreach_share = 2\n")
    line = fresh.field_errors["scenario_file"]  # under the load button: the error is about the file
    assert "Bereik statusportaal" in line.value and fresh.doc.text == before
    send(fresh.load, "fout.toml", b"\xff\xfe")
    assert "geen tekstbestand" in line.value


# ---------------------------------------------------------------------- errors never vanish
ERROR_ID = re.compile(r"Er ging iets mis \(fout-id ([0-9A-F]{8})\)\.")


def test_an_unexpected_error_shows_an_id_and_logs_the_traceback(fresh, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("geheime details")

    monkeypatch.setattr("omnicalc.ui.kanaalmix.analyse", broken)
    with caplog.at_level(logging.ERROR, logger="omnicalc.ui"):
        fresh.reach.value = 0.8
    m = ERROR_ID.search(fresh.message.value)
    assert m, fresh.message.value
    assert "geheime" not in fresh.message.value and "Traceback" not in fresh.message.value
    [record] = [r for r in caplog.records if m.group(1) in r.getMessage()]
    assert record.name == "omnicalc.ui" and record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)


def test_an_input_error_shows_its_dutch_message(fresh, monkeypatch):
    def refused(*args, **kwargs):
        raise oc.InputError("x", 3, "not so", allowed_nl="zo niet", label_nl="Proef")

    monkeypatch.setattr("omnicalc.ui.kanaalmix.analyse", refused)
    fresh.adoption.value = 0.7
    assert "Proef: de waarde 3 is niet toegestaan; zo niet." in fresh.message.value  # field x has no line: on top

    def refused_near(*args, **kwargs):
        raise oc.InputError("gemeente", "Atlantis", "not so", allowed_nl="zo niet", label_nl="Gemeente")

    monkeypatch.setattr("omnicalc.ui.kanaalmix.analyse", refused_near)
    fresh.adoption.value = 0.6
    assert "Gemeente: de waarde &#x27;Atlantis&#x27; is niet toegestaan" in fresh.field_errors["gemeente"].value


def test_other_dashboards_are_guarded(monkeypatch, caplog):
    s = StatusvragenApp("Tilburg")
    monkeypatch.setattr("omnicalc.ui.statusvragen.headline", lambda *a, **k: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="omnicalc.ui"):
        s.nat_status.value = 0.35
    assert ERROR_ID.search(s.message.value) and any(r.exc_info for r in caplog.records)
    nat = LandelijkApp()
    monkeypatch.setattr("omnicalc.ui.landelijk.evaluate_national", lambda *a, **k: [][0])
    nat.reach.value = 0.7
    assert ERROR_ID.search(nat.message.value)


def test_the_server_log_goes_to_the_servers_stderr_not_the_page(monkeypatch):
    """In a kernel, fd 2 goes to the page; ipykernel keeps the server's stderr as _original_stdstream_copy."""
    read, write = os.pipe()

    class KernelStderr:
        _original_stdstream_copy = write

    monkeypatch.setattr(sys, "stderr", KernelStderr())
    ServerLog().emit(logging.LogRecord("omnicalc.ui", logging.ERROR, __file__, 1, "fout-id ABCD1234", None, None))
    os.close(write)
    assert b"fout-id ABCD1234" in os.read(read, 1000)
    os.close(read)


def test_a_registered_lever_gets_its_own_section_bound_to_its_paths():
    """Proactieve statusberichten and the digitale assistent have no hand-made widgets: their sliders come from the
    registry."""
    app = KanaalmixApp("Zwolle")
    assert set(app.lever_sliders) == {i.path for lv in (oc.LEVERS[1], oc.LEVERS[2]) for i in lv.inputs(lv.default())}
    before = app.business_case.npv_eur
    app.lever_sliders["proactive_status.notification_moment_share"].slider.value = 0.6
    app.lever_sliders["proactive_status.message_reach_share"].slider.value = 0.7
    assert "[proactive_status]" in app.doc.text and "message_reach_share = 0.7" in app.doc.text
    sf = oc.read_scenario(app.doc.text)
    assert sf.scenario.proactive_status.message_reach_share == pytest.approx(0.7)
    assert app.result.per_lever.loc["proactive_status", "saving_eur_per_year"] > 0
    assert app.business_case.npv_eur == pytest.approx(oc.analyse(sf, draws=10).business_case.npv_eur)
    assert app.business_case.npv_eur != before
    # loading a file with the lever sets its sliders without writing anything back
    text = app.doc.text
    other = KanaalmixApp("Zwolle")
    other.apply(text)
    assert other.doc.text == text
    assert other.lever_sliders["proactive_status.message_reach_share"].slider.value == pytest.approx(0.7)


def test_opening_hours_typed_as_published_change_the_staffing(fresh):
    """Issue 13: the advisor types the gemeente's own hours (Utrecht 2025: 32 hours); bad text is refused
    next to the field and nothing is written."""
    before_fte = fresh.business_case.years["fte_workload"].iloc[0]
    fresh.opening_hours.value = "ma/di/do 09:00-17:00; wo/vr 09:00-13:00"
    assert fresh.doc.get("business_case.staffing.opening_hours") == "ma/di/do 09:00-17:00; wo/vr 09:00-13:00"
    assert fresh.business_case.case.staffing.profile.open_hours_per_week == 32
    assert fresh.business_case.years["fte_workload"].iloc[0] != before_fte
    assert b'opening_hours = "ma/di/do 09:00-17:00; wo/vr 09:00-13:00"' in saved(fresh)
    text = fresh.doc.text
    fresh.opening_hours.value = "maandag 9-17"
    line = fresh.field_errors["business_case.staffing.opening_hours"]
    assert "Openingstijden" in line.value and fresh.doc.text == text
    fresh.opening_hours.value = "werkdagen 08:30-17:00"  # the shipped hours: the key leaves the file
    assert fresh.doc.get("business_case.staffing.opening_hours") is None and line.value == ""


def test_the_iv3_check_shows_and_follows_the_gemeente(fresh):
    # One line under the volumes (CSS class oc-iv3): Iv3 Burgerzaken lasten 2023 per inhabitant, by hand from
    # data/gemeenten_iv3_burgerzaken.csv: Utrecht 15,151 x EUR 1,000 / 367,947 = EUR 41,18; Zwolle 7,748 x
    # EUR 1,000 / 132,411 = EUR 58,51; Vijfheerenlanden booked EUR 0 (treat_as_missing).
    assert "oc-iv3" in fresh.iv3._dom_classes
    assert "Burgerzaken-lasten van Utrecht" in fresh.iv3.value and "€ 41,18 per inwoner" in fresh.iv3.value
    model = fresh.result.cost_before_eur_per_year / fresh.result.baseline.population
    assert f"model {fmt.eur(model, 2)} per inwoner" in fresh.iv3.value
    fresh.gemeente.value = "Zwolle"
    assert "Burgerzaken-lasten van Zwolle" in fresh.iv3.value and "€ 58,51 per inwoner" in fresh.iv3.value
    fresh.gemeente.value = "Vijfheerenlanden"
    assert "niet beschikbaar voor Vijfheerenlanden" in fresh.iv3.value


# ---------------------------------------------------------------------- named starting points (omnicalc.presets)
def test_the_claim_preset_loads_the_pilots_claim_and_the_standard_scenario_comes_back(fresh):
    import ipywidgets as w

    from omnicalc.headline import claim_label_nl
    from omnicalc.presets import claim_scenario_file

    assert isinstance(fresh.claim_preset, w.Button) and "oc-claim-preset" in fresh.claim_preset._dom_classes
    assert isinstance(fresh.standard_preset, w.Button) and "oc-standard-preset" in fresh.standard_preset._dom_classes
    assert html.escape(claim_label_nl()) in fresh.preset_note.value and "onderkant" in fresh.preset_note.value
    fresh.gemeente.value = "Zwolle"
    fresh.claim_preset.click()
    claim = claim_scenario_file("Zwolle")
    assert fresh.doc.text == oc.dump_scenario(claim)  # loaded as a scenario file is loaded
    assert (fresh.reach.value, fresh.adoption.value, fresh.residual.value) == (1.0, 1.0, 0.0)
    assert fresh.phone_cost.value == 11 and fresh.name.value == claim.scenario.name
    assert f">{fmt.eur(claim.run().npv_eur)}<" in fresh.kpis.value
    share = oc.read_scenario(fresh.doc.text).status_question_share["telefoon"]  # has a field in Meer aannames
    assert fresh.control_for("baseline.status_question_share.telefoon").text.value == fmt.num(share * 100, 0)
    fresh.standard_preset.click()
    assert fresh.doc.text == oc.dump_scenario(standard_scenario_file("Zwolle"))
    assert f">{fmt.eur(standard_scenario_file('Zwolle').run().npv_eur)}<" in fresh.kpis.value


def test_kpis_show_their_band_and_where_the_estimate_lies(fresh):
    a = fresh.analysis
    for key, output, value in (
        ("npv_eur", "npv_eur", a.business_case.npv_eur),
        ("saving_eur_per_year", "yearly_saving_eur", a.business_case.years["savings_used_eur"].iloc[-1]),
    ):
        band = a.simulation.band_nl(output, value)
        assert band in a.kpis.loc[key, "note_nl"] and html.escape(band) in fresh.kpis.value
        assert re.search(r"deze raming ligt op P\d+", band)


def test_the_map_says_why_gemeenten_differ_per_inhabitant():
    from omnicalc.model import LIVE_DIGITAL_FROM_POPULATION

    nat = LandelijkApp()
    per = nat.result.per_gemeente["saving_eur_per_inhabitant_per_year"]
    note = html.unescape(nat.map_note.value)
    assert f"van {fmt.eur(per.min(), 2)} tot {fmt.eur(per.max(), 2)}" in note
    assert f"onder {fmt.num(LIVE_DIGITAL_FROM_POPULATION)} inwoners" in note and "eigen gegevens" in note
    assert "overal gelijk" not in nat.widget.children[0].value


def test_a_capped_shift_says_why_under_its_own_inputs():
    # issue 14: the cap message sits next to the input it is about, in Dutch, and goes when the cap goes
    from omnicalc.ui.widgets import flush

    app = KanaalmixApp("Utrecht")
    row = app.shifts[0]
    row.frm.value, row.to.value, row.reason.value = "balie", "telefoon", "aanvraag"
    row.share.slider.value = 1.0
    flush(app)
    assert "telefoon kan geen aanvragen afhandelen" in row.note.value
    assert html.unescape(app.result.per_shift.iloc[0]["note_nl"]) in html.unescape(row.note.value)
    assert app.shifts[1].note.value == ""
    row.to.value = "webformulier"
    flush(app)
    assert "kan geen aanvragen afhandelen" not in row.note.value and "80% van de aanvragen" in row.note.value
    assert app.result.inclusion_note_nl("status_portal") in html.unescape(app.lever_notes["status_portal"].value)


def test_the_residents_side_per_segment_is_on_the_channels_tab(app):
    # issue 14 point 6: the residents' time and travel per segment, in the dashboard and the report, from one place
    t = app.analysis.residents_per_segment
    assert list(t["label_nl"]) == ["Zelfstandig", "Beperkt zelfstandig", "Afhankelijk"]
    for r in t.itertuples():
        assert fmt.eur(r.change_eur_per_year) in app.residents_table.value
    from omnicalc.business_case import resident_cost_sentence_nl

    assert html.escape(resident_cost_sentence_nl(t)) in app.residents_table.value


# ------------------------------------------------------------------ Eigen data: a registration export
REGISTRATIES = ROOT / "tests" / "data" / "registraties"


def texts(widget):
    """Every HTML text in a widget tree."""
    if hasattr(widget, "children"):
        for child in widget.children:
            yield from texts(child)
    elif isinstance(getattr(widget, "value", None), str):
        yield widget.value


def test_a_registration_export_is_summarised_and_used_as_measured(fresh):
    from omnicalc.ui.kanaalmix import PRIVACY_NL

    name = "12_klantnummer.csv"
    m = oc.read_registrations(REGISTRATIES / name)
    before = fresh.doc.text
    send(fresh.registrations, name, (REGISTRATIES / name).read_bytes())
    card = fresh.measured_card.value
    share, low, high = m.status_share["telefoon"]
    assert f"{fmt.pct(share, 0)} ({fmt.pct(low, 0)}–{fmt.pct(high, 0)})" in card
    assert "300 contacten" in card and "04-03-2024 t/m 31-03-2024" in card
    assert fmt.pct(m.repeat_share["telefoon"], 0) in card
    subject, count = m.unmapped[0]  # what no rule classified stays visible, with its count
    assert f"{html.escape(subject or '(leeg)')} ({fmt.num(count)})" in card
    assert fresh.doc.text == before and not fresh.use_measured.disabled  # nothing changes until it is used
    assert any(PRIVACY_NL in html.unescape(t) for t in texts(fresh.widget))  # the privacy sentence on screen
    fresh.use_measured.click()
    sf = fresh.snapshot()
    assert sf.status_question_share["telefoon"] == round(share, 4)
    assert set(sf.measured) >= {"baseline.volumes_per_year.telefoon", "baseline.status_question_share.telefoon"}
    assert "Gemeten in 12_klantnummer.csv" in fresh.volume_note.value
    status = fresh.more_fields["baseline.status_question_share.telefoon"].text  # marked gemeten at the field
    assert "oc-gemeten" in status._dom_classes and "gemeten (bron: 12_klantnummer.csv" in status.tooltip
    assert "oc-gemeten" not in fresh.more_fields["cost.variable_cost_share.telefoon"].text._dom_classes
    assert fresh.opening_hours.value.startswith("gemeten weekprofiel (bron: 12_klantnummer.csv")
    bc = oc.run_business_case(sf.baseline(), sf.scenario, sf.business_case)
    assert fmt.eur(bc.years["savings_used_eur"].iloc[-1]) in fresh.kpis.value
    fresh.tabs.selected_index = 4  # the Aannames tab: gemeten, with file, period and rows
    assert "gemeten" in fresh.inputs_table.value
    assert "bron: 12_klantnummer.csv, 04-03-2024 t/m 31-03-2024, 300 rijen" in fresh.inputs_table.value
    assert saved(fresh) == fresh.doc.text.encode()  # saved with the file
    refs = {line.split(";")[3].strip() for line in (REGISTRATIES / name).read_text().splitlines()[1:]}
    assert not [r for r in refs if r.encode() in saved(fresh)]
    # a volume typed over a measured one is no longer called measured
    fresh.volume_inputs["telefoon"].value = "12.345"
    assert "baseline.volumes_per_year.telefoon" not in fresh.snapshot().measured
    assert "baseline.status_question_share.telefoon" in fresh.snapshot().measured
    fresh.estimate.click()  # estimated again: no measured volumes left
    assert not any(p.startswith("baseline.volumes_per_year") for p in fresh.snapshot().measured)


def test_a_refused_registration_export_names_row_and_column(fresh):
    send(fresh.registrations, "bad_date.csv", (REGISTRATIES / "bad_date.csv").read_bytes())
    line = fresh.field_errors["registrations"]
    assert "rij 3, kolom Datum" in line.value and fresh.message.value == ""
    assert fresh.use_measured.disabled and fresh.measured_card.value == ""
    send(fresh.registrations, "groot.csv", b"x" * (fresh.registrations.max_bytes + 1), refused=True)
    assert "bestanden tot 20 MB" in line.value


# ---------------------------------------------------------------- issue 18: typeable numbers, drivers, no surprises
def test_typed_amounts_in_dutch_and_the_message_next_to_the_field(fresh):
    inv = fresh.investment.number
    inv.text.value = "€ 400.000"
    assert fresh.snapshot().business_case.investments[0].amount_eur == 400_000 and inv.text.value == "400.000"
    sf = fresh.snapshot()
    assert fmt.eur(oc.analyse(sf).business_case.npv_eur) in fresh.kpis.value  # the same NPV as the API
    for typed, says in (
        ("-5000", "is negatief"),
        ("2000000000", "meer dan de grens van € 1.000.000.000"),
        ("", "het veld is leeg"),
        ("veel", "is geen bedrag"),
    ):
        inv.text.value = typed
        assert says in inv.error.value and "Niet bijgewerkt" in fresh.kpis.value, typed
        assert fresh.snapshot().business_case.investments[0].amount_eur == 400_000  # the old value, not 0
    inv.text.value = "1.234,56"
    assert fresh.snapshot().business_case.investments[0].amount_eur == 1234.56
    assert inv.error.value == "" and "Niet bijgewerkt" not in fresh.kpis.value and not fresh.invalid
    fresh.horizon.number.text.value = "12,5"
    assert "geen heel getal" in fresh.horizon.number.error.value
    fresh.horizon.number.text.value = "7"
    assert fresh.snapshot().business_case.horizon_years == 7 and not fresh.invalid
    fresh.volume_inputs["balie"].value = "12,5"
    assert "geen heel getal" in fresh.field_errors["baseline.volumes_per_year"].value and fresh.invalid
    fresh.volume_inputs["balie"].value = ""
    assert "leeg" in fresh.field_errors["baseline.volumes_per_year"].value and "balie" not in (fresh.volumes or {})


@pytest.mark.parametrize("gemeente", ["Utrecht", "Zwolle", "Vlieland", "Amsterdam"])
def test_every_top_8_tornado_input_has_a_control(gemeente):
    app = KanaalmixApp(gemeente)
    for path in app.sensitivity.table["input"].head(8):
        assert app.control_for(path) is not None, path
    for path in ("cost.variable_cost_share.telefoon", "cost.handling_time_seconds.telefoon"):
        field = app.control_for(path)
        field.text.value = "25"  # the same one address in the file as every other control
        assert app.doc.get(path) == (0.25 if "share" in path else 25.0)
    app.control_for("baseline.status_question_factor").text.value = "40"
    assert app.snapshot().status_question_share["telefoon"] == 0.4
    app.control_for("business_case.staffing.salary_eur_per_month").number.text.value = "3.900"
    assert app.doc.get("business_case.staffing.salary_eur_per_month") == 3900


def test_switching_gemeente_after_an_import_asks_and_undo_and_reset(fresh):
    data = (ROOT / "examples" / "kcc" / "kcc_export_2024.csv").read_bytes()
    send(fresh.upload, "kcc_export_2024.csv", data)
    imported = fresh.volumes
    fresh.gemeente.value = "Zwolle"
    assert fresh.ask.layout.display is None and "houden voor Zwolle" in fresh.question.value
    assert fresh.volumes == imported and "Niet bijgewerkt" in fresh.kpis.value  # nothing replaced yet
    fresh.keep_volumes.click()
    assert fresh.snapshot().gemeente == "GM0193" and fresh.volumes == imported and not fresh.invalid
    assert "Zwolle" in fresh.kpis.value and fresh.ask.layout.display == "none"
    fresh.gemeente.value = "Utrecht"
    fresh.replace_volumes.click()
    assert fresh.volumes is None and "Utrecht" in fresh.kpis.value
    fresh.undo.click()  # back to Zwolle with the imported volumes
    assert fresh.volumes == imported and fresh.gemeente.value == "Zwolle"
    fresh.reset.click()
    assert fresh.doc.text == oc.dump_scenario(standard_scenario_file("Zwolle"))
    fresh.undo.click()
    assert fresh.volumes == imported


def test_implausible_values_are_warned_next_to_the_field(fresh):
    fresh.discount.value = 0.0
    assert "0,00%" in fresh.discount.advice.value
    fresh.phone_cost.number.text.value = "150"
    assert "ver buiten de gepubliceerde bandbreedte" in fresh.phone_cost.advice.value
    fresh.phone_cost.number.text.value = "12"
    assert fresh.phone_cost.advice.value == ""


def test_a_refused_upload_leaves_the_boxes_and_the_scenario_as_they_were(fresh):
    before, boxes = fresh.doc.text, {c: b.value for c, b in fresh.volume_inputs.items()}
    send(fresh.upload, "fax.csv", b"Kanaal;Aantal\nFax;12\n")
    assert fresh.doc.text == before and {c: b.value for c, b in fresh.volume_inputs.items()} == boxes


def test_unmapped_subjects_are_classified_in_the_table_and_the_file_is_measured_again(fresh):
    name = "12_klantnummer.csv"
    send(fresh.registrations, name, (REGISTRATIES / name).read_bytes())
    before = fresh.measured
    assert dict(before.unmapped)["Doorverbonden met wethouder"] == 24
    choice = fresh.mapping.choices["Doorverbonden met wethouder"]
    assert "" not in fresh.mapping.choices  # an empty subject cannot be classified by its text
    choice.value = "informatievraag"
    fresh.mapping.apply.click()
    after = fresh.measured
    assert "Doorverbonden met wethouder" not in dict(after.unmapped)
    moved = after.volumes["informatievraag"].sum() - before.volumes["informatievraag"].sum()
    assert moved == 24 and before.volumes["niet_ingedeeld"].sum() - after.volumes["niet_ingedeeld"].sum() == 24
    assert after.volumes.sum(axis=1).equals(before.volumes.sum(axis=1))  # channel totals never change
    assert "Zelf ingedeeld: 1 onderwerp (Doorverbonden met wethouder → Informatievraag)" in fresh.mapping.summary.value
    assert "Doorverbonden met wethouder" not in fresh.measured_card.value.split("niet ingedeelde onderwerpen")[-1]
    fresh.mapping.forget.click()  # back to the shipped rules only
    assert dict(fresh.measured.unmapped)["Doorverbonden met wethouder"] == 24


def test_the_bbv_view_can_headline_the_dashboard_and_is_on_the_cash_flow_tab():
    app = KanaalmixApp("Zwolle")
    assert "Meerjarenraming (BBV)" in app.bbv_table.value and "Structureel effect" in app.bbv_table.value
    app.headline.value = "bbv"
    sf = app.snapshot()
    assert sf.headline_view == "bbv"  # in the scenario file: saved and reported the same way
    a = oc.analyse(sf)
    cumulative = a.bbv.balance["cumulative_eur"].iloc[-1]
    assert "Cumulatief budgettair saldo (BBV)" in app.kpis.value
    assert f"oc-kpi-bbv-cumulative' style='font-size:22px;font-weight:bold'>{fmt.eur(cumulative)}<" in app.kpis.value
    assert fmt.eur(a.bbv.structural_effect_eur) in app.kpis.value
    assert "oc-kpi-npv" not in app.kpis.value
    app.headline.value = "mkba"
    assert "oc-kpi-npv" in app.kpis.value and "oc-kpi-bbv-cumulative" not in app.kpis.value


def test_the_report_section_passes_the_chosen_parts_to_the_pdf(monkeypatch):
    from omnicalc.report import pdf

    seen = {}

    def fake_pdf(report, parts=None):
        seen["parts"] = parts
        return b"%PDF-1.4 test"

    monkeypatch.setattr(pdf, "to_pdf", fake_pdf)
    app = KanaalmixApp("Zwolle")
    app.report_parts["defaults"].value = False
    app.pdf_button.click()
    assert seen["parts"] == ["targets", "comparison"]
    assert "oc-report-pdf" in app.report_link.value
