"""The public catalogue at /aanbod/: filters, facet counts, tampered links, query count."""

import re

import pytest

from courses.models import Edition, Theme
from tests import factories


def result_titles(response):
    html = response.content.decode()
    return re.findall(r'<article class="edition-card"[^>]*>\s*<h3><a href="[^"]+">([^<]+)</a>', html)


def result_count(response):
    match = re.search(r"(\d+) vorming(?:en)? gevonden", response.content.decode())
    return int(match.group(1))


def facet_options(response, param):
    html = response.content.decode()
    select = re.search(rf'<select name="{param}" id="id_{param}">(.*?)</select>', html, re.S).group(1)
    return {
        value: int(count)
        for value, count in re.findall(r'<option value="([^"]+)"[^>]*>[^<]*\((\d+)\)</option>', select)
    }


@pytest.fixture
def catalogue(site):
    catalogue = site["catalogue"]
    politics = factories.make_track(catalogue, "politieke-vorming", "Politieke vorming")
    social = factories.make_track(catalogue, "sociale-vorming", "Sociale vorming")
    basic = factories.make_package(politics, level="basis")
    advanced = factories.make_package(politics, level="verdieping")
    acv = factories.make_partner("ACV")
    okra = factories.make_partner("OKRA")
    climate = factories.make_theme("Klimaat")
    poverty = factories.make_theme("Armoede")

    council = factories.make_course(
        basic, title="Gemeenteraad", format="avondreeks", audiences=["mandataris"], partners=[acv], themes=[poverty]
    )
    budget = factories.make_course(
        advanced,
        title="Begroting",
        format="studiedag",
        audiences=["mandataris", "kandidaat-mandataris"],
        partners=[okra],
    )
    volunteers = factories.make_course(
        social,
        title="Vrijwilligers",
        format="studiedag",
        audiences=["vrijwilliger"],
        partners=[acv, okra],
        themes=[climate],
    )
    hidden = factories.make_course(social, title="Ingetrokken vorming", format="studiedag")
    hidden.unpublish()

    editions = {
        "council_antwerp": factories.make_edition(council, province="antwerpen", scope="lokaal", starts_in_days=10),
        "council_limburg": factories.make_edition(council, province="limburg", scope="provinciaal", starts_in_days=40),
        "budget_ghent": factories.make_edition(
            budget, province="oost-vlaanderen", scope="regionaal", starts_in_days=20, capacity=2
        ),
        "volunteers_limburg": factories.make_edition(
            volunteers, province="limburg", scope="nationaal", starts_in_days=60
        ),
    }
    factories.fill_edition(editions["budget_ghent"])
    factories.make_edition(council, province="brussel", status=Edition.Status.DRAFT)
    factories.make_edition(hidden, province="brussel")
    past = factories.make_edition(budget, province="brussel", starts_in_days=-20)
    assert past.ends_at < past.created_at
    return {"url": catalogue.url, "editions": editions, "acv": acv, "climate": climate}


def test_catalogue_lists_upcoming_approved_editions_of_live_courses(client, catalogue):
    response = client.get("/aanbod/")

    assert response.status_code == 200
    assert result_count(response) == 4
    assert result_titles(response) == ["Gemeenteraad", "Begroting", "Gemeenteraad", "Vrijwilligers"]
    assert "Ingetrokken vorming" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("traject=politieke-vorming", ["Gemeenteraad", "Begroting", "Gemeenteraad"]),
        ("traject=sociale-vorming", ["Vrijwilligers"]),
        ("niveau=basis", ["Gemeenteraad", "Gemeenteraad"]),
        ("niveau=verdieping", ["Begroting"]),
        ("vorm=studiedag", ["Begroting", "Vrijwilligers"]),
        ("reikwijdte=nationaal", ["Vrijwilligers"]),
        ("provincie=limburg", ["Gemeenteraad", "Vrijwilligers"]),
        ("doelgroep=kandidaat-mandataris", ["Begroting"]),
        ("partner=acv", ["Gemeenteraad", "Gemeenteraad", "Vrijwilligers"]),
        ("thema=klimaat", ["Vrijwilligers"]),
        ("plaatsen=ja", ["Gemeenteraad", "Gemeenteraad", "Vrijwilligers"]),
        ("q=begroting", ["Begroting"]),
        ("sorteer=titel", ["Begroting", "Gemeenteraad", "Gemeenteraad", "Vrijwilligers"]),
    ],
)
def test_each_filter_alone(client, catalogue, query, expected):
    response = client.get(f"/aanbod/?{query}")

    assert response.status_code == 200
    assert result_titles(response) == expected
    assert result_count(response) == len(expected)


def test_date_range_filter(client, catalogue):
    from datetime import timedelta

    from django.utils import timezone

    start = (timezone.localdate() + timedelta(days=15)).isoformat()
    end = (timezone.localdate() + timedelta(days=45)).isoformat()

    response = client.get(f"/aanbod/?van={start}&tot={end}")

    assert result_titles(response) == ["Begroting", "Gemeenteraad"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("provincie=limburg&traject=politieke-vorming", ["Gemeenteraad"]),
        ("partner=acv&vorm=studiedag", ["Vrijwilligers"]),
        ("doelgroep=mandataris&plaatsen=ja", ["Gemeenteraad", "Gemeenteraad"]),
        ("q=gemeenteraad&provincie=antwerpen&reikwijdte=lokaal&niveau=basis", ["Gemeenteraad"]),
        ("thema=klimaat&provincie=antwerpen", []),
    ],
)
def test_filters_combined(client, catalogue, query, expected):
    response = client.get(f"/aanbod/?{query}")

    assert result_titles(response) == expected


def test_facet_counts_exclude_their_own_filter(client, catalogue):
    response = client.get("/aanbod/?provincie=limburg")

    # Other provinces keep their counts so a visitor can switch; other facets narrow.
    assert facet_options(response, "provincie") == {"antwerpen": 1, "limburg": 2, "oost-vlaanderen": 1}
    assert facet_options(response, "traject") == {"politieke-vorming": 1, "sociale-vorming": 1}
    assert facet_options(response, "partner") == {"acv": 2, "okra": 1}
    assert facet_options(response, "doelgroep") == {"vrijwilliger": 1, "mandataris": 1}
    assert facet_options(response, "plaatsen") == {"ja": 2}


def test_selected_filters_are_shown_with_a_link_to_remove_them(client, catalogue):
    response = client.get("/aanbod/?provincie=limburg&vorm=studiedag")
    html = response.content.decode()

    assert "Provincie: Limburg" in html
    # Each link lands on the results, not on the folded filters above them.
    assert 'href="?vorm=studiedag#resultaten"' in html
    assert 'href="/aanbod/#resultaten">Alle filters wissen' in html


def test_filters_are_folded_and_submit_to_the_results(client, catalogue):
    html = client.get("/aanbod/?provincie=limburg").content.decode()

    assert '<details class="filter-panel" id="filters">' in html
    assert '<form class="filters" method="get" action="#resultaten"' in html
    assert '<section class="results" id="resultaten"' in html
    # The number of results and the active filters come before the first result.
    assert html.index("gevonden") < html.index('class="active-filters"') < html.index('class="edition-card"')


@pytest.mark.parametrize(
    "query",
    [
        "provincie=mars",
        "van=gisteren",
        "tot=2026-13-45",
        "traject=bestaat-niet",
        "partner=%3Cscript%3E",
        "sorteer=prijs",
        "plaatsen=misschien",
        "pagina=999",
        "pagina=-1",
        "pagina=abc",
        "q=" + "a" * 500,
        "provincie=limburg&provincie=antwerpen",
        "onbekend=1",
        "q=%00",
    ],
)
def test_tampered_query_strings_give_the_page_with_a_message(client, catalogue, query):
    response = client.get(f"/aanbod/?{query}")

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("provincie=mars", "&#x27;mars&#x27; begrijpen we niet voor &#x27;Provincie&#x27;"),
        ("van=gisteren", "&#x27;gisteren&#x27; begrijpen we niet voor &#x27;Vanaf&#x27;"),
        ("traject=bestaat-niet", "&#x27;bestaat-niet&#x27; bestaat niet als &#x27;Traject&#x27;"),
    ],
)
def test_an_invalid_filter_is_ignored_and_explained(client, catalogue, query, message):
    response = client.get(f"/aanbod/?{query}")

    assert message in response.content.decode()
    assert result_count(response) == 4


def test_pagination_keeps_the_filters(client, site):
    track = factories.make_track(site["catalogue"])
    venue = factories.make_venue(province="limburg")
    for number in range(25):
        course = factories.make_course(track, title=f"Vorming {number:02}")
        factories.make_edition(course, province="limburg", starts_in_days=10 + number, venue=venue)

    first = client.get("/aanbod/?provincie=limburg")
    second = client.get("/aanbod/?provincie=limburg&pagina=2")

    assert len(result_titles(first)) == 20
    assert 'href="?provincie=limburg&amp;pagina=2"' in first.content.decode()
    assert result_titles(second) == [f"Vorming {number:02}" for number in range(20, 25)]
    assert "Pagina 2 van 2" in second.content.decode()


def build_offer(site, courses):
    catalogue = site["catalogue"]
    tracks = [factories.make_track(catalogue, f"traject-{n}", f"Traject {n}") for n in range(3)]
    packages = [factories.make_package(track, level=level) for track in tracks for level in ("basis", "verdieping")]
    partner = factories.make_partner("ACV")
    venue = factories.make_venue(province="antwerpen")
    for number in range(courses):
        parent = packages[number % len(packages)] if number % 5 else tracks[number % 3]
        course = factories.make_course(parent, audiences=["vrijwilliger"], partners=[partner])
        factories.make_edition(course, venue=venue, starts_in_days=5 + number % 200)


QUERY_COUNT_URLS = ["/aanbod/?", "/aanbod/?provincie=antwerpen&doelgroep=vrijwilliger&plaatsen=ja&q=vorming&"]


def count_queries(client, run):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for url in QUERY_COUNT_URLS:
        # The first request warms what any running server has warm (site root paths,
        # settings); each request carries a new dummy parameter so the page cache misses.
        client.get(f"{url}warm={run}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}meting={run}")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        counts.append(len(queries))
    return counts


def test_query_count_does_not_grow_with_the_offer(client, site, settings, django_capture_on_commit_callbacks):
    # The page cache keys only on the parameters pages read; these two must vary it here.
    settings.PAGE_CACHE_EXTRA_QUERY_PARAMETERS = ("warm", "meting")
    build_offer(site, 10)
    small = count_queries(client, 1)

    track = site["catalogue"].get_children().first()
    venue = factories.make_venue(province="antwerpen")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(490):
            course = factories.make_course(track, audiences=["vrijwilliger"])
            factories.make_edition(course, venue=venue)
    large = count_queries(client, 2)

    assert large == small
    assert max(large) <= 15
    assert len(result_titles(client.get("/aanbod/?meting=3"))) == 20


def test_facet_options_escape_the_names_of_themes(client, catalogue):
    # A theme's name is typed by staff: its markup is shown, never run.
    theme = Theme.objects.create(name="Armoede & <b>uitsluiting</b>", slug="armoede-uitsluiting")
    course = Edition.objects.get(pk=catalogue["editions"]["council_antwerp"].pk).course
    course.themes.add(theme)
    course.save()

    html = client.get(catalogue["url"]).content.decode()

    select = re.search(r'<select name="thema" id="id_thema">(.*?)</select>', html, re.S).group(1)
    assert '<option value="armoede-uitsluiting">Armoede &amp; &lt;b&gt;uitsluiting&lt;/b&gt; (2)</option>' in select
    assert "<b>uitsluiting" not in html
