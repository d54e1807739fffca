"""/api/v1/editions/ shows what /aanbod/ shows, filter by filter, and nothing that is not public."""

from datetime import timedelta

import pytest

from django.http import QueryDict
from django.utils import timezone

from courses.filters import CatalogueFilterSet
from courses.models import BookingState
from courses.selectors import get_catalogue
from tests import factories


def _in_days(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


# Every filter of CatalogueFilterSet, with values that select something in the test offer.
FILTER_QUERIES = [
    "q=begroting",
    "q=gemeenteraad",
    "traject=politieke-vorming",
    "traject=sociale-vorming",
    "niveau=basis",
    "niveau=verdieping",
    "vorm=studiedag",
    "vorm=avondreeks",
    "reikwijdte=nationaal",
    "reikwijdte=lokaal",
    "provincie=limburg",
    "provincie=oost-vlaanderen",
    "doelgroep=kandidaat-mandataris",
    "doelgroep=mandataris",
    "partner=acv",
    "partner=okra",
    "thema=klimaat",
    "thema=armoede",
    f"van={_in_days(15)}",
    f"tot={_in_days(45)}",
    f"van={_in_days(15)}&tot={_in_days(45)}",
    "plaatsen=ja",
    "sorteer=titel",
    "sorteer=datum",
    "provincie=limburg&traject=politieke-vorming",
    "partner=acv&vorm=studiedag",
    "doelgroep=mandataris&plaatsen=ja",
    "q=gemeenteraad&provincie=antwerpen&reikwijdte=lokaal&niveau=basis",
    "thema=klimaat&provincie=antwerpen",
]


def test_every_catalogue_filter_is_tested():
    tested = {part.split("=")[0] for query in FILTER_QUERIES for part in query.split("&")}

    assert tested == set(CatalogueFilterSet.base_filters)


def api_ids(client, query=""):
    response = client.get(f"/api/v1/editions/?{query}&limit=100")
    assert response.status_code == 200, response.content
    return [edition["id"] for edition in response.json()["results"]]


def catalogue_ids(query=""):
    catalogue = get_catalogue(QueryDict(query))
    assert catalogue.count <= 20, "the comparison reads one catalogue page"
    return [edition.pk for edition in catalogue.page.object_list]


@pytest.mark.parametrize("query", FILTER_QUERIES)
def test_api_lists_the_same_editions_as_the_catalogue_in_the_same_order(client, api_offer, query):
    expected = catalogue_ids(query)

    assert api_ids(client, query) == expected
    assert client.get(f"/api/v1/editions/?{query}").json()["count"] == len(expected)


def test_api_lists_what_the_catalogue_page_shows(client, api_offer):
    html = client.get("/aanbod/?provincie=limburg").content.decode()
    editions = client.get("/api/v1/editions/?provincie=limburg").json()["results"]

    assert [edition["course"]["title"] for edition in editions] == ["Gemeenteraad", "Gemeenteraad", "Vrijwilligers"]
    assert "3 vormingen gevonden" in html


def test_unfiltered_list_is_the_public_upcoming_offer(client, api_offer):
    ids = api_ids(client)

    assert set(ids) == {edition.pk for edition in api_offer["public"].values()}
    assert not set(ids) & {edition.pk for edition in api_offer["hidden"].values()}


@pytest.mark.parametrize(
    "state", ["draft", "submitted", "cancelled", "unpublished_year", "unpublished_course", "retired_course", "past"]
)
def test_non_public_editions_never_appear(client, api_offer, state):
    edition = api_offer["hidden"][state]

    assert edition.pk not in api_ids(client)
    assert edition.pk not in api_ids(client, "provincie=brussel")
    assert f'#editie-{edition.pk}"' not in client.get("/feeds/aanbod.atom?provincie=brussel").content.decode()


@pytest.mark.parametrize("state", ["draft", "submitted", "unpublished_year", "unpublished_course", "retired_course"])
def test_detail_of_a_non_public_edition_is_not_found(client, api_offer, state):
    response = client.get(f"/api/v1/editions/{api_offer['hidden'][state].pk}/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden, of niet openbaar."}


def test_detail_of_a_cancelled_edition_says_so(client, api_offer):
    response = client.get(f"/api/v1/editions/{api_offer['hidden']['cancelled'].pk}/")

    assert response.status_code == 200
    assert response.json()["booking_state"] == BookingState.CANCELLED


def test_edition_shows_places_left_booking_state_sessions_and_venue_accessibility(client, api_offer):
    full = client.get(f"/api/v1/editions/{api_offer['public']['budget_ghent'].pk}/").json()
    hasselt = client.get(f"/api/v1/editions/{api_offer['public']['council_hasselt'].pk}/").json()

    assert (full["capacity"], full["places_left"], full["booking_state"]) == (2, 0, "open")
    assert hasselt["places_left"] == 20
    assert len(hasselt["sessions"]) == 2
    assert hasselt["sessions"][0]["venue"]["accessibility"] == {
        "step_free": True,
        "hearing_loop": True,
        "public_transport": False,
        "notes": "Lift",
    }
    assert hasselt["url"].endswith(f"{api_offer['council'].url}#editie-{api_offer['public']['council_hasselt'].pk}")


def test_waitlist_leaves_no_places_as_on_the_catalogue(client, api_offer):
    from enrolment.models import Enrolment

    edition = api_offer["public"]["council_antwerp"]
    Enrolment.objects.create(person=factories.make_person(), edition=edition, status=Enrolment.Status.WAITLISTED)

    assert client.get(f"/api/v1/editions/{edition.pk}/").json()["places_left"] == 0
    assert edition.pk not in api_ids(client, "plaatsen=ja")


def test_course_detail_lists_its_public_editions_only(client, api_offer):
    course = client.get(f"/api/v1/courses/{api_offer['council'].pk}/").json()

    ids = {edition["id"] for edition in course["editions"]}
    assert api_offer["public"]["council_hasselt"].pk in ids
    assert not ids & {api_offer["hidden"][state].pk for state in ("draft", "submitted", "unpublished_year")}


def test_unpublished_and_retired_courses_and_programme_years_are_not_found(client, api_offer):
    unpublished = api_offer["hidden"]["unpublished_course"].course

    assert client.get(f"/api/v1/courses/{unpublished.pk}/").status_code == 404
    assert client.get(f"/api/v1/courses/{api_offer['retired_course'].pk}/").status_code == 404
    assert client.get(f"/api/v1/programme-years/{api_offer['hidden_year'].pk}/").status_code == 404
    years = client.get("/api/v1/programme-years/").json()["results"]
    assert [year["name"] for year in years] == ["2026-2027"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("provincie=mars", "'mars' is geen geldige waarde voor 'provincie'."),
        ("traject=bestaat-niet", "'bestaat-niet' is geen geldige waarde voor 'traject'."),
        ("van=gisteren", "'gisteren' is geen geldige waarde voor 'van'."),
        ("plaatsen=misschien", "'misschien' is geen geldige waarde voor 'plaatsen'."),
        ("partner=%00%ff", None),
    ],
)
def test_bad_filter_values_answer_400_in_dutch(client, api_offer, query, message):
    response = client.get(f"/api/v1/editions/?{query}")

    assert response.status_code == 400
    if message:
        assert response.json() == {"detail": message}


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=101", "limit=veel", "offset=-1", "offset=99999999999999999999999", "limit=1.5"]
)
def test_bad_paging_answers_422_in_dutch(client, api_offer, query):
    response = client.get(f"/api/v1/editions/?{query}")

    assert response.status_code == 422
    assert response.json()["detail"].startswith("Deze parameters kloppen niet:")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/editions/abc/",
        "/api/v1/editions/0/",
        "/api/v1/editions/99999999999999999999999/",
        "/api/v1/bestaat-niet/",
        "/api/v2/editions/",
        "/api/v1/courses/-1/",
    ],
)
def test_unknown_urls_and_ids_answer_404_in_json(client, api_offer, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_pages_are_stable_and_bounded(client, api_offer):
    first = client.get("/api/v1/editions/?limit=2").json()
    second = client.get(first["next"]).json()

    assert first["count"] == second["count"] == 5
    assert len(first["results"]) == len(second["results"]) == 2
    assert not {e["id"] for e in first["results"]} & {e["id"] for e in second["results"]}
    assert second["previous"].endswith("limit=2&offset=0")
    assert [e["id"] for e in first["results"] + second["results"]] == api_ids(client)[:4]
