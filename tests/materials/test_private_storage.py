"""Participants-only material uploaded in the admin lies in the private storage only."""

import secrets
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents.models import Document

from enrolment import services
from materials.models import CourseMaterial
from tests.factories import make_course, make_edition, make_person


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(user)
    return client


def material_form(course, **fields):
    return {
        "course": course.pk,
        "session": "",
        "title": "Syllabus voor deelnemers",
        "kind": "document",
        "visibility": "deelnemers",
        "document": "",
        "link_url": "",
        "video_url": "",
        "sort_order": "0",
        **fields,
    }


def files_holding(root, content):
    return [path for path in Path(root).rglob("*") if path.is_file() and path.read_bytes() == content]


def test_material_uploaded_in_the_admin_lies_under_the_private_root_only(admin_client, client, offer):
    content = b"Alleen voor deelnemers " + secrets.token_hex(16).encode()
    upload = SimpleUploadedFile("syllabus.txt", content, content_type="text/plain")

    response = admin_client.post("/admin/course_materials/new/", material_form(offer["course"], file=upload))

    assert response.status_code == 302
    material = CourseMaterial.objects.get()
    assert files_holding(settings.MEDIA_ROOT, content) == []
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / material.file.name
    assert files_holding(settings.PRIVATE_MEDIA_ROOT, content) == [stored]
    assert client.get(f"/media/{material.file.name}").status_code == 404

    participant = make_person()
    services.enrol(offer["edition"], person=participant)
    client.force_login(participant)
    download = client.get(f"/materiaal/{material.pk}/{material.filename}")
    assert b"".join(download.streaming_content) == content
    download.close()


def test_admin_refuses_a_library_document_for_participants_only_material(admin_client, offer):
    document = Document.objects.create(title="Syllabus", file=ContentFile(b"openbaar", name="syllabus.txt"))

    response = admin_client.post("/admin/course_materials/new/", material_form(offer["course"], document=document.pk))

    assert response.status_code == 200
    assert "Documenten uit de bibliotheek zijn openbaar." in response.content.decode()
    assert not CourseMaterial.objects.exists()


def test_admin_asks_for_the_file_of_participants_only_material(admin_client, offer):
    response = admin_client.post("/admin/course_materials/new/", material_form(offer["course"]))

    assert response.status_code == 200
    assert "Laad het bestand op bij ‘Bestand voor deelnemers’." in response.content.decode()
    assert not CourseMaterial.objects.exists()


def test_admin_keeps_public_material_in_the_document_library(admin_client, offer):
    upload = SimpleUploadedFile("folder.txt", b"voor iedereen", content_type="text/plain")

    response = admin_client.post(
        "/admin/course_materials/new/", material_form(offer["course"], visibility="openbaar", file=upload)
    )

    assert response.status_code == 200
    assert "Openbaar materiaal kies je uit de documentenbibliotheek" in response.content.decode()
    assert not CourseMaterial.objects.exists()


def test_admin_refuses_material_for_a_session_of_another_course(admin_client, offer):
    other = make_course(offer["basic"], title="Wie beslist er in Europa?")
    session_of_other = make_edition(other).sessions.first()

    response = admin_client.post(
        "/admin/course_materials/new/",
        material_form(
            offer["course"],
            kind="link",
            visibility="openbaar",
            link_url="https://example.org/s",
            session=session_of_other.pk,
        ),
    )

    assert response.status_code == 200
    assert "Kies een sessie van deze editie." in response.content.decode()
    assert not CourseMaterial.objects.exists()
