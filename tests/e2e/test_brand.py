"""The brand's budgets in Chromium (CSS at most 40 KB compressed, fonts at most 100 KB, no
request to a third party, axe clean at 390 and 1280 px) and the catalogue on a phone."""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.test_accessibility_roles import assert_accessible
from tests.e2e.test_catalogue_journey import result_heading

pytestmark = pytest.mark.e2e

CSS_BUDGET = 40 * 1024
FONT_BUDGET = 100 * 1024


def brand_pages(offer):
    return {"home": "/", "catalogue": "/aanbod/", "course": offer["course"].url}


@pytest.mark.parametrize("width", [390, 1280])
def test_home_catalogue_and_course_page_keep_the_budgets_and_meet_wcag(browser, live_server, catalogue_offer, width):
    own_host = urlsplit(live_server.url).netloc
    for name, path in brand_pages(catalogue_offer).items():
        # A fresh context per page: an empty cache, so every font and stylesheet is counted.
        context = browser.new_context(locale="nl-BE", viewport={"width": width, "height": 844})
        try:
            page = context.new_page()
            sizes = {"font": 0, "stylesheet": 0}
            hosts = set()

            def count(response, sizes=sizes, hosts=hosts):
                hosts.add(urlsplit(response.url).netloc)
                kind = response.request.resource_type
                if kind == "font":
                    sizes["font"] += len(response.body())
                elif kind == "stylesheet":
                    sizes["stylesheet"] += len(gzip.compress(response.body()))

            page.on("requestfinished", lambda request, count=count: count(request.response()))
            page.goto(live_server.url + path)
            page.evaluate("document.fonts.ready.then(() => true)")
            page.wait_for_load_state("networkidle")

            assert hosts == {own_host}, f"{name}: requests to {hosts - {own_host}}"
            assert sizes["font"] > 0, f"{name}: the academy's typeface did not load"
            assert sizes["font"] <= FONT_BUDGET, f"{name}: {sizes['font']} bytes of fonts"
            assert sizes["stylesheet"] <= CSS_BUDGET, f"{name}: {sizes['stylesheet']} bytes of compressed CSS"
            assert_accessible(page)
        finally:
            context.close()


def test_on_a_phone_the_filters_are_folded_and_applying_them_brings_the_results_into_view(
    browser, live_server, catalogue_offer
):
    context = browser.new_context(java_script_enabled=False, locale="nl-BE", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(live_server.url + "/aanbod/")
        expect(page.get_by_label("Provincie")).to_be_hidden()
        expect(result_heading(page)).to_be_in_viewport()

        page.locator("summary", has_text="Filter het aanbod").click()
        page.get_by_label("Provincie").select_option("antwerpen")
        page.get_by_role("button", name="Toon resultaten").click()
        page.wait_for_url(re.compile(r"/aanbod/\?.*provincie=antwerpen.*#resultaten$"))

        expect(result_heading(page)).to_have_text("2 vormingen gevonden")
        expect(result_heading(page)).to_be_in_viewport()
        expect(page.get_by_role("list", name="Actieve filters")).to_be_in_viewport()
        expect(page.get_by_label("Provincie")).to_be_hidden()

        page.get_by_role("link", name="Provincie: Antwerpen (filter verwijderen)").click()
        page.wait_for_url(re.compile(r"#resultaten$"))
        expect(result_heading(page)).to_have_text("4 vormingen gevonden")
    finally:
        context.close()


def test_the_course_page_prints_without_navigation_and_with_its_sessions(page, live_server, catalogue_offer):
    page.goto(live_server.url + catalogue_offer["course"].url)
    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_be_hidden()
    expect(page.locator("ol.sessions > li").first).to_be_visible()
    expect(page.locator("main form").first).to_be_hidden()
    # On paper a link shows where it goes.
    expect(
        page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Aanbod (/aanbod/)")
    ).to_be_visible()
