"""Fixtures for the end-to-end tests: a real Chromium against pytest-django's live server."""

import os
import threading

import pytest
from pytest_django.live_server_helper import LiveServer

from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from courses.models import Edition
from tests import factories

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# the ORM calls the fixtures and tests make while it runs.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium: Playwright cannot download its own browsers here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


class SharedConnectionWSGIServer(ThreadedWSGIServer):
    """Django's live server with one request per connection, and one request at a time while
    its threads share the test database's connection (in-memory SQLite): a page and its
    /admin/jsi18n/ at once would run their queries on that one connection together and
    break each other's."""

    def __init__(self, server_address, RequestHandlerClass, *args, **kwargs):
        class OneRequestPerConnection(RequestHandlerClass):
            # No kept-alive connections: a request thread ends with its answer, so none
            # outlives the server (its database connection would then be closed in the wrong
            # thread, or keep PostgreSQL from dropping the test database).
            protocol_version = "HTTP/1.0"

        super().__init__(server_address, OneRequestPerConnection, *args, **kwargs)

    def set_app(self, application):
        if not self.connections_override:
            return super().set_app(application)
        lock = threading.Lock()

        def one_at_a_time(environ, start_response):
            with lock:
                return application(environ, start_response)

        return super().set_app(one_at_a_time)


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, on SharedConnectionWSGIServer."""
    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.server_class = SharedConnectionWSGIServer
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server):
    """Relative URLs in page.goto() go to the live server.

    This also replaces pytest-playwright's fallback fixture, an instance method on a plugin
    class that pytest 9 deprecates (and the suite turns warnings into errors).
    """
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "timezone_id": "Europe/Brussels"}


@pytest.fixture(autouse=True)
def close_contexts_left_open(request):
    """Close the browser contexts a test opened and left open (it failed halfway): their
    kept-alive connections would hold live-server threads past the server's shutdown."""
    yield
    if "browser" in request.fixturenames:
        for context in list(request.getfixturevalue("browser").contexts):
            context.close()


@pytest.fixture(autouse=True)
def wagtail_tree(transactional_db):
    """Give every test the default locale and the root page that Wagtail's migrations create.

    A transactional test ends with a flush, which removes them. Django's serialized
    rollback cannot bring them back here: once Playwright's sync API runs its event loop in
    this thread, Django's connection handler keeps per-context connections, and the one a
    test gets is not the one that holds the serialized data, so the restore is silently
    skipped. Recreating the two rows explicitly works whatever the connection.
    """
    try:
        locale = Locale.get_default()
    except Locale.DoesNotExist:
        locale = Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def catalogue_offer(offer):
    """The `offer` fixture plus enough editions in other places for the filters to narrow.

    Upcoming editions: one in Limburg (the offer's course), two in Antwerpen and one in
    Oost-Vlaanderen, four in all; a full edition and a draft edition check the counts.
    """
    elective = factories.make_course(
        offer["basic"],
        title="Samen actie voeren",
        summary="Hoe je met je vereniging een actie opzet.",
        format="studiedag",
        audiences=("vrijwilliger",),
        themes=(factories.make_theme("Participatie"),),
        partners=(factories.make_partner("ACV"),),
    )
    antwerp = factories.make_edition(elective, starts_in_days=20, province="antwerpen", scope="regionaal")
    factories.fill_edition(antwerp)
    factories.make_edition(elective, starts_in_days=60, province="antwerpen")
    advanced_course = factories.make_course(offer["advanced"], title="Onderhandelen met het bestuur", is_required=True)
    factories.make_edition(advanced_course, starts_in_days=45, province="oost-vlaanderen", scope="provinciaal")
    loose = factories.make_course(offer["track"], title="Studiedag lokale democratie")
    factories.make_edition(loose, starts_in_days=50, province="limburg", status=Edition.Status.DRAFT)
    return {**offer, "elective": elective, "advanced_course": advanced_course, "loose": loose}
