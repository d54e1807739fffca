"""A certificate and its PDF agree after any failure to write: no row without its file, no
file without its row, and the old PDF stays until a new one is written."""

import io
import os
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from academy.private_storage import PrivateFileSystemStorage
from certificates import services
from certificates.exceptions import PdfNotWritten
from certificates.models import Certificate
from roles.groups import STAFF
from roles.services import ensure_role_permissions
from tests.certificates.conftest import confirm
from tests.certificates.test_admin import complete, messages_of
from tests.factories import make_person

REFUSED = "De pdf van het attest kon niet worden opgeslagen, dus er is niets gewijzigd."


class Storage:
    """Make the private storage refuse to write, at once or after some files."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.original = PrivateFileSystemStorage._save

    def refuse(self, *, after=0):
        original, written = self.original, []

        def save(storage, name, content):
            if len(written) >= after:
                raise PermissionError(13, "Permission denied", name)
            written.append(name)
            return original(storage, name, content)

        self.monkeypatch.setattr(PrivateFileSystemStorage, "_save", save)

    def repair(self):
        self.monkeypatch.setattr(PrivateFileSystemStorage, "_save", self.original)


@pytest.fixture
def storage(monkeypatch):
    return Storage(monkeypatch)


@pytest.fixture
def staff_client(client, offer):
    ensure_role_permissions()
    staff = get_user_model().objects.create_user("medewerker@example.org", "medewerker@example.org", "x", is_staff=True)
    staff.groups.add(Group.objects.get(name=STAFF))
    client.force_login(staff)
    return client


def certificate_files():
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "certificates"
    return {f"certificates/{path.name}" for path in folder.glob("*.pdf")} if folder.exists() else set()


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def issue_by_hand(client, edition, person):
    data = {"edition": edition.pk, "person": person.pk, "note": "Aanwezigheidslijst op papier"}
    return client.post("/admin/certificates/new/", data, follow=True)


def test_issuing_by_hand_on_unwritable_storage_says_so_and_issues_nothing(
    staff_client,
    completed_edition,
    participant,
    storage,
):
    confirm(completed_edition, participant)
    before = certificate_files()
    storage.refuse()

    response = issue_by_hand(staff_client, completed_edition, participant)

    assert response.status_code == 200
    assert any(message.startswith(REFUSED) for message in messages_of(response))
    assert not Certificate.objects.exists()
    assert certificate_files() == before


def test_issuing_by_hand_again_once_the_storage_is_back_issues_the_certificate(
    staff_client,
    completed_edition,
    participant,
    storage,
):
    confirm(completed_edition, participant)
    storage.refuse()
    issue_by_hand(staff_client, completed_edition, participant)
    storage.repair()

    response = issue_by_hand(staff_client, completed_edition, participant)

    certificate = Certificate.objects.get()
    assert "Het attest van An Peeters voor Lokale politiek voor beginners is uitgereikt." in messages_of(response)
    with certificate.pdf.open("rb") as file:
        assert "An Peeters" in pdf_text(file.read())


def test_a_failed_re_render_keeps_the_old_pdf_and_name_and_a_retry_fixes_both(
    client, staff_client, completed_enrolment, participant, storage, django_capture_on_commit_callbacks
):
    certificate = Certificate.objects.get()
    old_file = certificate.pdf.name
    get_user_model().objects.filter(pk=participant.pk).update(last_name="Peeters-Janssens")
    storage.refuse()

    refused = staff_client.post(f"/admin/certificates/rerender/{certificate.pk}/", follow=True)

    assert any(message.startswith(REFUSED) for message in messages_of(refused))
    certificate.refresh_from_db()
    assert (certificate.pdf.name, certificate.holder_name) == (old_file, "An Peeters")
    client.force_login(participant)
    download = client.get(f"/mijn/attesten/{certificate.code}.pdf")
    assert download.status_code == 200
    assert "An Peeters" in pdf_text(b"".join(download.streaming_content))
    storage.repair()

    # The name on the certificate is still the old one, so the task's next run finds it.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rerender_certificates_of_person(get_user_model().objects.get(pk=participant.pk)) == 1

    certificate.refresh_from_db()
    assert certificate.holder_name == "An Peeters-Janssens"
    assert certificate.pdf.name != old_file
    assert certificate.pdf.name.startswith(f"certificates/{certificate.code}")
    assert old_file not in certificate_files()
    download = client.get(f"/mijn/attesten/{certificate.code}.pdf")
    assert "An Peeters-Janssens" in pdf_text(b"".join(download.streaming_content))


def test_a_batch_stopped_midway_leaves_no_orphan_file_and_resumes(completed_edition, storage):
    enrolments = [confirm(completed_edition, make_person()) for _ in range(services.RENDER_CHUNK + 3)]
    for enrolment in enrolments:
        complete(completed_edition, enrolment)
    before = certificate_files()
    # The first chunk is written whole; the second stops after two of its files.
    storage.refuse(after=services.RENDER_CHUNK + 2)

    with pytest.raises(PdfNotWritten):
        services.issue_certificates_for_edition(completed_edition)

    named = set(Certificate.objects.values_list("pdf", flat=True))
    assert len(named) == services.RENDER_CHUNK
    assert certificate_files() - before == named
    storage.repair()

    assert services.issue_certificates_for_edition(completed_edition) == 3
    assert certificate_files() - before == set(Certificate.objects.values_list("pdf", flat=True))
    assert Certificate.objects.count() == len(enrolments)


def test_clean_orphan_files_deletes_old_files_no_certificate_names(completed_enrolment):
    certificate = Certificate.objects.get()
    storage = certificate.pdf.storage
    old_orphan = storage.save("certificates/verweesd-oud.pdf", io.BytesIO(b"%PDF-"))
    young_orphan = storage.save("certificates/verweesd-nieuw.pdf", io.BytesIO(b"%PDF-"))
    two_hours_ago = time.time() - 2 * 3600
    for name in (old_orphan, certificate.pdf.name):
        os.utime(storage.path(name), (two_hours_ago, two_hours_ago))
    out = io.StringIO()

    call_command("clean_orphan_files", stdout=out)

    assert not storage.exists(old_orphan)
    assert storage.exists(young_orphan)
    assert storage.exists(certificate.pdf.name)
    assert f"Verwijderd: {old_orphan}" in out.getvalue()
    storage.delete(young_orphan)


def test_re_rendering_gives_a_certificate_an_older_version_left_without_its_pdf_one(
    client, staff_client, completed_enrolment, participant
):
    certificate = Certificate.objects.get()
    certificate.pdf.storage.delete(certificate.pdf.name)
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", rendered_at=None)

    staff_client.post(f"/admin/certificates/rerender/{certificate.pk}/")

    certificate.refresh_from_db()
    assert certificate.pdf and certificate.rendered_at
    client.force_login(participant)
    download = client.get(f"/mijn/attesten/{certificate.code}.pdf")
    assert "An Peeters" in pdf_text(b"".join(download.streaming_content))
