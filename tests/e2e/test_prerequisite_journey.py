"""On a phone, an advanced course says what comes first before anyone presses a button."""

import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Collection

from enrolment.models import Enrolment, PackageExemption
from tests.courses.test_course_images import make_image
from tests.e2e.test_attendance_journey import log_in, make_account
from tests.e2e.test_enrolment_journey import assert_accessible
from tests.factories import make_course, make_edition

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
COURSE = "Een gemeentebegroting lezen"


def assert_fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def advanced(offer):
    # The flush after a transactional test removes the root collection that images go in.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    # With an image: a rendition 480 px wide must still fit the phone.
    course = make_course(offer["advanced"], title=COURSE, is_required=True, image=make_image())
    return {"course": course, "edition": make_edition(course, starts_in_days=60)}


def test_the_advanced_course_names_the_basic_package_and_who_lacks_it_finds_it(page, live_server, offer, advanced):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + advanced["course"].url)
    edition = page.locator(f"#editie-{advanced['edition'].pk}").locator("xpath=..")

    # A visitor sees the condition, with a link, before logging in.
    expect(edition.get_by_text("Eerst voltooien")).to_be_visible()
    expect(edition.get_by_role("link", name=offer["basic"].title)).to_be_visible()
    expect(page.get_by_role("img", name="Deelnemers rond een tafel")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_phone(page)

    make_account("nog.niet@example.org", "Nora", "Nieuw")
    log_in(page, live_server, "nog.niet@example.org")
    page.goto(live_server.url + advanced["course"].url)

    expect(edition.get_by_text("Je hebt dit nog niet voltooid.")).to_be_visible()
    expect(edition.get_by_role("button", name=re.compile("Inschrijven"))).to_have_count(0)
    assert_accessible(page)
    assert_fits_the_phone(page)

    edition.get_by_role("link", name=re.compile("Bekijk wat eerst komt")).click()
    expect(page).to_have_url(re.compile(re.escape(offer["basic"].url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(offer["basic"].title)


def test_an_exempted_person_enrols_from_the_phone(page, live_server, offer, advanced):
    person = make_account("vrijgesteld@example.org", "Vic", "Vrijgesteld")
    PackageExemption.objects.create(person=person, package=offer["basic"], reason="Jaren schepen", granted_by=person)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "vrijgesteld@example.org")
    page.goto(live_server.url + advanced["course"].url)
    edition = page.locator(f"#editie-{advanced['edition'].pk}").locator("xpath=..")

    expect(edition.get_by_text("Je hebt dit voltooid.")).to_be_visible()
    edition.get_by_role("button", name=re.compile("Inschrijven")).click()

    expect(page.get_by_text("Je bent ingeschreven voor deze editie.")).to_be_visible()
    assert Enrolment.objects.filter(person=person, edition=advanced["edition"]).exists()
    assert_accessible(page)
    assert_fits_the_phone(page)
