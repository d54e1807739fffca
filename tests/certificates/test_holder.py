"""A corrected name re-renders the holder's certificates; an erased account takes the name off them."""

import io

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model

from wagtail.models import ModelLogEntry

from certificates import services
from certificates.models import Certificate

PROFILE = {
    "first_name": "An",
    "last_name": "Peeters-Janssens",
    "phone": "",
    "municipality": "Genk",
    "accessibility_needs": "",
    "dietary_needs": "",
    "consent_given": "on",
}


@pytest.fixture
def certificate(completed_enrolment):
    return Certificate.objects.get()


def pdf_text(certificate):
    with certificate.pdf.open("rb") as file:
        return PdfReader(io.BytesIO(file.read())).pages[0].extract_text()


def test_a_name_corrected_in_the_profile_re_renders_the_certificate_under_the_same_code(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    code, file_name = certificate.code, certificate.pdf.name
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/profiel/", PROFILE)

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.code == code
    assert certificate.pdf.name.startswith(f"certificates/{code}")
    assert not certificate.pdf.storage.exists(file_name)
    assert certificate.holder_name == "An Peeters-Janssens"
    assert "An Peeters-Janssens" in pdf_text(certificate)
    assert "An Peeters-Janssens" in client.get(f"/attest/{code}/").content.decode()


def test_saving_the_profile_without_a_new_name_renders_nothing(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    rendered_at = certificate.rendered_at
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post("/account/profiel/", {**PROFILE, "last_name": "Peeters"})

    certificate.refresh_from_db()
    assert certificate.rendered_at == rendered_at
    assert not [callback for callback in callbacks if "rerender" in repr(callback)]


def test_a_revoked_certificate_keeps_its_name_and_pdf(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    services.revoke_certificate(certificate, by=None, reason="Fout")
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/profiel/", PROFILE)

    certificate.refresh_from_db()
    assert certificate.holder_name == "An Peeters"


def test_a_name_corrected_in_the_admin_user_editor_re_renders_too(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "x")
    client.force_login(admin)
    form = {
        "username": participant.username,
        "email": participant.email,
        "first_name": "Anna",
        "last_name": "Peeters",
        "is_active": "on",
        "password1": "",
        "password2": "",
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/users/edit/{participant.pk}/", form)

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.holder_name == "Anna Peeters"
    assert "Anna Peeters" in pdf_text(certificate)


def test_an_erased_account_takes_the_name_off_its_certificates_but_keeps_their_codes(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    storage, file_name = certificate.pdf.storage, certificate.pdf.name
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/verwijderen/", {"confirm": "on"})

    assert response.status_code == 302
    page = client.get(f"/attest/{certificate.code}/").content.decode()
    assert "Peeters" not in page
    assert "Verwijderde deelnemer" in page
    assert "Dit attest is geldig." in page
    certificate.refresh_from_db()
    assert not certificate.pdf and not storage.exists(file_name)
    assert not any("Peeters" in entry.label for entry in ModelLogEntry.objects.all())


def test_an_erased_account_keeps_a_revoked_certificate_revoked(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    services.revoke_certificate(certificate, by=None, reason="Fout")
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/verwijderen/", {"confirm": "on"})

    page = client.get(f"/attest/{certificate.code}/").content.decode()
    assert "Dit attest is ingetrokken op" in page and "Peeters" not in page


def test_staff_cannot_re_render_a_certificate_of_an_erased_account(
    client, certificate, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/verwijderen/", {"confirm": "on"})
    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "x")
    client.force_login(admin)

    response = client.post(f"/admin/certificates/rerender/{certificate.pk}/")

    assert "het attest wordt niet opnieuw gemaakt" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.pdf
