"""Certificates' PDFs lie in the private storage, never under the public media root."""

from pathlib import Path

import pytest

from django.conf import settings

from certificates.models import Certificate


def files_under(root):
    return {path.relative_to(root).as_posix() for path in Path(root).rglob("*") if path.is_file()}


@pytest.fixture
def certificate(completed_enrolment):
    """Issued as attendance completes the edition: the normal path."""
    return Certificate.objects.get()


def test_issued_certificate_pdf_lies_under_the_private_root_only(certificate):
    name = certificate.pdf.name

    assert name == f"certificates/{certificate.code}.pdf"
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / name).is_file()
    assert not any(path.endswith(f"{certificate.code}.pdf") for path in files_under(settings.MEDIA_ROOT))
    assert not Path(settings.PRIVATE_MEDIA_ROOT).resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_certificate_pdf_has_no_public_url(client, certificate):
    assert client.get(f"/media/{certificate.pdf.name}").status_code == 404
    with pytest.raises(ValueError, match="no URL"):
        certificate.pdf.url  # noqa: B018


def test_holder_still_downloads_the_pdf_from_the_private_storage(client, certificate, participant):
    client.force_login(participant)

    response = client.get(f"/mijn/attesten/{certificate.code}.pdf")

    assert response.status_code == 200
    stored = Path(settings.PRIVATE_MEDIA_ROOT) / certificate.pdf.name
    assert b"".join(response.streaming_content) == stored.read_bytes()
    response.close()
