"""Participants-only material: who reads it, through the page and through its file URL."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents.models import Document

from courses.models import Trainer
from enrolment import services
from enrolment.models import Enrolment
from materials.models import CourseMaterial
from tests.factories import fill_edition, make_course, make_person


@pytest.fixture
def materials(offer):
    course = offer["course"]
    public_doc = Document.objects.create(title="Folder", file=ContentFile(b"open", name="folder.txt"))
    public = CourseMaterial.objects.create(
        course=course, title="Openbare folder", kind="document", document=public_doc, visibility="openbaar"
    )
    secret = CourseMaterial.objects.create(
        course=course,
        title="Syllabus voor deelnemers",
        kind="document",
        file=ContentFile(b"geheim", name="syllabus.txt"),
        visibility="deelnemers",
    )
    return {"public": public, "secret": secret, "course": course}


def person_in_state(offer, state):
    User = get_user_model()
    if state == "anonymous":
        return None
    if state == "admin without rights":
        return User.objects.create_user("admin@example.org", "admin@example.org", "x", is_staff=True)
    if state == "steering group":
        user = make_person()
        user.groups.add(Group.objects.get_or_create(name="Stuurgroep")[0])
        return user
    if state == "staff":
        user = make_person()
        user.groups.add(Group.objects.get_or_create(name="Academiemedewerkers")[0])
        return user
    if state == "trainer of this course":
        user = make_person()
        offer["course"].trainers.add(Trainer.objects.create(name="Luc", user=user))
        offer["course"].save()
        return user
    if state == "another trainer":
        user = make_person()
        other = make_course(offer["track"], title="Andere vorming")
        other.trainers.add(Trainer.objects.create(name="Els", user=user))
        other.save()
        return user
    person = make_person()
    if state == "confirmed":
        services.enrol(offer["edition"], person=person)
    elif state == "waitlisted":
        fill_edition(offer["edition"])
        assert services.enrol(offer["edition"], person=person).is_waitlisted
    elif state == "cancelled":
        enrolment = services.enrol(offer["edition"], person=person).enrolment
        services.cancel_enrolment(enrolment, by=person)
        assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED
    return person


ALLOWED = {"confirmed", "trainer of this course", "steering group", "staff"}
STATES = [
    "anonymous",
    "not enrolled",
    "waitlisted",
    "cancelled",
    "confirmed",
    "another trainer",
    "trainer of this course",
    "admin without rights",
    "steering group",
    "staff",
]


@pytest.mark.parametrize("state", STATES)
def test_restricted_material_on_the_course_page(client, offer, materials, state):
    person = person_in_state(offer, state)
    if person:
        client.force_login(person)

    html = client.get(offer["course"].url).content.decode()

    assert "Openbare folder" in html
    assert ("Syllabus voor deelnemers" in html) == (state in ALLOWED)
    assert ("Er is ook materiaal voor de deelnemers" in html) == (state not in ALLOWED)


@pytest.mark.parametrize("state", STATES)
def test_restricted_document_through_its_checked_url(client, offer, materials, state):
    person = person_in_state(offer, state)
    if person:
        client.force_login(person)
    secret = materials["secret"]

    response = client.get(f"/materiaal/{secret.pk}/{secret.filename}")

    if state in ALLOWED:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"geheim"
        assert response["Cache-Control"] == "private, no-store"
        response.close()
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("state", ["anonymous", "confirmed", "staff"])
def test_restricted_file_has_no_public_url_while_public_documents_keep_theirs(client, offer, materials, state):
    person = person_in_state(offer, state)
    if person:
        client.force_login(person)

    assert client.get(f"/media/{materials['secret'].file.name}").status_code == 404
    public = materials["public"].document
    response = client.get(f"/documenten/{public.pk}/{public.filename}")
    assert response.status_code == 200
    response.close()


def test_anonymous_cached_course_page_never_contains_restricted_material(client, offer, materials):
    client.get(offer["course"].url)
    cached = client.get(offer["course"].url)

    assert cached["X-Page-Cache"] == "hit"
    assert "Syllabus voor deelnemers" not in cached.content.decode()


def test_a_wrong_filename_or_public_material_gives_404(client, offer, materials):
    person = person_in_state(offer, "confirmed")
    client.force_login(person)
    secret, public = materials["secret"], materials["public"]

    assert client.get(f"/materiaal/{secret.pk}/ander-bestand.txt").status_code == 404
    assert client.get(f"/materiaal/{public.pk}/{public.document.filename}").status_code == 404
