"""A certificate verifies with its code as printed: dashes, any case, spaces around it."""

import pytest

from certificates.models import Certificate


@pytest.fixture
def certificate(completed_enrolment):
    return Certificate.objects.get()


def printed_variants(certificate):
    readable = certificate.readable_code
    assert "-" in readable and readable.isupper()
    return [
        readable,
        readable.lower(),
        f"  {readable}  ",
        readable.replace("-", " "),
        readable.replace("-", "\u2013"),
        certificate.code.upper(),
    ]


def test_verification_page_accepts_the_code_as_printed(client, certificate):
    for variant in printed_variants(certificate):
        response = client.get(f"/attest/{variant}/")

        assert response.status_code == 200, variant
        assert "Dit attest is geldig." in response.content.decode()


def test_verification_form_takes_a_printed_code_to_its_page(client, certificate):
    response = client.get("/attest/", {"code": f" {certificate.readable_code.lower()} "})

    assert response.status_code == 302
    assert response.url == f"/attest/{certificate.code}/"


def test_verification_form_explains_what_a_code_holds(client, certificate):
    response = client.get("/attest/", {"code": "ABCD/0189"})

    assert response.status_code == 200
    assert "Een code bestaat alleen uit letters en de cijfers 2 tot 7." in response.content.decode()


def test_verification_form_without_a_code_shows_the_form(client, db):
    response = client.get("/attest/")

    assert response.status_code == 200
    assert "Typ de code over die onderaan op het attest staat" in response.content.decode()


def test_holder_downloads_with_the_printed_code_too(client, certificate, participant):
    client.force_login(participant)

    response = client.get(f"/mijn/attesten/{certificate.readable_code}.pdf")

    assert response.status_code == 200
    response.close()


def test_another_code_with_dashes_is_still_unknown(client, certificate):
    other = "-".join("aaaa" for _ in range(6)) + "-bb"

    assert client.get(f"/attest/{other}/").status_code == 404
