"""Every facet count of the catalogue equals the results once that facet value is chosen.

On the demo offer at scale 10 (seed_demo --scale 10), for every option of every facet: the
count the option shows, the count the filtered page announces, the cards on all its pages,
and the editions the FilterSet selects in the database are one and the same number.
"""

import re
from io import StringIO

import pytest

from django.core.management import call_command

from courses.filters import CatalogueFilterSet
from courses.selectors import FACET_PARAMS, list_catalogue_editions
from tests.courses.test_catalogue import facet_options, result_count

CARD = '<article class="edition-card"'


def cards_on_every_page(client, query):
    cards, url = 0, f"/aanbod/?{query}"
    while url:
        html = client.get(url).content.decode()
        cards += html.count(CARD)
        next_link = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = "/aanbod/" + next_link.group(1).replace("&amp;", "&") if next_link else None
    return cards


@pytest.fixture
def demo_offer(db):
    call_command("seed_demo", "--scale", "10", stdout=StringIO())


def test_every_facet_count_equals_the_results_after_choosing_it(client, demo_offer):
    unfiltered = client.get("/aanbod/")
    total = result_count(unfiltered)
    assert total == list_catalogue_editions().count() > 100

    checked = 0
    for param in FACET_PARAMS:
        options = facet_options(unfiltered, param)
        assert options, f"the facet {param} offers no option"
        for value, shown in options.items():
            query = f"{param}={value}"
            filtered = client.get(f"/aanbod/?{query}")
            in_database = CatalogueFilterSet({param: value}, queryset=list_catalogue_editions()).qs.distinct()

            assert result_count(filtered) == shown, query
            assert cards_on_every_page(client, query) == shown, query
            assert in_database.count() == shown, query
            # Choosing a value keeps its own facet's counts: they ignore its selection.
            assert facet_options(filtered, param) == options, query
            checked += 1
    assert checked > 40
