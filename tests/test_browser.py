"""The dashboard served by Voila, driven in headless Chromium (Debian's) with Playwright."""

from __future__ import annotations

import pytest

import omnicalc as oc
from omnicalc import fmt

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser, voila_url, artifacts):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_default_timeout(60_000)
    page.goto(voila_url + "/voila/render/kanaalmix.ipynb", wait_until="domcontentloaded")
    page.wait_for_selector("#loading", state="detached")
    page.wait_for_selector(".oc-ready", state="attached")
    page.wait_for_selector(".oc-saving")
    yield page
    assert not page.locator(".voila-error").count()
    assert not errors, errors
    context.close()


def expected_saving(gemeente: str, reach: float, adoption: float, residual: float) -> str:
    r = oc.evaluate(
        oc.baseline_for_gemeente(gemeente), oc.Scenario(status_portal=oc.StatusPortal(reach, adoption, residual))
    )
    return fmt.eur(r.saving_eur_per_year)


def test_landing_page_lists_the_dashboard(browser, voila_url):
    page = browser.new_page()
    page.goto(voila_url + "/", wait_until="domcontentloaded", timeout=60_000)
    page.wait_for_selector(".jp-DirListing-item[data-file-type='notebook'] >> text=kanaalmix.ipynb", timeout=60_000)
    page.close()


def test_slider_changes_the_saving_to_what_the_core_computes(page, artifacts):
    from playwright.sync_api import expect

    saving = page.locator(".oc-saving")
    expect(saving).to_have_text(expected_saving("Utrecht", 0.5, 0.5, 0.2))
    handle = page.locator(".oc-reach .noUi-handle")
    handle.focus()
    for _ in range(10):
        handle.press("ArrowRight")  # one step = 1 percentage point
    expect(page.locator(".oc-reach .oc-readout")).to_have_text("60%")
    expect(saving).to_have_text(expected_saving("Utrecht", 0.6, 0.5, 0.2))
    page.screenshot(path=str(artifacts / "kanaalmix-slider.png"), full_page=True)


def test_choosing_a_gemeente_changes_the_baseline(page, artifacts):
    from playwright.sync_api import expect

    contacts = page.locator(".oc-contacts")
    utrecht = contacts.inner_text()
    box = page.locator(".oc-gemeente input")
    box.fill("Den Haag")
    box.press("Enter")
    den_haag = oc.evaluate(oc.baseline_for_gemeente("Den Haag")).volume_before.sum()
    expect(contacts).to_have_text(fmt.num(den_haag))
    assert contacts.inner_text() != utrecht
    expect(page.locator(".oc-saving")).to_have_text(expected_saving("Den Haag", 0.5, 0.5, 0.2))
    page.screenshot(path=str(artifacts / "kanaalmix-den-haag.png"), full_page=True)


def test_unknown_gemeente_gives_a_dutch_message(page):
    from playwright.sync_api import expect

    box = page.locator(".oc-gemeente input")
    box.fill("Atlantis")
    box.press("Enter")
    expect(page.locator(".oc-error")).to_contain_text("kies een gemeente uit de CBS-lijst")
