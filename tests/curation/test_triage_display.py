"""The steering group reads a course request in plain Dutch and answers it with public courses."""

import re

import pytest

from django.contrib.auth import get_user_model

from tests.curation.factories import make_request
from tests.factories import make_course, make_edition

INDEX = "/admin/course_requests/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(
        get_user_model().objects.create_superuser("stuurgroep@example.org", "stuurgroep@example.org", "wachtwoord-123")
    )
    return client


def visible_values(html):
    return re.findall(r">\s*(None|True|False)\s*<", html)


def test_inspect_view_says_dash_and_ja_nee_instead_of_none_and_true(admin_client):
    course_request = make_request(is_public=True)

    html = admin_client.get(f"{INDEX}inspect/{course_request.pk}/").content.decode()

    assert visible_values(html) == []
    assert re.search(r"<dt>Openbaar</dt>\s*<dd>\s*Ja\s*</dd>", html)
    assert re.search(r"<dt>Beantwoord met vorming</dt>\s*<dd>\s*—\s*</dd>", html)


def test_a_request_is_answered_only_with_public_courses_and_editions(admin_client, offer):
    course_request = make_request()
    draft = make_course(offer["basic"], title="Nog niet goedgekeurd")
    draft.live = False
    draft.save()
    draft_edition = make_edition(offer["course"], status="concept")
    public_edition = offer["edition"]

    form = admin_client.get(f"{INDEX}edit/{course_request.pk}/").context["form"]

    course_ids = {course.pk for course in form.fields["answered_by_course"].queryset}
    edition_ids = {edition.pk for edition in form.fields["answered_by_edition"].queryset}
    assert offer["course"].pk in course_ids and draft.pk not in course_ids
    assert public_edition.pk in edition_ids and draft_edition.pk not in edition_ids
