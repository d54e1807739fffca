"""/embed/aanbod/: the offer in an iframe on a partner's site, and the page to copy it from."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from partners import embedding


def links(html):
    return re.findall(r"<a [^>]*>", html)


def test_embed_lists_the_filtered_editions_compactly(client, partner_offer):
    response = client.get("/embed/aanbod/", {"partner": "acv", "provincie": "limburg"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 vorming gepland" in html
    assert "Samen actie voeren" in html
    assert "nog 12 plaatsen" in html
    assert "Hoe werkt de gemeente?" not in html
    assert 'class="site-header"' not in html  # a light page, not the site's layout


def test_every_embed_link_opens_the_academy_in_a_new_tab(client, partner_offer):
    html = client.get("/embed/aanbod/").content.decode()

    anchors = links(html)
    assert len(anchors) == 4  # three editions and the whole offer
    for anchor in anchors:
        assert 'target="_blank"' in anchor
        assert 'rel="noopener"' in anchor


def test_embed_links_go_through_the_partner_when_filtered_on_a_partner(client, partner_offer):
    html = client.get("/embed/aanbod/", {"partner": "acv"}).content.decode()

    hrefs = [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]
    edition = partner_offer["open_edition"]
    expected = f"{partner_offer['acv_course'].url}#editie-{edition.pk}"
    assert embedding.via_path("acv", expected) in hrefs
    assert all(href.startswith("/via/acv/?naar=") for href in hrefs)
    assert parse_qs(urlsplit(hrefs[-1]).query)["naar"] == ["/aanbod/?partner=acv"]


def test_embed_links_go_through_the_via_partner_without_a_partner_filter(client, partner_offer):
    html = client.get("/embed/aanbod/", {"via": "femma"}).content.decode()

    hrefs = re.findall(r'href="([^"]+)"', html)
    assert len(hrefs) == 4
    assert all(href.startswith("/via/femma/?naar=") for href in hrefs)


def test_embed_links_go_straight_to_the_course_without_a_partner(client, partner_offer):
    html = client.get("/embed/aanbod/", {"via": "bestaat-niet", "provincie": "limburg"}).content.decode()

    hrefs = re.findall(r'href="([^"]+)"', html)
    assert hrefs[0] == f"{partner_offer['course'].url}#editie-{partner_offer['edition'].pk}"
    assert not any("/via/" in href for href in hrefs)


def test_embed_ignores_filters_it_does_not_understand(client, partner_offer):
    response = client.get("/embed/aanbod/", {"provincie": "mars", "van": "gisteren", "partner": "<script>"})

    assert response.status_code == 200
    assert "3 vormingen gepland" in response.content.decode()


def test_only_the_embed_may_be_framed_by_other_sites(client, partner_offer):
    embed = client.get("/embed/aanbod/")
    assert "X-Frame-Options" not in embed
    assert embed["Content-Security-Policy"] == "frame-ancestors *"

    for url in ("/embed/", "/partners/acv/", "/aanbod/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors *" not in response.get("Content-Security-Policy", ""), url


def test_embed_is_cached_with_its_framing_headers(client, partner_offer):
    assert client.get("/embed/aanbod/?partner=acv")["X-Page-Cache"] == "miss"

    cached = client.get("/embed/aanbod/?partner=acv")

    assert cached["X-Page-Cache"] == "hit"
    assert "X-Frame-Options" not in cached
    assert cached["Content-Security-Policy"] == "frame-ancestors *"


@pytest.mark.parametrize("editions", [3, 15])
def test_embed_queries_do_not_grow_with_the_offer(client, partner_offer, editions, django_assert_max_num_queries):
    from tests import factories

    for number in range(editions):
        factories.make_edition(partner_offer["acv_course"], starts_in_days=5 + number)

    with django_assert_max_num_queries(15):
        response = client.get("/embed/aanbod/", {"partner": "acv"})

    assert response.content.decode().count('class="title"') == editions + 2


# The page to copy the embed from.


def test_share_page_gives_the_iframe_html_a_preview_and_a_link_for_the_filters(client, partner_offer):
    response = client.get("/embed/", {"partner": "acv", "provincie": "limburg"})

    assert response.status_code == 200
    html = response.content.decode()
    # The HTML to copy, escaped once more to show in the text box.
    src = "http://localhost/embed/aanbod/?provincie=limburg&amp;amp;partner=acv"
    assert f"&lt;iframe src=&quot;{src}&quot;" in html
    assert '<iframe class="share-preview" src="/embed/aanbod/?provincie=limburg&amp;partner=acv"' in html
    assert 'value="http://localhost/via/acv/?naar=%2Faanbod%2F%3Fprovincie%3Dlimburg%26partner%3Dacv"' in html
    # The catalogue's own filters, with the chosen ones selected.
    assert '<select name="provincie" id="id_provincie">' in html
    assert '<option value="limburg" selected>' in html


def test_share_page_with_an_organisation_attributes_the_whole_offer(client, partner_offer):
    html = client.get("/embed/", {"via": "femma"}).content.decode()

    assert "&lt;iframe src=&quot;http://localhost/embed/aanbod/?via=femma&quot;" in html
    assert '<option value="femma" selected>Femma</option>' in html
    assert 'value="http://localhost/via/femma/?naar=%2Faanbod%2F"' in html


def test_share_page_links_the_feeds_for_the_chosen_filters(client, partner_offer):
    html = client.get("/embed/", {"partner": "acv"}).content.decode()

    assert '<a href="http://localhost/feeds/aanbod.atom?partner=acv">Atom-feed voor deze keuze</a>' in html
    assert '<a href="http://localhost/feeds/aanbod.ics?partner=acv">iCal-feed voor deze keuze</a>' in html
    atom = client.get("/feeds/aanbod.atom", {"partner": "acv"})
    assert atom.status_code == 200
    assert partner_offer["acv_course"].title in atom.content.decode()
    assert client.get("/feeds/aanbod.ics", {"partner": "acv"}).status_code == 200
