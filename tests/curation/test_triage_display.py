"""The steering group reads a course request in plain Dutch and answers it with public courses."""

import re

import pytest

from django.contrib.auth import get_user_model

from tests.curation.factories import make_request

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

    print(html)
    assert visible_values(html) == []
    print(html)
