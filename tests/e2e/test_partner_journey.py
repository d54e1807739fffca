"""A partner's site frames the offer; a visitor clicks through, signs up and enrols for the partner."""

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from playwright.sync_api import expect

from enrolment.models import Enrolment
from tests.e2e.test_enrolment_journey import assert_accessible, sign_up_and_verify
from tests.partners.conftest import partner_offer  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@contextmanager
def partner_site(html):
    """Serve one page from another origin, as a partner's website would."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/partners/", id="partners"),
        pytest.param("/partners/acv/", id="partner"),
        pytest.param("/embed/?partner=acv&provincie=limburg", id="share"),
        pytest.param("/embed/aanbod/?partner=acv", id="embed"),
    ],
)
def test_partner_pages_meet_wcag_22_aa_on_a_phone(page, live_server, partner_offer, path):  # noqa: F811
    page.set_viewport_size(PHONE)
    response = page.goto(live_server.url + path)

    assert response.status == 200
    assert_accessible(page)
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_share_page_works_without_javascript(browser, live_server, partner_offer):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="nl-BE", viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/embed/?partner=acv")
        page.get_by_label("Provincie").select_option("limburg")
        page.get_by_role("button", name="Toon de code").click()
        page.wait_for_url(re.compile(r"provincie=limburg"))
        expect(page.get_by_label("Kopieer deze HTML en plak ze in je website:")).to_have_value(
            re.compile(r'^<iframe src="http://[^"]+/embed/aanbod/\?provincie=limburg&amp;partner=acv"')
        )
    finally:
        context.close()


def test_a_visitor_from_a_partners_site_enrols_and_the_enrolment_counts_for_the_partner(
    page,
    live_server,
    partner_offer,  # noqa: F811
):
    edition = partner_offer["open_edition"]
    # The partner's own site, on another origin, with the iframe as the share page gives it.
    # A real server on the loopback: Chromium keeps a routed (public) page from framing localhost.
    html = (
        f'<!DOCTYPE html><html lang="nl"><title>ACV</title><iframe src="{live_server.url}/embed/aanbod/?partner=acv" '
        'title="Aanbod" width="600" height="600"></iframe></html>'
    ).encode()
    with partner_site(html) as url:
        page.goto(url)
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text("2 vormingen gepland")

    with page.context.expect_page() as new_tab:
        frame.get_by_role("link", name="Samen actie voeren").last.click()
    academy = new_tab.value
    academy.wait_for_load_state()
    expect(academy).to_have_url(re.compile(re.escape(partner_offer["acv_course"].url)))
    expect(academy.get_by_role("heading", level=1)).to_have_text("Samen actie voeren")

    sign_up_and_verify(academy, live_server)
    academy.goto(live_server.url + partner_offer["acv_course"].url)
    section = academy.locator("section.edition", has=academy.locator(f"#editie-{edition.pk}"))
    section.get_by_role("button", name=re.compile("^Inschrijven")).click()
    expect(academy.get_by_text("Je bent ingeschreven. Je krijgt een bevestiging per e-mail.")).to_be_visible()

    enrolment = Enrolment.objects.get(person__email="vera@example.org")
    assert enrolment.edition == edition
    assert enrolment.via_partner == partner_offer["acv"]
