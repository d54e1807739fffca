"""A participant's way through the public offer, in a real browser against the live server."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# The live server reads committed data, so these tests run in transactional mode
# (live_server asks for it); tests/e2e/conftest.py restores Wagtail's root page each time.
pytestmark = pytest.mark.e2e

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RESULT_HEADING = re.compile(r"^\d+ vorming(en)? gevonden$")


def result_heading(page):
    return page.get_by_role("heading", level=2, name=RESULT_HEADING)


def result_titles(page):
    return page.locator(".results .edition-card h3 a").all_inner_texts()


def open_filters(page):
    """Unfold the filters where they are folded: on a phone, or without JavaScript."""
    if page.locator("details.filter-panel").get_attribute("open") is None:
        page.locator("summary", has_text="Filter het aanbod").click()


def filter_catalogue_on_limburg(page):
    """Choose Limburg in the province filter and submit the plain GET form."""
    open_filters(page)
    page.get_by_label("Provincie").select_option("limburg")
    page.get_by_role("button", name="Toon resultaten").click()
    page.wait_for_url(re.compile(r"/aanbod/\?"))


def test_journey_from_home_through_a_filtered_catalogue_to_a_course(page, live_server, catalogue_offer):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Academie")

    page.get_by_role("link", name="Bekijk het volledige aanbod").click()
    page.wait_for_url(live_server.url + "/aanbod/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanbod")
    expect(result_heading(page)).to_have_text("4 vormingen gevonden")
    assert sorted(result_titles(page)) == [
        "Hoe werkt de gemeente?",
        "Onderhandelen met het bestuur",
        "Samen actie voeren",
        "Samen actie voeren",
    ]

    filter_catalogue_on_limburg(page)

    assert parse_qs(urlsplit(page.url).query)["provincie"] == ["limburg"]
    expect(result_heading(page)).to_have_text("1 vorming gevonden")
    assert result_titles(page) == ["Hoe werkt de gemeente?"]
    expect(page.get_by_label("Provincie")).to_have_value("limburg")
    expect(page.get_by_role("list", name="Actieve filters")).to_contain_text("Provincie: Limburg")

    page.locator(".results").get_by_role("link", name="Hoe werkt de gemeente?").click()
    page.wait_for_url(live_server.url + catalogue_offer["course"].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoe werkt de gemeente?")
    expect(page).to_have_title(re.compile(r"^Hoe werkt de gemeente\? – "))
    expect(page.get_by_role("heading", level=2, name="Geplande edities")).to_be_visible()

    editions = page.locator("section.edition")
    expect(editions).to_have_count(1)
    edition = editions.first
    facts = edition.locator(".edition-facts")
    expect(facts).to_contain_text("(3 sessies)")
    expect(facts).to_contain_text("(Limburg, lokaal)")
    expect(facts).to_contain_text("Nog 20 plaatsen vrij")
    expect(facts).to_contain_text("Gratis")
    expect(edition.locator("ol.sessions > li")).to_have_count(3)


def test_catalogue_filter_works_without_javascript(browser, live_server, catalogue_offer):
    context = browser.new_context(java_script_enabled=False, locale="nl-BE")
    try:
        page = context.new_page()
        # Make sure the browser really runs no page scripts, or this test proves nothing.
        page.set_content('<p id="p">zonder</p><script>document.getElementById("p").textContent = "met"</script>')
        expect(page.locator("#p")).to_have_text("zonder")

        page.goto(live_server.url + "/aanbod/")
        expect(result_heading(page)).to_have_text("4 vormingen gevonden")

        filter_catalogue_on_limburg(page)

        assert parse_qs(urlsplit(page.url).query)["provincie"] == ["limburg"]
        expect(result_heading(page)).to_have_text("1 vorming gevonden")
        assert result_titles(page) == ["Hoe werkt de gemeente?"]

        page.get_by_role("link", name="Provincie: Limburg (filter verwijderen)").click()
        page.wait_for_load_state()
        assert "provincie" not in parse_qs(urlsplit(page.url).query)
        expect(result_heading(page)).to_have_text("4 vormingen gevonden")
    finally:
        context.close()


def format_violations(url, violations):
    lines = [f"{len(violations)} WCAG 2.2 AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').replace(chr(10), ' ')}")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(lambda offer: "/", id="home"),
        pytest.param(lambda offer: "/aanbod/", id="catalogue"),
        pytest.param(lambda offer: "/aanbod/?provincie=limburg&sorteer=titel", id="catalogue-filtered"),
        pytest.param(lambda offer: "/aanbod/?provincie=west-vlaanderen", id="catalogue-no-results"),
        pytest.param(lambda offer: offer["track"].url, id="track"),
        pytest.param(lambda offer: offer["basic"].url, id="package"),
        pytest.param(lambda offer: offer["course"].url, id="course"),
    ],
)
def test_public_pages_meet_wcag_22_aa(page, live_server, catalogue_offer, path):
    url = live_server.url + path(catalogue_offer)
    response = page.goto(url)
    assert response.status == 200
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, format_violations(url, violations)
