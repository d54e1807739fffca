"""The home page: the three tracks, what starts soon, the public course requests."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import Edition
from curation import services as curation_services
from tests.curation.factories import make_request
from tests.factories import make_course, make_edition, make_person, make_track, make_venue


def home(client):
    return client.get("/").content.decode()


def section(html, heading_id):
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S)
    assert match, f"no section {heading_id}"
    return match.group(1)


def test_home_page_shows_each_track_with_its_colour_hook_intro_and_link(client, offer):
    track = offer["track"]
    track.summary = "Hoe werkt de politiek, van gemeente tot Europa?"
    track.save_revision().publish()
    other = make_track(offer["catalogue"], slug="sociale-vorming", title="Sociale vorming")

    tracks = section(home(client), "trajecten")

    assert f'data-track="{track.slug}"' in tracks
    assert f'href="{track.url}"' in tracks
    assert "Hoe werkt de politiek, van gemeente tot Europa?" in tracks
    assert f'data-track="{other.slug}"' in tracks


def test_home_page_shows_bookable_editions_with_date_place_and_places_left(client, offer):
    venue = make_venue(province="limburg", name="Zaal De Kring", municipality="Hasselt")
    course = make_course(offer["basic"], title="Vergaderen met impact")
    make_edition(course, province="limburg", venue=venue, capacity=9, starts_in_days=12)

    soon = section(home(client), "binnenkort")

    assert "Vergaderen met impact" in soon
    assert "Zaal De Kring, Hasselt" in soon
    assert "Nog 9 plaatsen vrij" in soon
    assert "<time datetime=" in soon


def test_home_page_leaves_out_what_cannot_be_booked(client, offer):
    make_edition(make_course(offer["basic"], title="Nog een concept"), status=Edition.Status.DRAFT)
    make_edition(make_course(offer["basic"], title="Wacht op goedkeuring"), status=Edition.Status.SUBMITTED)
    make_edition(make_course(offer["basic"], title="Al voorbij"), starts_in_days=-20)
    make_edition(make_course(offer["basic"], title="Afgelast"), status=Edition.Status.CANCELLED)

    soon = section(home(client), "binnenkort")

    assert offer["course"].title in soon
    for title in ("Nog een concept", "Wacht op goedkeuring", "Al voorbij", "Afgelast"):
        assert title not in soon


def test_an_advanced_course_on_the_home_page_names_what_comes_first(client, offer):
    make_edition(make_course(offer["advanced"], title="Begroting lezen"), starts_in_days=40)

    soon = section(home(client), "binnenkort")

    assert "Eerst voltooien:" in soon
    assert f'href="{offer["basic"].url}"' in soon


def test_home_page_shows_public_course_requests_and_a_link_to_file_one(client, offer):
    make_request(subject="Debatteren voor beginners", is_public=True, municipality="Genk")
    make_request(subject="Iets voor ons alleen", is_public=False)

    requests = section(home(client), "vormingsvragen")

    assert "Debatteren voor beginners" in requests
    assert "Genk" in requests
    assert "Iets voor ons alleen" not in requests
    assert 'href="/vormingsvraag/"' in requests
    assert 'href="/vormingsvraag/openbaar/"' in requests


def test_a_new_public_request_reaches_the_cached_home_page(client, offer, django_capture_on_commit_callbacks):
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"
    request = make_request(subject="Sociale media voor verenigingen", is_public=True)

    with django_capture_on_commit_callbacks(execute=True):
        curation_services.support_course_request(request, person=make_person())

    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    assert "Sociale media voor verenigingen" in response.content.decode()


def test_home_page_queries_do_not_grow_with_editions_tracks_and_requests(client, offer):
    home(client)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        home(client)
    for number in range(5):
        track = make_track(offer["catalogue"], slug=f"traject-{number}", title=f"Traject {number}")
        make_edition(make_course(offer["advanced"], title=f"Vorming {number}"), sessions=2, starts_in_days=20 + number)
        make_edition(make_course(track, title=f"Losse vorming {number}"), starts_in_days=30 + number)
        make_request(subject=f"Vraag {number}", is_public=True)
    cache.clear()

    with CaptureQueriesContext(connection) as many:
        html = home(client)

    assert html.count('class="edition-card"') == 6
    assert html.count('class="request-card"') == 3
    assert len(many) <= len(few)
