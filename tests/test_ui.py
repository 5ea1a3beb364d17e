"""Headless tests of the dashboard objects: set widget values in Python, assert on what they show."""

from __future__ import annotations

from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc import fmt
from omnicalc.ui.kanaalmix import KanaalmixApp
from omnicalc.ui.landelijk import LandelijkApp
from omnicalc.ui.statusvragen import StatusvragenApp

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


def test_apply_restores_a_snapshot(app):
    app.reach.value, app.repeat.value = 0.4, 0.3
    app.shifts[0].share.value = 0.25
    before = oc.dump_scenario(app.snapshot())
    app.reach.value, app.repeat.value = 0.9, 0.0
    app.shifts[0].share.value = 0.0
    app.apply(oc.read_scenario(before))
    assert oc.dump_scenario(app.snapshot()) == before


def test_bad_volume_text_shows_a_dutch_message_and_keeps_the_numbers(app):
    saving = app.kpis.value
    app.volume_inputs["telefoon"].value = "veel"
    assert "geen geldig aantal" in app.message.value and "Telefoon" in app.message.value
    assert app.kpis.value == saving
    app.volume_inputs["telefoon"].value = "250.000"
    assert app.volumes["telefoon"] == 250_000
    assert app.message.value == ""


def send(upload, name: str, data: bytes, refused: bool = False) -> None:
    """What the browser sends: name and size, and the bytes as one binary buffer unless refused."""
    upload.receive({"name": name, "size": len(data), "refused": refused}, [] if refused else [memoryview(data)])


def test_upload_of_a_kcc_export(app):
    data = (ROOT / "examples" / "kcc" / "kcc_export_2024.csv").read_bytes()
    send(app.upload, "kcc_export_2024.csv", data)
    assert app.volumes["telefoon"] == 97_800 and app.volumes["chat"] == 0
    assert app.volume_inputs["balie"].value == "99.000"
    send(app.upload, "fax.csv", b"Kanaal;Aantal\nFax;12\n")
    assert "onbekend kanaal" in app.message.value and app.volumes["telefoon"] == 97_800  # nothing half-imported


def test_too_large_upload_is_refused_in_dutch(app):
    before = app.volumes
    big = b"x" * (app.upload.max_bytes + 1)
    send(app.upload, "<b>groot</b>.csv", big, refused=True)  # the browser refused it and sent only name and size
    assert "bestanden tot 20 MB worden geaccepteerd" in app.message.value
    assert "&lt;b&gt;groot&lt;/b&gt;.csv (20,0 MB)" in app.message.value  # the file name is escaped
    assert app.volumes == before  # nothing imported
    send(app.load, "scenario.toml", b"#" * (2**20 + 1), refused=False)  # the limit holds in Python too
    assert "bestanden tot 1 MB" in app.message.value


def test_compare_keeps_three_scenarios(app):
    for k in range(4):
        app.name.value = f"Variant {k}"
        app.keep.click()
    assert len(app.compare) == 3 and [n for n, _ in app.compare] == ["Variant 1", "Variant 2", "Variant 3"]
    assert "Variant 3" in app.compare_table.value and "Variant 0" not in app.compare_table.value


def test_scenario_names_are_escaped(app):
    app.name.value = "<script>alert(1)</script>"
    app.keep.click()
    assert "<script>" not in app.compare_table.value and "&lt;script&gt;" in app.compare_table.value


def test_tabs_draw_their_charts_when_opened(app):
    app.tabs.selected_index = 2
    assert app.images["cashflow"].value[:4] == b"\x89PNG"
    app.tabs.selected_index = 3
    assert app.images["tornado"].value[:4] == b"\x89PNG"
    assert app.reading.value.startswith("<p>De businesscase hangt vooral af van")


def test_statusvragen_headline():
    s = StatusvragenApp("Tilburg")
    assert fmt.eur(oc.headline(1.1 * 17_942_942).saving_eur_per_year) in s.national.value
    s.nat_status.value = 0.4
    assert fmt.eur(oc.headline(1.1 * 17_942_942, status_question_share=0.4).saving_eur_per_year) in s.national.value
    assert "Tilburg" in s.local.value


def test_landelijk_sorts_and_maps():
    nat = LandelijkApp()
    assert nat.map.value[:4] == b"\x89PNG"
    nat.sort.value = "name"
    nat.ascending.value = True
    assert nat.table.value.index("Aa en Hunze") < nat.table.value.index("Alkmaar")


def test_sliders_say_where_their_starting_value_comes_from(app):
    assert app.phone_cost.basis == "bron" and "VNG MijnServices" in app.phone_cost.slider.tooltip
    assert app.rate.basis == "aanname" and "aanname" in app.rate.badge.value
    assert app.investment.basis == "aanname" and "voorbeeld" in app.investment.badge.value
    assert app.reach.basis == "keuze"
