"""Each process remembers the site of each host for one offer generation."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from tests.factories import make_person


def test_a_page_request_reads_no_site_once_the_process_knows_it(client, offer):
    # Logged in: the page cache does not answer, Wagtail routes the request.
    client.force_login(make_person())
    client.get(offer["course"].url)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(offer["course"].url).status_code == 200

    assert not [query for query in captured.captured_queries if 'FROM "wagtailcore_site"' in query["sql"]]


def test_a_site_saved_is_read_again_at_once(client, offer, django_capture_on_commit_callbacks):
    assert client.get("/aanbod/politieke-vorming/").status_code == 200
    site = Site.objects.get(is_default_site=True)

    with django_capture_on_commit_callbacks(execute=True):
        site.root_page = offer["catalogue"]
        site.save()

    # The catalogue is the site's root now: its track sits one level up.
    assert client.get("/politieke-vorming/").status_code == 200
    assert client.get("/aanbod/politieke-vorming/").status_code == 404
