import time
import types

import django_ratelimit.core
import pytest

from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def still_ratelimit_clock(monkeypatch):
    """Hold django-ratelimit's clock still: its windows are fixed slices of wall time, and a
    test that makes N requests on a slow database must not see one roll over halfway."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture
def site(db):
    home, catalogue = factories.make_site()
    return {"home": home, "catalogue": catalogue}


@pytest.fixture
def offer(site):
    """A small offer: one track with a basic and an advanced package and a loose course."""
    catalogue = site["catalogue"]
    track = factories.make_track(catalogue)
    basic = factories.make_package(track, level="basis", electives_required=1)
    advanced = factories.make_package(track, level="verdieping", required_package=basic)
    course = factories.make_course(basic, title="Hoe werkt de gemeente?", is_required=True, format="avondreeks")
    edition = factories.make_edition(course, sessions=3, province="limburg")
    return {
        **site,
        "track": track,
        "basic": basic,
        "advanced": advanced,
        "course": course,
        "edition": edition,
    }
