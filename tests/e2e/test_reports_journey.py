"""The steering group reads a report, narrows it and downloads it, in a real browser; axe-core
(WCAG 2.2 AA) on the index and on a report with its chart."""

import pytest
from playwright.sync_api import expect

from roles.groups import STEERING_GROUP
from roles.services import ensure_role_permissions
from tests.e2e.test_accessibility_roles import assert_accessible
from tests.e2e.test_curation_journey import log_in_to_admin, make_user
from tests.reports.conftest import figures  # noqa: F401 - the hand-counted fixture of the reports

pytestmark = pytest.mark.e2e


@pytest.mark.usefixtures("figures")
def test_steering_member_reads_narrows_and_downloads_a_report(page, live_server):
    ensure_role_permissions()
    make_user("stuurgroep@example.org", STEERING_GROUP)
    log_in_to_admin(page, live_server, "stuurgroep@example.org")

    page.goto(live_server.url + "/admin/rapporten/")
    assert_accessible(page)
    page.get_by_role("link", name="Bezettingsgraad").click()
    page.get_by_label("Per", exact=True).select_option("provincie")
    page.get_by_label("Werkjaar", exact=True).select_option("alle")
    page.get_by_role("button", name="Toon het rapport", exact=True).click()

    table = page.get_by_role("table", name="Bezettingsgraad per provincie, alle werkjaren")
    # expect() waits for the new page; is_visible() would look before it has loaded.
    expect(table.get_by_role("row", name="Antwerpen")).to_be_visible()
    expect(page.get_by_role("img", name="Bezettingsgraad per provincie, alle werkjaren")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (Excel, puntkomma)").click()
    with open(download.value.path(), "rb") as exported:
        content = exported.read()
    assert content.startswith(b"\xef\xbb\xbfProvincie;Edities;Plaatsen;Bezette plaatsen;Bezettingsgraad (%)\r\n")
