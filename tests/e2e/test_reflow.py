"""WCAG 1.4.10 Reflow: no public page is wider than a 320 px screen, also with the long Dutch
compounds that headings, venues and card titles carry. axe does not check this."""

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from tests import factories
from tests.accounts.conftest import PASSWORD, make_participant

pytestmark = pytest.mark.e2e

WIDTH = 320

# Reports the page's width and, when too wide, the elements that stick out, so a failure
# says where to look.
MEASURE = """() => {
  const width = document.scrollingElement.scrollWidth;
  const culprits = [];
  if (width > window.innerWidth) {
    for (const element of document.querySelectorAll("body *")) {
      const box = element.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && box.width > 0) {
        culprits.push(`${element.tagName.toLowerCase()}.${element.className}: ${Math.round(box.right)}px`);
      }
    }
  }
  return {width, culprits: culprits.slice(0, 5)};
}"""


@pytest.fixture
def long_words(offer):
    """The offer, with the long words and names that broke the phone layout."""
    course = factories.make_course(
        offer["basic"],
        title="Gespreksvaardigheden voor bestuursvrijwilligers",
        summary="Onderhandelingsvaardigheden, vergaderdiscipline en belangenbehartigingsstrategieën.",
        partners=(factories.make_partner("Wereldsolidariteit"),),
    )
    venue = factories.make_venue(
        name="Ontmoetingscentrum Gemeenschapsvoorzieningen Sint-Pieters-Woluwe",
        municipality="Sint-Pieters-Woluwe",
        province="brussel",
    )
    edition = factories.make_edition(course, sessions=2, venue=venue, label="Vrijwilligersorganisatiesnajaarsreeks")
    person = make_participant("an.vandenbroeckeverhaegen@example.org")
    certificate = Certificate.objects.create(
        kind=Certificate.Kind.EDITION,
        person=person,
        edition=edition,
        holder_name="An Vandenbroecke-Verhaegen",
        title=course.title,
        track_title=offer["track"].title,
        issuer_name="Sociale en Politieke Academie",
    )
    return {**offer, "long_course": course, "person": person, "certificate": certificate}


def assert_fits(page, url):
    response = page.goto(url)
    assert response.status < 500, url
    measured = page.evaluate(MEASURE)
    return None if measured["width"] <= WIDTH else f"{url}: {measured['width']} px, {measured['culprits']}"


def test_no_public_page_is_wider_than_320_px(page, live_server, long_words):
    page.set_viewport_size({"width": WIDTH, "height": 640})
    base = live_server.url
    urls = [
        "/",
        "/aanbod/",
        "/aanbod/?provincie=brussel&vorm=studiedag",
        long_words["track"].url,
        long_words["basic"].url,
        long_words["long_course"].url,
        "/partners/",
        "/partners/wereldsolidariteit/",
        "/vormingsvraag/",
        "/vormingsvraag/openbaar/",
        "/account/login/",
        "/account/signup/",
        "/attest/",
        f"/attest/{long_words['certificate'].code}/",
        "/attest/BESTAAT-NIET/",
        "/aanbod/bestaat-niet/",
        "/embed/",
        "/embed/aanbod/",
    ]

    too_wide = [failure for url in urls if (failure := assert_fits(page, base + url))]

    assert not too_wide, "\n".join(too_wide)


def test_no_page_of_a_participant_is_wider_than_320_px(page, live_server, long_words):
    page.set_viewport_size({"width": WIDTH, "height": 640})
    base = live_server.url
    page.goto(base + "/account/login/")
    page.get_by_label("E-mail").fill(long_words["person"].email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name="Uitloggen")).to_be_attached()
    urls = ["/mijn/", "/mijn/agenda/", "/account/profiel/", long_words["long_course"].url]

    too_wide = [failure for url in urls if (failure := assert_fits(page, base + url))]

    assert not too_wide, "\n".join(too_wide)
