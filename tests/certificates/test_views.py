"""Verification for anyone, downloads for the holder only, the learning record."""

import io

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model

from certificates import services
from certificates.models import Certificate
from tests.factories import make_person


@pytest.fixture
def certificate(completed_enrolment):
    return Certificate.objects.get()


def test_verification_page_shows_a_valid_certificate_to_anyone(client, certificate):
    response = client.get(f"/attest/{certificate.code}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit attest is geldig." in html
    assert "An Peeters" in html and "Lokale politiek voor beginners" in html
    assert "Sociale en Politieke Academie" in html
    assert 'name="robots" content="noindex"' in html


def test_verification_page_says_when_and_why_a_certificate_was_revoked(client, certificate):
    staff = get_user_model().objects.create_user("staff@example.org", "staff@example.org", "x", is_staff=True)
    services.revoke_certificate(certificate, by=staff, reason="Niet aanwezig geweest")

    html = client.get(f"/attest/{certificate.code}/").content.decode()

    assert "Dit attest is ingetrokken op" in html
    assert "Niet aanwezig geweest" in html
    assert "Dit attest is geldig." not in html


def test_verification_page_for_an_unknown_code_is_a_404_with_a_message(client, certificate):
    response = client.get("/attest/aaaabbbbccccddddeeeeffffgg/")

    assert response.status_code == 404
    assert "Met deze code vinden we geen attest" in response.content.decode()


def test_verification_page_is_rate_limited(client, certificate):
    statuses = [client.get(f"/attest/{certificate.code}/").status_code for _ in range(31)]

    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_holder_downloads_the_pdf(client, certificate, participant):
    client.force_login(participant)

    response = client.get(f"/mijn/attesten/{certificate.code}.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "An Peeters" in text


def test_someone_elses_certificate_is_a_404(client, certificate):
    client.force_login(make_person())

    assert client.get(f"/mijn/attesten/{certificate.code}.pdf").status_code == 404


def test_download_needs_login(client, certificate):
    response = client.get(f"/mijn/attesten/{certificate.code}.pdf")

    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_revoked_certificate_is_not_downloadable(client, certificate, participant):
    services.revoke_certificate(certificate, by=None, reason="Fout")
    client.force_login(participant)

    assert client.get(f"/mijn/attesten/{certificate.code}.pdf").status_code == 404


def test_dashboard_lists_certificates_and_attendance(client, certificate, participant):
    client.force_login(participant)

    html = client.get("/mijn/").content.decode()

    assert f"/mijn/attesten/{certificate.code}.pdf" in html
    assert f"/attest/{certificate.code}/" in html
    assert "Aanwezig: 2 van 2 sessies (vereist: 100 %)" in html
    assert "/mijn/attesten/leerbewijs.pdf" in html


def test_learning_record_holds_every_valid_certificate_after_an_overview(client, certificate, participant):
    client.force_login(participant)

    response = client.get("/mijn/attesten/leerbewijs.pdf")

    reader = PdfReader(io.BytesIO(response.content))
    assert response.status_code == 200
    assert len(reader.pages) == 2
    assert "Leerbewijs" in reader.pages[0].extract_text()
    assert "Lokale politiek voor beginners" in reader.pages[1].extract_text()


def test_learning_record_without_certificates_is_a_404(client, db):
    client.force_login(make_person())

    assert client.get("/mijn/attesten/leerbewijs.pdf").status_code == 404


def test_dashboard_queries_do_not_grow_with_certificates(client, completed_edition, participant, trainer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.certificates.conftest import attend, confirm
    from tests.factories import make_course, make_edition

    client.force_login(participant)
    attend(completed_edition, confirm(completed_edition, participant), by=trainer)
    client.get("/mijn/")  # the first request of a session saves it
    with CaptureQueriesContext(connection) as one:
        client.get("/mijn/")
    for number in range(5):
        edition = make_edition(
            make_course(completed_edition.course.get_parent(), title=f"Extra {number}"), sessions=2, starts_in_days=-20
        )
        attend(edition, confirm(edition, participant), by=trainer)
    client.get("/mijn/")  # new offer: the site's settings are read again once
    with CaptureQueriesContext(connection) as six:
        response = client.get("/mijn/")

    assert response.content.decode().count("/mijn/attesten/") >= 6
    assert len(six) == len(one)
