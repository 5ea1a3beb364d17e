"""The dashboards served by Voila, driven in headless Chromium (Debian's) with Playwright.

Expected numbers come from the core API with the same explicit inputs, not from the app.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc import fmt
from omnicalc.presets import claim_scenario_file, standard_portal, standard_scenario_file

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent


LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
#: Nothing else: the page never asks a third party (Voila's Font Awesome link is left out, omnicalc.ui.server).


def open_page(browser, url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # offline: nothing may come from elsewhere than the server (no CDN for the charts' JavaScript)
    page.on(
        "request",
        lambda r: None if r.url.startswith(LOCAL) else errors.append(f"request outside 127.0.0.1: {r.url}"),
    )
    page.set_default_timeout(60_000)
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("#loading", state="detached")
    page.wait_for_selector(".oc-ready", state="attached")
    return context, page, errors


@pytest.fixture()
def kanaalmix(browser, voila_url):
    context, page, errors = open_page(browser, voila_url + "/voila/render/kanaalmix.ipynb")
    page.wait_for_selector(".oc-kpi-saving")
    yield page
    assert not page.locator(".voila-error").count()
    assert not errors, errors
    page.goto("about:blank")  # the unload beacon shuts the kernel down (the server caps sessions per client)
    context.close()


START_REACH = standard_portal().reach_share  # where the reach slider starts (the standard scenario)


def reach_after(points: int) -> float:
    """The reach after ``points`` presses of an arrow key from the start (one step = 1 percentage point)."""
    return round(START_REACH + points / 100, 2)


def readout(share: float) -> str:
    return f"{round(share * 100)}%"


def expected_saving(gemeente: str, reach: float | None = None) -> str:
    """The dashboard's start, spelled out by the core: the standard scenario (omnicalc.presets), reach moved."""
    sf = standard_scenario_file(gemeente)
    if reach is not None:
        portal = dataclasses.replace(sf.scenario.status_portal, reach_share=reach)
        sf = dataclasses.replace(sf, scenario=oc.Scenario(name=sf.scenario.name, status_portal=portal))
    return fmt.eur(sf.run().years["savings_used_eur"].iloc[-1])


def test_landing_page_lists_the_dashboards_and_no_files(browser, voila_url, artifacts):
    page = browser.new_page()
    page.goto(voila_url + "/", wait_until="domcontentloaded", timeout=60_000)
    page.screenshot(path=str(artifacts / "landing.png"))
    links = page.locator("a.oc-dashboard")
    assert links.count() == 3
    assert [links.nth(i).get_attribute("href") for i in range(3)] == [
        "/voila/render/kanaalmix.ipynb",
        "/voila/render/statusvragen.ipynb",
        "/voila/render/landelijk_overzicht.ipynb",
    ]
    assert "Kanaalmix & businesscase" in links.first.inner_text()
    from omnicalc.headline import national_headline

    sentence = national_headline().sentence_nl()  # the same sentence as the Statusvragen dashboard
    assert page.locator(".oc-national-headline").inner_text() == sentence
    assert "65 miljoen" not in links.nth(1).inner_text()
    assert "analyse" not in page.content() and ".toml" not in page.content()  # no file listing
    links.nth(1).click()
    page.wait_for_selector(".oc-ready", state="attached", timeout=120_000)
    assert page.url.endswith("/voila/render/statusvragen.ipynb")
    page.close()


def test_slider_changes_the_saving_to_what_the_core_computes(kanaalmix, artifacts):
    from playwright.sync_api import expect

    saving = kanaalmix.locator(".oc-kpi-saving")
    expect(saving).to_have_text(expected_saving("Utrecht"))
    chart = kanaalmix.locator(".oc-chart-costs svg").first  # drawn by Vega in the browser
    expect(chart).to_be_visible()
    expect(chart.locator("text", has_text="€ 2.000.000")).to_have_count(1)  # the Dutch axis format
    bars_before = chart.locator("path").evaluate_all("els => els.map(e => e.getAttribute('d')).join()")
    handle = kanaalmix.locator(".oc-reach .noUi-handle")
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight")  # one step = 1 percentage point
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text(readout(reach_after(10)))
    expect(saving).to_have_text(expected_saving("Utrecht", reach_after(10)))
    kanaalmix.wait_for_function(
        "before => [...document.querySelectorAll('.oc-chart-costs svg path')].map(e => e.getAttribute('d')).join()"
        " !== before",
        arg=bars_before,
    )  # the same chart, new data: the bars moved
    assert kanaalmix.locator(".oc-chart-costs svg").count() == 1
    expect(kanaalmix.locator(".oc-chart-costs-summary")).to_contain_text(
        "Kosten per kanaal per jaar, nu → met scenario"
    )
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-slider.png"), full_page=True)


def test_release_choice_changes_the_fte_card_and_its_sentence(kanaalmix, artifacts):
    """Issue 13: the KPI card says bezuinigen or herinzetten, with freed and released FTE, the numbers
    of the core for Utrecht's start scenario."""
    from playwright.sync_api import expect

    from omnicalc.ui.kanaalmix import fresh_document

    sf = fresh_document("Utrecht").scenario_file()
    cut = sf.run().years
    fte = kanaalmix.locator(".oc-kpi-fte")
    expect(fte).to_have_text(f"{fmt.num(cut['fte_released'].iloc[-1], 1)} fte afgebouwd")
    expect(kanaalmix.locator(".oc-kpis")).to_contain_text("realiseerbaar (bezuinigen)")
    expect(kanaalmix.locator(".oc-kpis")).to_contain_text(f"{fmt.num(cut['fte_freed'].iloc[-1], 1)} fte vrijgespeeld")
    kanaalmix.get_by_text("Investering en looptijd").click()
    kanaalmix.get_by_role("button", name="Herinzetten").click()
    expect(fte).to_have_text(f"{fmt.num(cut['fte_freed'].iloc[-1], 1)} fte heringezet")
    expect(kanaalmix.locator(".oc-kpis")).to_contain_text("realiseerbaar (herinzetten)")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-herinzetten.png"), full_page=True)


def test_choosing_a_gemeente_changes_the_baseline(kanaalmix, artifacts):
    from playwright.sync_api import expect

    kanaalmix.get_by_text("Gemeente en volumes").click()
    phone = kanaalmix.locator(".oc-volume-telefoon input")
    utrecht = oc.baseline_for_gemeente("Utrecht").volume_per_channel["telefoon"]
    expect(phone).to_have_value(fmt.num(utrecht))
    box = kanaalmix.locator(".oc-gemeente input")
    box.fill("Den Haag")
    box.press("Enter")
    den_haag = oc.baseline_for_gemeente("Den Haag").volume_per_channel["telefoon"]
    expect(phone).to_have_value(fmt.num(den_haag))
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(expected_saving("Den Haag"))
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-den-haag.png"), full_page=True)


def test_unknown_gemeente_gives_a_dutch_message(kanaalmix):
    from playwright.sync_api import expect

    kanaalmix.get_by_text("Gemeente en volumes").click()
    box = kanaalmix.locator(".oc-gemeente input")
    box.fill("Atlantis")
    box.press("Enter")
    expect(kanaalmix.locator(".oc-error")).to_contain_text("kies een gemeente uit de CBS-lijst")


def test_kcc_csv_upload_sets_the_volumes(kanaalmix, artifacts):
    from playwright.sync_api import expect

    kanaalmix.get_by_text("Gemeente en volumes").click()
    summary = kanaalmix.locator(".oc-chart-volumes-summary")
    summary_before = summary.inner_text()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-upload button").click()
    chooser.value.set_files(str(ROOT / "examples" / "kcc" / "kcc_export_2024.csv"))
    expect(kanaalmix.locator(".oc-volume-telefoon input")).to_have_value("97.800")
    expect(kanaalmix.locator(".oc-volume-whatsapp_social input")).to_have_value("33.100")
    expect(kanaalmix.locator(".oc-volume-note")).to_contain_text("kcc_export_2024.csv")
    expect(summary).not_to_have_text(summary_before)  # the chart follows the imported volumes
    expect(summary).to_contain_text("Telefoon 97.800")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-kcc-upload.png"), full_page=True)


def test_a_registration_export_measures_and_is_used_in_the_scenario(kanaalmix, artifacts):
    """Eigen data: upload a registration export, read the measured status share, use it, the KPI follows."""
    from playwright.sync_api import expect

    path = ROOT / "tests" / "data" / "registraties" / "12_klantnummer.csv"
    m = oc.read_registrations(path)
    share, low, high = m.status_share["telefoon"]
    # the core with the same inputs: the standard scenario, the measured channels' yearly volumes (count x 365 /
    # days), their status-question and repeat shares, and the phone's measured weekly profile for staffing
    sf = standard_scenario_file("Utrecht")
    volumes = {c: round(float(v)) for c, v in sf.baseline().volume_per_channel.items() if v > 0}
    volumes |= {c: round(n * 365 / m.days) for c, n in m.channel_totals.items()}
    measured = dataclasses.replace(
        sf,
        volumes_per_year=volumes,
        status_question_share={c: round(v[0], 4) for c, v in m.status_share.items()},
        repeat_contact_share={c: round(v, 4) for c, v in m.repeat_share.items()},
        business_case=dataclasses.replace(
            sf.business_case, staffing=dataclasses.replace(sf.business_case.staffing, profile=m.arrival_profile())
        ),
    )
    expected = fmt.eur(measured.run().years["savings_used_eur"].iloc[-1])
    assert expected != expected_saving("Utrecht")

    kanaalmix.get_by_text("Eigen data", exact=True).click()
    expect(kanaalmix.get_by_text("ze worden niet opgeslagen")).to_be_visible()
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(expected_saving("Utrecht"))
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-registrations button").click()
    chooser.value.set_files(str(path))
    status = kanaalmix.locator(".oc-measured-status-telefoon")
    expect(status).to_have_text(f"{fmt.pct(share, 0)} ({fmt.pct(low, 0)}–{fmt.pct(high, 0)})")
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(expected_saving("Utrecht"))  # not used yet
    kanaalmix.locator(".oc-use-measured").click()
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(expected)
    expect(kanaalmix.locator(".oc-volume-note")).to_contain_text("Gemeten in 12_klantnummer.csv")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-eigen-data.png"), full_page=True)


def test_too_large_upload_is_refused_in_the_browser(kanaalmix, tmp_path):
    """A file over the 20 MB cap never leaves the browser; the advisor reads why, in Dutch."""
    from playwright.sync_api import expect

    big = tmp_path / "kcc_jaar.csv"
    big.write_bytes(b"Kanaal;Aantal\n" + b"telefoon;1\n" * (2 * 2**20))  # 22 MB
    kanaalmix.get_by_text("Gemeente en volumes").click()
    before = kanaalmix.locator(".oc-volume-telefoon input").input_value()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-upload button").click()
    chooser.value.set_files(str(big))
    expect(kanaalmix.locator(".oc-error")).to_contain_text("kcc_jaar.csv (22,0 MB)")
    expect(kanaalmix.locator(".oc-error")).to_contain_text("bestanden tot 20 MB worden geaccepteerd")
    assert kanaalmix.locator(".oc-volume-telefoon input").input_value() == before


def test_save_and_load_round_trip_a_scenario(kanaalmix, tmp_path):
    from playwright.sync_api import expect

    handle = kanaalmix.locator(".oc-reach .noUi-handle")
    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text(readout(reach_after(5)))
    saved_saving = expected_saving("Utrecht", reach_after(5))
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(saved_saving)
    kanaalmix.get_by_text("Scenario's vergelijken, opslaan, laden").click()
    with kanaalmix.expect_download() as download:
        kanaalmix.locator(".oc-download-link").click()
    assert download.value.suggested_filename.startswith("omnicalc_Utrecht_")
    path = tmp_path / "scenario.toml"
    download.value.save_as(path)
    sf = oc.load_scenario(path)
    assert sf.scenario.status_portal.reach_share == pytest.approx(reach_after(5))
    kanaalmix.get_by_text("Statusportaal (MijnServices)", exact=True).click()
    handle.focus()
    for _ in range(20):
        handle.press("ArrowLeft")
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text(readout(reach_after(-15)))
    expect(kanaalmix.locator(".oc-kpi-saving")).not_to_have_text(saved_saving)
    kanaalmix.get_by_text("Scenario's vergelijken, opslaan, laden").click()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-load button").click()
    chooser.value.set_files(str(path))
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text(readout(reach_after(5)))
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(saved_saving)


def test_excel_and_pdf_reports_download(kanaalmix, tmp_path):
    import openpyxl
    from playwright.sync_api import expect

    kanaalmix.get_by_text("Rapport voor de raad", exact=True).click()
    kanaalmix.locator(".oc-excel").click()
    link = kanaalmix.locator(".oc-report-xlsx")
    expect(link).to_be_visible(timeout=60_000)
    with kanaalmix.expect_download() as download:
        link.click()
    name = download.value.suggested_filename
    assert name.startswith("omnicalc_Utrecht_") and name.endswith(".xlsx")
    path = tmp_path / name
    download.value.save_as(path)
    wb = openpyxl.load_workbook(path, data_only=True)
    ncw = [r[3].value for r in wb["Kasstromen"].iter_rows() if r[0].value == "Netto contante waarde"][0]
    assert ncw == pytest.approx(standard_scenario_file("Utrecht").run().npv_eur)
    kanaalmix.locator(".oc-pdf").click()
    pdf = kanaalmix.locator(".oc-report-pdf")
    expect(pdf).to_be_visible(timeout=90_000)
    with kanaalmix.expect_download() as download:
        pdf.click()
    assert download.value.suggested_filename.endswith(".pdf")
    download.value.save_as(tmp_path / "r.pdf")
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"


def test_statusvragen_reproduces_the_headline(browser, voila_url, artifacts):
    from playwright.sync_api import expect

    context, page, errors = open_page(browser, voila_url + "/voila/render/statusvragen.ipynb")
    h = oc.headline(1.1 * 17_942_942)
    expect(page.locator(".oc-headline-saving")).to_have_text(fmt.eur(h.saving_eur_per_year))  # € 65.132.879
    from omnicalc.headline import national_headline

    expect(page.locator(".oc-national-headline")).to_have_text(national_headline().sentence_nl())
    # the gemeente part: the standard scenario with the gemeente's full baseline, as Kanaalmix computes it
    theoretical = standard_scenario_file("Utrecht").evaluate().saving_eur_per_year
    expect(page.locator(".oc-status-saving")).to_have_text(fmt.eur(theoretical))
    page.screenshot(path=str(artifacts / "statusvragen.png"), full_page=True)
    assert not errors
    context.close()


def test_national_page_shows_the_map(browser, voila_url, artifacts):
    from playwright.sync_api import expect

    context, page, errors = open_page(browser, voila_url + "/voila/render/landelijk_overzicht.ipynb")
    img = page.locator(".oc-map img, img.oc-map").first
    expect(img).to_be_visible()
    assert page.evaluate("(el) => el.naturalWidth", img.element_handle()) > 300
    standard = standard_scenario_file()
    nat = oc.evaluate_national(standard.scenario, cost=standard.cost)
    expect(page.locator(".oc-nat-saving")).to_have_text(fmt.eur(nat.saving_eur_per_year))
    expect(page.locator(".oc-map-note")).to_have_text(nat.per_inhabitant_nl())
    shift = page.locator(".oc-shift-map img, img.oc-shift-map").first
    expect(shift).to_be_visible()
    assert page.evaluate("(el) => el.naturalWidth", shift.element_handle()) > 300
    expect(page.locator(".oc-shift-map-note")).to_contain_text("naar zelfservice (webformulier, MijnOmgeving)")
    page.screenshot(path=str(artifacts / "landelijk-overzicht.png"), full_page=True)
    assert not errors
    context.close()


def test_the_national_table_sorts_by_clicking_searches_and_exports(browser, voila_url, artifacts, tmp_path):
    """Issue 18 point 7: a click on a header sorts (again: the other way round), search, all rows, CSV export."""
    from playwright.sync_api import expect

    context, page, errors = open_page(browser, voila_url + "/voila/render/landelijk_overzicht.ipynb")
    first = page.locator(".oc-nat-table tr").first.locator("td").first
    expect(page.locator(".oc-nat-table tr")).to_have_count(343)  # 342 gemeenten and the total
    page.locator("button.oc-sort-name, .oc-sort-name button").first.click()
    expect(first).to_have_text("Aa en Hunze")
    page.locator("button.oc-sort-name, .oc-sort-name button").first.click()
    expect(first).to_have_text("Zwolle")
    page.locator(".oc-nat-search input").fill("bosch")
    expect(first).to_have_text("'s-Hertogenbosch")
    expect(page.locator(".oc-nat-total")).to_contain_text("1 gemeente")
    with page.expect_download() as download:
        page.locator("a.oc-nat-export-csv").click()
    path = tmp_path / "landelijk.csv"
    download.value.save_as(path)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 2 and lines[1].startswith("GM0796;'s-Hertogenbosch;Noord-Brabant;")
    page.screenshot(path=str(artifacts / "landelijk-tabel.png"), full_page=True)
    assert not errors
    context.close()


def test_loading_a_scenario_file_gives_the_cli_npv_and_saves_the_same_bytes(kanaalmix, artifacts, tmp_path):
    """The bug this guards against: the dashboard showed € 1.409.739 for a file the CLI puts at € 1.517.392,
    and saving it again dropped half of it."""
    import base64
    import json
    import subprocess
    import sys
    import warnings

    from playwright.sync_api import expect

    path = ROOT / "examples" / "utrecht_statusportaal.toml"
    cli = subprocess.run(
        [sys.executable, "-m", "omnicalc.cli", "evaluate", "--json", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    npv = fmt.eur(json.loads(cli.stdout)["business_case"]["npv_eur"])
    kanaalmix.get_by_text("Scenario's vergelijken, opslaan, laden").click()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-load button").click()
    chooser.value.set_files(str(path))
    expect(kanaalmix.locator(".oc-kpi-npv")).to_have_text(npv)
    expect(kanaalmix.locator(".oc-readonly")).to_contain_text("Uit het bestand, niet te wijzigen op dit scherm")
    expect(kanaalmix.locator(".oc-readonly")).to_contain_text("Implementatie statusportaal en koppelingen")
    assert not kanaalmix.locator(".oc-error").count()
    href = kanaalmix.locator(".oc-download-link").get_attribute("href")
    assert href is not None and href.startswith("data:application/toml;base64,")
    assert base64.b64decode(href.split(",", 1)[1]) == path.read_bytes()
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-loaded-file.png"), full_page=True)
    # values off the sliders' step grid and outside their range: the page must not snap them back into the file
    odd = tmp_path / "anders.toml"
    text = path.read_text(encoding="utf-8").replace("reach_share = 0.6", "reach_share = 0.333")
    odd.write_text(text.replace('method = "top_down"', 'method = "top_down"\nloaded_hourly_rate_eur = 180'))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", oc.AssumptionWarning)  # the rate is above the plausible range
        odd_npv = fmt.eur(oc.load_scenario(odd).run().npv_eur)
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-load button").click()
    chooser.value.set_files(str(odd))
    expect(kanaalmix.locator(".oc-kpi-npv")).to_have_text(odd_npv)
    kanaalmix.get_by_text("Statusportaal (MijnServices)", exact=True).click()
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text("33,3%")
    kanaalmix.wait_for_timeout(500)  # time for any echo from the sliders to reach the kernel
    href = kanaalmix.locator(".oc-download-link").get_attribute("href")
    assert href is not None and base64.b64decode(href.split(",", 1)[1]) == odd.read_bytes()
    expect(kanaalmix.locator(".oc-kpi-npv")).to_have_text(odd_npv)


def test_inclusion_caps_are_explained_next_to_the_inputs(kanaalmix, artifacts, tmp_path):
    """Issue 14: a shift the rules cap says so in Dutch under its own slider; the portal under its sliders."""
    from playwright.sync_api import expect

    path = tmp_path / "balie_naar_telefoon.toml"
    path.write_text(
        'schema_version = 2\nname = "Aanvragen naar de telefoon"\ngemeente = "Utrecht"\n\n'
        "[status_portal]\nreach_share = 1.0\nadoption_share = 1.0\nresidual_contact_share = 0.0\n\n"
        '[[channel_shifts]]\nfrom_channel = "balie"\nto_channel = "telefoon"\nreason = "aanvraag"\nshare = 1.0\n',
        encoding="utf-8",
    )
    r = oc.load_scenario(path).evaluate()
    shift_note, portal_note = r.per_shift.iloc[0]["note_nl"], r.inclusion_note_nl("status_portal")
    assert "telefoon kan geen aanvragen afhandelen" in shift_note and "statusvragen per jaar blijven" in portal_note
    kanaalmix.get_by_text("Scenario's vergelijken, opslaan, laden").click()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-load button").click()
    chooser.value.set_files(str(path))
    kanaalmix.get_by_text("Statusportaal (MijnServices)", exact=True).click()
    expect(kanaalmix.locator(".oc-note-status-portal")).to_have_text(portal_note)
    kanaalmix.get_by_text("Herhaalcontact en kanaalsturing").click()
    expect(kanaalmix.locator(".oc-shift-note-0")).to_have_text(shift_note)
    expect(kanaalmix.locator(".oc-shift-note-1")).to_have_text("")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-inclusion-notes.png"), full_page=True)


def test_the_claim_preset_is_reached_by_keyboard_and_the_standard_scenario_comes_back(kanaalmix, artifacts):
    from playwright.sync_api import expect

    from omnicalc.headline import claim_label_nl

    expect(kanaalmix.locator(".oc-preset-note")).to_contain_text(claim_label_nl())
    claim = kanaalmix.locator("button.oc-claim-preset, .oc-claim-preset button").first
    claim.focus()
    claim.press("Enter")
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text("100%")
    expect(kanaalmix.locator(".oc-kpi-npv")).to_have_text(fmt.eur(claim_scenario_file("Utrecht").run().npv_eur))
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-claim.png"), full_page=True)
    kanaalmix.locator("button.oc-standard-preset, .oc-standard-preset button").first.click()
    expect(kanaalmix.locator(".oc-reach .oc-readout")).to_have_text(readout(START_REACH))
    expect(kanaalmix.locator(".oc-kpi-saving")).to_have_text(expected_saving("Utrecht"))


def test_a_typed_investment_gives_the_npv_of_the_api(kanaalmix, artifacts):
    """Issue 18, point 2: € 400.000 typed in Dutch gives the NPV the core computes for the same scenario."""
    from playwright.sync_api import expect

    from omnicalc.ui.kanaalmix import fresh_document

    doc = fresh_document("Utrecht")
    doc.set("business_case.investments[0].amount_eur", 400_000.0)
    npv = oc.analyse(doc.scenario_file()).business_case.npv_eur
    kanaalmix.get_by_text("Investering en looptijd").click()
    field = kanaalmix.locator(".oc-investment .oc-number input")
    field.fill("€ 400.000")
    field.press("Enter")
    expect(kanaalmix.locator(".oc-kpi-npv")).to_have_text(fmt.eur(npv))
    expect(field).to_have_value("400.000")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-typed-investment.png"), full_page=True)


def test_an_invalid_typed_value_is_named_next_to_the_field_and_the_kpis_are_not_current(kanaalmix, artifacts):
    from playwright.sync_api import expect

    kanaalmix.get_by_text("Investering en looptijd").click()
    field = kanaalmix.locator(".oc-investment .oc-number input")
    field.fill("-5000")
    field.press("Enter")
    expect(kanaalmix.locator(".oc-investment .oc-number-error")).to_contain_text("'-5000' is negatief")
    expect(kanaalmix.locator(".oc-stale")).to_contain_text("Niet bijgewerkt")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-invalid-value.png"), full_page=True)
    field.fill("400.000")
    field.press("Enter")
    expect(kanaalmix.locator(".oc-stale")).to_have_count(0)


def test_upload_then_switching_gemeente_asks_before_replacing_the_volumes(kanaalmix, artifacts):
    from playwright.sync_api import expect

    expect(kanaalmix.locator(".oc-kpi-gemeente")).to_have_text("Utrecht")  # whose numbers: in the KPI header
    kanaalmix.get_by_text("Gemeente en volumes").click()
    with kanaalmix.expect_file_chooser() as chooser:
        kanaalmix.locator(".oc-upload button").click()
    chooser.value.set_files(str(ROOT / "examples" / "kcc" / "kcc_export_2024.csv"))
    phone = kanaalmix.locator(".oc-volume-telefoon input")
    expect(phone).to_have_value("97.800")
    box = kanaalmix.locator(".oc-gemeente input")
    box.fill("Zwolle")
    box.press("Enter")
    question = kanaalmix.locator(".oc-gemeente-question")
    expect(question).to_contain_text("houden voor Zwolle")
    expect(phone).to_have_value("97.800")  # nothing replaced before the answer
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-gemeente-question.png"), full_page=True)
    kanaalmix.locator(".oc-keep-volumes").click()
    expect(kanaalmix.locator(".oc-kpi-gemeente")).to_have_text("Zwolle")
    expect(phone).to_have_value("97.800")
    expect(question).to_be_hidden()


# ---------------------------------------------------------------------------------------------- accessibility
DASHBOARDS = {
    "kanaalmix": "Kanaalmix en businesscase",
    "statusvragen": "Statusvragen (MijnServices)",
    "landelijk_overzicht": "Landelijk overzicht",
}


def open_everything(page) -> None:
    """Every accordion section and every tab once (an audit sees only what is shown), ending on the first tab."""
    for head in page.locator(".jupyter-widget-Collapse-header").all():
        if head.get_attribute("aria-expanded") != "true":
            head.click()
    tabs = page.locator(".lm-TabBar-tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        page.wait_for_timeout(300)
    if tabs.count():
        tabs.first.click()


def serious_findings(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_timeout(500)  # the page helper works 100 ms after the last change
    result = Axe().run(page)
    return [
        f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


#: The shown tab titles, buttons and labels whose text does not fit (cut off or ending in "…").
CUT_TEXTS = """() => [...document.querySelectorAll(
    '.lm-TabBar-tabLabel, button, .jupyter-button, .widget-label, .widget-label-basic')]
  .filter((el) => el.offsetParent !== null && el.textContent.trim()
                  && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
  .map((el) => `${el.className}: ${el.textContent.trim()}`)"""
#: Shown tables, charts, buttons, fields, labels and tab titles that reach beyond the window's right edge (a
#: table in a box that scrolls sideways counts by the box).
OFF_SCREEN = """() => [...document.querySelectorAll(
    '.widget-html-content table, .oc-chart svg, .jupyter-button, .widget-label, .lm-TabBar-tab, input, select')]
  .filter((el) => { const box = el.parentElement && el.parentElement.closest('div');
                     const within = box && /(auto|scroll)/.test(getComputedStyle(box).overflowX) ? box : el;
                     return el.offsetParent !== null && el.getBoundingClientRect().width > 0
                       && within.getBoundingClientRect().right > document.documentElement.clientWidth + 1; })
  .map((el) => `${el.tagName}.${el.className}: ${el.textContent.trim().slice(0, 40)}`)"""
#: The text of the page outside the "Over de berekening" panel.
TEXT_OUTSIDE_ABOUT = """() => { const copy = document.body.cloneNode(true);
  copy.querySelectorAll('.oc-about, .oc-layout-style, script, style').forEach((el) => el.remove());
  return copy.textContent; }"""
#: For the first table in ``box``: the right edge of its last column and of the window, and how many rows show.
TABLE_FIT = """(box) => { const table = box.querySelector('table'); const rows = [...table.querySelectorAll('tr')];
  const seen = box.getBoundingClientRect();
  const head = rows[0].querySelectorAll('th, td'); const last = head[head.length - 1].getBoundingClientRect();
  return { right: last.right, box: seen.right, window: document.documentElement.clientWidth,
           shown: rows.filter((r) => r.getBoundingClientRect().bottom <= seen.bottom).length - 1,
           rows: rows.length - 1, wide: table.scrollWidth - box.clientWidth, high: seen.height,
           table: table.getBoundingClientRect().height, tall: window.innerHeight }; }"""


def check_layout(page, where: str) -> None:
    """Nothing cut off, no programmer's words outside the "Over de berekening" panel."""
    cut = page.evaluate(CUT_TEXTS)
    assert not cut, f"{where}: cut off: {cut}"
    outside = page.evaluate(OFF_SCREEN)
    assert not outside, f"{where}: right of the window: {outside}"
    text = page.evaluate(TEXT_OUTSIDE_ABOUT)
    for word in ("seed ", ")^t", "_eur", "business_case.", "status_portal."):
        assert word not in text, f"{where}: {word!r} on the page"


@pytest.mark.parametrize("notebook", list(DASHBOARDS))
@pytest.mark.parametrize("size", [(1280, 900), (1920, 1080)])
def test_the_axe_audit_finds_nothing_serious_with_every_section_open(browser, voila_url, artifacts, notebook, size):
    """And at both sizes on every tab: no tab title, button or label cut off, no programmer's words."""
    from playwright.sync_api import expect

    context, page, errors = open_page(browser, f"{voila_url}/voila/render/{notebook}.ipynb")
    try:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        open_everything(page)
        findings = serious_findings(page)
        assert not findings, "\n".join(findings)
        assert page.evaluate("document.documentElement.lang") == "nl"
        assert page.title() == f"omnicalc — {DASHBOARDS[notebook]}"
        tabs = page.locator(".lm-TabBar-tab")
        for i in range(max(1, tabs.count())):  # a screenshot of every tab, at this size
            if tabs.count():
                tabs.nth(i).click()
                page.wait_for_timeout(300)
            page.screenshot(path=str(artifacts / f"{notebook}-{size[0]}-tab{i + 1}.png"), full_page=True)
            check_layout(page, f"{notebook} {size[0]} tab {i + 1}")
        if notebook == "kanaalmix":
            tabs.nth(4).click()  # Aannames en bronnen: both tables inside the window, their source column too
            for box in (".oc-inputs", ".oc-assumptions"):
                fit = page.locator(box).evaluate(TABLE_FIT)
                page.locator(box).screenshot(path=str(artifacts / f"{notebook}-{size[0]}-{box[1:]}.png"))
                assert fit["right"] <= fit["box"] + 1 and fit["box"] <= fit["window"], (box, fit)
                assert fit["wide"] <= 1, (box, fit)  # no sideways scrolling
                # a scroll box most of the window high (or the whole table), showing more than a few rows
                assert fit["high"] >= min(0.6 * fit["tall"], fit["table"] - 1), (box, fit)
                assert fit["shown"] >= min(5, fit["rows"]), (box, fit)  # long sources wrap: rows of 1-12 lines
            about = page.locator(".oc-about")
            expect(about).to_contain_text("Over de berekening")
            expect(about).to_contain_text("seed ")  # the seed and the formula are here, open for who wants them
            expect(about).to_contain_text("(1 + discontovoet)^t")
            # at 1920 px the results use the width: the two charts of the first tab side by side
            tabs.nth(0).click()
            volumes, costs = (page.locator(f".oc-chart-{k}").bounding_box() for k in ("volumes", "costs"))
            assert (volumes["y"] == costs["y"]) == (size[0] == 1920), (volumes, costs)
        assert not errors, errors
    finally:
        page.goto("about:blank")
        context.close()


def tab_to(page, selector: str, text: str = "", limit: int = 400) -> None:
    """Press Tab until the element matching ``selector`` (or one inside it), holding ``text``, has the focus."""
    focused = """([s, t]) => { const a = document.activeElement; const el = a && (a.matches(s) ? a : a.closest(s));
                               return !!el && el.textContent.includes(t); }"""
    for _ in range(limit):
        if page.evaluate(focused, [selector, text]):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} {text!r} not reached by {limit} Tab presses")


def test_keyboard_only_from_gemeente_to_the_report_download(kanaalmix, artifacts, tmp_path):
    from playwright.sync_api import expect

    kanaalmix.locator("body").click(position={"x": 2, "y": 2})  # start at the top of the page, no mouse after this
    tab_to(kanaalmix, ".oc-gemeente input, input.oc-gemeente")
    kanaalmix.keyboard.press("Control+A")
    kanaalmix.keyboard.type("Zwolle")
    kanaalmix.keyboard.press("Enter")
    expect(kanaalmix.locator(".oc-kpis")).to_contain_text("Zwolle", timeout=60_000)
    # a slider by keyboard: its handle says what it is and its value in Dutch
    tab_to(kanaalmix, ".oc-reach .noUi-handle")
    handle = kanaalmix.locator(".oc-reach .noUi-handle")
    expect(handle).to_have_attribute("aria-label", "Bereik statusportaal")
    kanaalmix.keyboard.press("ArrowRight")
    expect(handle).to_have_attribute("aria-valuetext", readout(reach_after(1)).replace("%", " procent"))
    # the section with the reports, opened with Enter on its header
    tab_to(kanaalmix, ".jupyter-widget-Collapse-header", "Rapport voor de raad")
    kanaalmix.keyboard.press("Enter")
    tab_to(kanaalmix, ".oc-excel")
    kanaalmix.keyboard.press("Enter")
    link = kanaalmix.locator(".oc-report-xlsx")
    expect(link).to_be_visible(timeout=60_000)
    tab_to(kanaalmix, ".oc-report-xlsx")
    with kanaalmix.expect_download() as download:
        kanaalmix.keyboard.press("Enter")
    assert download.value.suggested_filename.startswith("omnicalc_Zwolle_")
    kanaalmix.screenshot(path=str(artifacts / "kanaalmix-keyboard.png"), full_page=True)


def test_a_lost_connection_gets_a_dutch_banner(browser, voila_url):
    from playwright.sync_api import expect

    from omnicalc.ui.a11y import LOST_NL

    context, page, errors = open_page(browser, voila_url + "/voila/render/statusvragen.ipynb")
    try:
        banner = page.locator(".oc-connection-lost")
        page.wait_for_timeout(6_000)  # the kernel answers the pings: no banner
        expect(banner).to_be_hidden()
        context.set_offline(True)  # the network goes: the pings get no answer
        expect(banner).to_be_visible(timeout=45_000)
        expect(banner).to_have_text(LOST_NL)
        expect(banner).to_have_attribute("role", "alert")
    finally:
        context.set_offline(False)
        page.goto("about:blank")
        context.close()
