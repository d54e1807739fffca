from datetime import date

import pytest

from courses.models import Edition, ProgrammeYear
from tests import factories
from tests.courses.test_catalogue import catalogue  # noqa: F401 - the catalogue's own test offer


@pytest.fixture(autouse=True)
def fresh_api_rate_limit(monkeypatch):
    """Start every test with no request counted, on a clock that stands still so no rate
    window rolls over during a slow test."""
    import time
    import types

    from api import delivery

    now = time.time()
    monkeypatch.setattr(delivery, "time", types.SimpleNamespace(time=lambda: now))
    delivery._unwritten.clear()


@pytest.fixture
def api_offer(catalogue):  # noqa: F811
    """The catalogue tests' offer (four public editions, one full; a draft, a past edition and
    one of an unpublished course), plus an edition in every other state that must never be
    listed, a published programme year and a venue with its accessibility."""
    public = catalogue["editions"]
    council = public["council_antwerp"].course
    social = public["volunteers_limburg"].course.get_parent()
    published_year = ProgrammeYear.objects.create(
        name="2026-2027", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31), is_published=True
    )
    hidden_year = ProgrammeYear.objects.create(
        name="2027-2028", starts_on=date(2027, 9, 1), ends_on=date(2028, 8, 31), is_published=False
    )
    Edition.objects.filter(pk=public["volunteers_limburg"].pk).update(programme_year=published_year)
    accessible = factories.make_venue(
        province="limburg", municipality="Hasselt", step_free=True, hearing_loop=True, accessibility_notes="Lift"
    )
    public["council_hasselt"] = factories.make_edition(
        council, province="limburg", scope="lokaal", starts_in_days=50, venue=accessible, sessions=2
    )
    retired_course = factories.make_course(social, title="Niet meer aangeboden", is_retired=True)
    hidden = {
        "draft": Edition.objects.get(status=Edition.Status.DRAFT),
        "past": Edition.objects.get(ends_at__lt=public["council_antwerp"].created_at),
        "unpublished_course": Edition.objects.get(course__title="Ingetrokken vorming"),
        "submitted": factories.make_edition(council, province="brussel", status=Edition.Status.SUBMITTED),
        "cancelled": factories.make_edition(council, province="brussel", status=Edition.Status.CANCELLED),
        "unpublished_year": factories.make_edition(council, province="brussel", programme_year=hidden_year),
        "retired_course": factories.make_edition(retired_course, province="brussel"),
    }
    return {
        **catalogue,
        "council": council,
        "retired_course": retired_course,
        "accessible": accessible,
        "published_year": published_year,
        "hidden_year": hidden_year,
        "public": public,
        "hidden": hidden,
    }
