"""Atom and iCalendar feeds of the catalogue, for any catalogue query string."""

import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from icalendar import Calendar

from django.urls import reverse

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(response):
    feed = ET.fromstring(response.content)
    return feed, feed.findall(f"{ATOM}entry")


def test_feed_urls_have_stable_names():
    assert reverse("catalogue_atom_feed") == "/feeds/aanbod.atom"
    assert reverse("catalogue_ical_feed") == "/feeds/aanbod.ics"


def test_atom_feed_lists_the_filtered_offer_with_links_to_the_course_pages(client, api_offer):
    response = client.get("/feeds/aanbod.atom?traject=politieke-vorming&provincie=limburg")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed, entries = atom_entries(response)
    assert feed.find(f"{ATOM}title").text.endswith("Traject: Politieke vorming, Provincie: Limburg")
    council = api_offer["council"]
    expected = [api_offer["public"]["council_limburg"], api_offer["public"]["council_hasselt"]]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [f"http://testserver{council.url}#editie-{edition.pk}" for edition in expected]
    alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert alternate == "http://testserver/aanbod/?traject=politieke-vorming&provincie=limburg"


def test_atom_feed_matches_the_api_for_every_filter_combination(client, api_offer):
    from tests.api.test_editions import FILTER_QUERIES

    for query in FILTER_QUERIES:
        _feed, entries = atom_entries(client.get(f"/feeds/aanbod.atom?{query}"))
        # A partner's feed links through its via link, with the course page in "naar".
        hrefs = [unquote(e.find(f"{ATOM}link").get("href")) for e in entries]
        feed_ids = [int(re.search(r"#editie-(\d+)$", href).group(1)) for href in hrefs]
        api_ids = [e["id"] for e in client.get(f"/api/v1/editions/?{query}&limit=100").json()["results"]]
        assert feed_ids == api_ids, query


def test_ical_feed_holds_the_sessions_of_the_filtered_offer(client, api_offer):
    response = client.get("/feeds/aanbod.ics?provincie=limburg&traject=politieke-vorming")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.events
    sessions = [
        session
        for key in ("council_limburg", "council_hasselt")
        for session in api_offer["public"][key].sessions.order_by("starts_at")
    ]
    assert sorted(str(event["uid"]) for event in events) == sorted(f"session-{s.pk}@academie" for s in sessions)
    assert all(str(event["url"]).endswith(api_offer["council"].url) for event in events)
    assert "Provincie: Limburg" in str(calendar["x-wr-calname"])


@pytest.mark.parametrize("path", ["/feeds/aanbod.atom", "/feeds/aanbod.ics"])
def test_feeds_refuse_bad_filters_in_dutch(client, api_offer, path):
    response = client.get(f"{path}?provincie=mars")

    assert response.status_code == 400
    assert response.content.decode() == "'mars' is geen geldige waarde voor 'provincie'."


@pytest.mark.parametrize("path", ["/feeds/aanbod.atom", "/feeds/aanbod.ics"])
def test_feeds_are_cached_and_revalidate(client, api_offer, path):
    first = client.get(path)
    second = client.get(path, headers={"If-None-Match": first["ETag"]})

    assert first["X-Page-Cache"] == "miss"
    assert second.status_code == 304
    assert first["Cache-Control"].startswith("public, max-age=")


def test_feeds_take_a_bounded_number_of_queries(client, api_offer, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        client.get("/feeds/aanbod.ics")
    with django_assert_max_num_queries(10):
        client.get("/feeds/aanbod.atom")


def test_catalogue_page_offers_the_feeds_with_the_current_filters(client, api_offer):
    html = client.get("/aanbod/?provincie=limburg&vorm=studiedag&pagina=1").content.decode()

    assert "Abonneren" in html
    assert 'href="/feeds/aanbod.atom?vorm=studiedag&amp;provincie=limburg"' in html
    assert 'href="/feeds/aanbod.ics?vorm=studiedag&amp;provincie=limburg"' in html
    assert '<link rel="alternate" type="application/atom+xml"' in html
