"""Material from the trainer's own page: per edition and session, sessions named by date,
only their own."""

import pytest

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from materials.models import CourseMaterial
from roles.groups import TRAINERS
from roles.services import ensure_role_permissions
from tests.factories import make_course, make_edition, make_person


@pytest.fixture
def trainer(trainer_user, edition):
    ensure_role_permissions()
    trainer_user.groups.add(Group.objects.get(name=TRAINERS))
    return trainer_user


def material_url(edition):
    return f"/lesgever/edities/{edition.pk}/materiaal/"


def test_the_session_list_holds_only_this_editions_sessions_named_by_date(client, offer, trainer, edition):
    elsewhere = make_edition(make_course(offer["basic"], title="Andere vorming"), sessions=3)
    client.force_login(trainer)

    html = client.get(material_url(edition)).content.decode()

    session = edition.sessions.order_by("starts_at").first()
    assert f'<option value="{session.pk}">{date_format(timezone.localtime(session.starts_at), "l j F Y, H:i")}' in html
    for other in elsewhere.sessions.all():
        assert f'value="{other.pk}"' not in html
    assert f'href="{material_url(edition)}"' in client.get("/lesgever/").content.decode()


def test_trainer_adds_a_participants_only_file_to_a_session(client, trainer, edition):
    session = edition.sessions.order_by("starts_at").first()
    client.force_login(trainer)

    response = client.post(
        material_url(edition),
        {
            "session": session.pk,
            "title": "Slides deel 1",
            "kind": "document",
            "visibility": "deelnemers",
            "upload": SimpleUploadedFile("slides.pdf", b"%PDF-1.4 slides", content_type="application/pdf"),
        },
    )

    assert response.status_code == 302 and response["Location"] == material_url(edition)
    material = CourseMaterial.objects.get()
    assert (material.course_id, material.session, material.visibility) == (edition.course.pk, session, "deelnemers")
    with material.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 slides" and material.document is None
    assert "Slides deel 1" in client.get(material_url(edition)).content.decode()


def test_public_file_goes_to_the_document_library_and_text_is_escaped(client, trainer, edition):
    client.force_login(trainer)

    client.post(
        material_url(edition),
        {
            "title": "Folder",
            "kind": "document",
            "visibility": "openbaar",
            "upload": SimpleUploadedFile("folder.pdf", b"%PDF-1.4 folder"),
        },
    )
    client.post(
        material_url(edition),
        {"title": "Lees dit", "kind": "tekst", "visibility": "deelnemers", "text": "<b>Hallo</b>"},
    )

    folder, text = CourseMaterial.objects.order_by("pk")
    assert folder.session is None and folder.document.title == "Folder" and not folder.file
    assert text.body == "<p>&lt;b&gt;Hallo&lt;/b&gt;</p>"


def test_incomplete_material_gets_a_dutch_message_and_nothing_is_saved(client, offer, trainer, edition):
    foreign = make_edition(make_course(offer["basic"], title="Andere vorming")).sessions.get()
    client.force_login(trainer)

    no_link = client.post(material_url(edition), {"title": "Site", "kind": "link", "visibility": "openbaar"})
    wrong_session = client.post(
        material_url(edition),
        {"title": "Site", "kind": "link", "visibility": "openbaar", "link_url": "https://x.be", "session": foreign.pk},
    )

    assert no_link.status_code == 200 and "Geef een link op." in no_link.content.decode()
    assert "Kies een sessie van deze editie." in wrong_session.content.decode()
    assert not CourseMaterial.objects.exists()


def test_another_trainer_and_a_participant_get_404(client, offer, trainer, edition, other_trainer):
    other_trainer.groups.add(Group.objects.get(name=TRAINERS))
    for person in (other_trainer, make_person("deelnemer@example.org")):
        client.force_login(person)
        assert client.get(material_url(edition)).status_code == 404
        response = client.post(
            material_url(edition), {"title": "X", "kind": "link", "visibility": "openbaar", "link_url": "https://x.be"}
        )
        assert response.status_code == 404
    assert not CourseMaterial.objects.exists()


def test_the_admin_material_form_offers_a_trainer_only_their_sessions_by_course_and_date(
    client, offer, trainer, edition
):
    elsewhere = make_edition(make_course(offer["basic"], title="Andere vorming"), sessions=2)
    client.force_login(trainer)

    html = client.get("/admin/course_materials/new/").content.decode()

    session = edition.sessions.order_by("starts_at").first()
    assert f'<option value="{session.pk}">{edition.course.title}' in html
    for other in elsewhere.sessions.all():
        assert f'value="{other.pk}"' not in html
