"""The public partner pages: who a partner is, what it co-organises, who teaches for it."""

from io import BytesIO

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from academy import page_cache
from courses.models import PartnerOrganisation, Trainer
from tests import factories


def test_partner_index_lists_every_partner_with_a_link(client, partner_offer):
    response = client.get("/partners/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/partners/acv/">ACV</a>' in html
    assert '<a href="/partners/femma/">Femma</a>' in html
    assert "<h1>Partnerorganisaties</h1>" in html


def test_partner_page_shows_who_they_are_their_courses_editions_and_trainers(client, partner_offer):
    response = client.get("/partners/acv/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>ACV</h1>" in html
    assert "De christelijke vakbond, met vrijwilligers in elke gemeente." in html
    assert 'href="https://www.acv-online.be/"' in html
    assert "Samen actie voeren" in html
    # Only the offered courses: a retired course is not co-organised in public any more.
    assert "Oude vorming" not in html
    # The catalogue's cards: the two approved upcoming editions, with their places left.
    assert html.count('class="edition-card"') == 2
    assert "Nog 12 plaatsen vrij" in html
    assert "Volzet" in html
    assert '<a href="/aanbod/?partner=acv">Bekijk alle 2 edities in het aanbod</a>' in html
    # Femma's course is not ACV's.
    assert "Hoe werkt de gemeente?" not in html
    assert "Ann Lesgever" in html
    assert "Bart Zonderles" not in html
    assert "Fien Femma" not in html
    assert 'href="/embed/?partner=acv"' in html


def test_unknown_partner_is_a_dutch_404(client, site):
    response = client.get("/partners/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze partnerorganisatie kennen we niet." in response.content.decode()


def test_partner_page_is_cached_for_visitors_and_goes_stale_when_the_partner_changes(
    client, partner_offer, django_capture_on_commit_callbacks
):
    assert client.get("/partners/acv/")["X-Page-Cache"] == "miss"
    assert client.get("/partners/acv/")["X-Page-Cache"] == "hit"

    acv = partner_offer["acv"]
    acv.description = "Een nieuwe voorstelling."
    with django_capture_on_commit_callbacks(execute=True):
        acv.save()

    response = client.get("/partners/acv/")
    assert response["X-Page-Cache"] == "miss"
    assert "Een nieuwe voorstelling." in response.content.decode()


def test_partner_page_shows_an_edition_full_once_its_cached_copy_is_stale(
    client, partner_offer, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # Enrolments leave the cached pages alone; the places left go stale with age.
    settings.PAGE_CACHE_FRESH_SECONDS = 5
    monkeypatch.setattr(page_cache, "_clock", lambda: 1_000_000.0)
    client.get("/partners/acv/")
    with django_capture_on_commit_callbacks(execute=True):
        factories.fill_edition(partner_offer["open_edition"])
    assert client.get("/partners/acv/")["X-Page-Cache"] == "hit"
    monkeypatch.setattr(page_cache, "_clock", lambda: 1_000_005.0)

    response = client.get("/partners/acv/")

    assert response["X-Page-Cache"] == "miss"
    assert "Nog 12 plaatsen vrij" not in response.content.decode()


def test_partner_pages_deny_framing(client, partner_offer):
    assert client.get("/partners/")["X-Frame-Options"] == "DENY"
    assert client.get("/partners/acv/")["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("courses", [2, 12])
def test_partner_page_queries_do_not_grow_with_its_offer(client, partner_offer, courses, django_assert_max_num_queries):
    acv = partner_offer["acv"]
    for number in range(courses):
        course = factories.make_course(partner_offer["basic"], title=f"Extra {number}", partners=(acv,))
        edition = factories.make_edition(course, starts_in_days=10 + number)
        edition.trainers.add(Trainer.objects.create(name=f"Lesgever {number}", organisation=acv))
    client.force_login(factories.make_person())  # past the page cache

    with django_assert_max_num_queries(30):
        response = client.get("/partners/acv/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="edition-card"') == courses + 2
    assert f"Lesgever {courses - 1}" in html


# Wagtail's rendition pipeline leaves a SpooledTemporaryFile for the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_partner_with_a_logo_shows_it(client, partner_offer):
    buffer = BytesIO()
    PILImage.new("RGB", (400, 100), "teal").save(buffer, "PNG")
    image = get_image_model().objects.create(title="Logo ACV", file=ImageFile(buffer, name="acv.png"))
    PartnerOrganisation.objects.filter(pk=partner_offer["acv"].pk).update(logo=image)

    html = client.get("/partners/acv/").content.decode()

    assert 'class="partner-logo"' in html
    assert "<img" in html
