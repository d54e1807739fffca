"""A session's own material on its page: the course's access rules, linked from the course
page and from Mijn academie."""

import pytest

from django.core.files.base import ContentFile

from courses.models import Edition
from materials.models import CourseMaterial
from tests.materials.test_access import ALLOWED, STATES, person_in_state


@pytest.fixture
def session_materials(offer):
    course = offer["course"]
    session = offer["edition"].sessions.order_by("starts_at").first()
    public = CourseMaterial.objects.create(
        course=course,
        session=session,
        title="Leeslijst sessie 1",
        kind="text",
        body="<p>Lees dit.</p>",
        visibility="openbaar",
    )
    secret = CourseMaterial.objects.create(
        course=course,
        session=session,
        title="Presentatie van sessie 1",
        kind="document",
        file=ContentFile(b"geheim", name="presentatie.txt"),
        visibility="deelnemers",
    )
    CourseMaterial.objects.create(
        course=course,
        title="Materiaal bij de hele vorming",
        kind="link",
        link_url="https://example.org",
        visibility="openbaar",
    )
    return {"session": session, "public": public, "secret": secret}


def url(session):
    return f"/materiaal/sessie/{session.pk}/"


@pytest.mark.parametrize("state", STATES)
def test_session_page_shows_restricted_material_only_to_who_may_read_the_course_material(
    client, offer, session_materials, state
):
    person = person_in_state(offer, state)
    if person:
        client.force_login(person)

    response = client.get(url(session_materials["session"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Leeslijst sessie 1" in html
    assert "Materiaal bij de hele vorming" not in html
    assert ("Presentatie van sessie 1" in html) == (state in ALLOWED)
    assert ("Er is ook materiaal voor de deelnemers" in html) == (state not in ALLOWED)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"


def test_restricted_document_of_a_session_goes_through_the_checked_url(client, offer, session_materials):
    client.force_login(person_in_state(offer, "confirmed"))
    secret = session_materials["secret"]

    html = client.get(url(session_materials["session"])).content.decode()

    assert f"/materiaal/{secret.pk}/{secret.filename}" in html


def test_course_page_links_only_the_sessions_with_material(client, offer, session_materials):
    sessions = list(offer["edition"].sessions.order_by("starts_at"))

    html = client.get(offer["course"].url).content.decode()

    assert url(sessions[0]) in html
    assert url(sessions[1]) not in html


def test_mijn_academie_links_the_material_of_upcoming_sessions(client, offer, session_materials):
    person = person_in_state(offer, "confirmed")
    client.force_login(person)

    html = client.get("/mijn/").content.decode()

    assert url(session_materials["session"]) in html
    assert html.count("/materiaal/sessie/") == 1


@pytest.mark.parametrize("status", [Edition.Status.DRAFT, Edition.Status.SUBMITTED])
def test_no_material_page_for_an_edition_not_yet_approved(client, offer, session_materials, status):
    Edition.objects.filter(pk=offer["edition"].pk).update(status=status)

    assert client.get(url(session_materials["session"])).status_code == 404


def test_no_material_page_for_an_unpublished_course_or_an_unknown_session(client, offer, session_materials):
    offer["course"].unpublish()

    assert client.get(url(session_materials["session"])).status_code == 404
    assert client.get("/materiaal/sessie/999999/").status_code == 404


def test_a_session_without_material_says_so(client, offer, session_materials):
    other = offer["edition"].sessions.order_by("starts_at").last()

    html = client.get(url(other)).content.decode()

    assert "Er is nog geen materiaal bij deze sessie." in html
