"""WCAG 2.2 AA (axe-core, colour contrast included) on the error pages and on messages of each level."""

import pytest
from playwright.sync_api import expect

from tests.accounts.conftest import PASSWORD, make_participant
from tests.e2e.test_accessibility_roles import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.mark.urls("tests.academy.urls_with_messages")
def test_messages_of_each_level_are_accessible(page, live_server, site):
    # Logged in, so that the menu with its logout button is checked too.
    make_participant("an@example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("an@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(live_server.url + "/berichten/")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    expect(page.get_by_role("status").first).to_contain_text("Gelukt:")
    expect(page.get_by_role("alert").last).to_contain_text("Fout: Dat is niet gelukt.")
    assert_accessible(page)


def test_the_404_page_is_accessible_and_its_search_searches_the_catalogue(page, live_server, site):
    page.set_viewport_size({"width": 390, "height": 844})
    response = page.goto(live_server.url + "/aanbod/bestaat-niet/")

    assert response.status == 404
    assert_accessible(page)
    page.get_by_label("Zoek in het aanbod").fill("gemeente")
    page.get_by_role("button", name="Zoeken").click()
    expect(page).to_have_url(live_server.url + "/aanbod/?q=gemeente")


def test_the_logout_button_in_the_menu_works_without_javascript(browser, live_server, site):
    # axe needs JavaScript: this page's accessibility is checked with it in the test above.
    make_participant("an@example.org")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("an@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(live_server.url + "/mijn/")

    page.get_by_role("navigation").get_by_role("button", name="Uitloggen").click()

    expect(page.get_by_role("navigation").get_by_role("link", name="Inloggen")).to_be_visible()
    context.close()
