import json

import pytest

from django.contrib.auth import get_user_model

from enrolment import services
from enrolment.models import Enrolment
from tests.factories import make_person


@pytest.fixture
def person(db):
    person = make_person("dina@example.org")
    person.first_name = "Dina"
    person.save()
    return person


def test_download_all_my_data_as_json(client, offer, person):
    services.enrol(offer["edition"], person=person)
    client.force_login(person)

    response = client.get("/account/gegevens.json")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["account"]["e-mail"] == "dina@example.org"
    assert data["inschrijvingen"][0]["vorming"] == "Hoe werkt de gemeente?"
    assert data["inschrijvingen"][0]["geschiedenis"][0]["status"] == "Bevestigd"


def test_data_download_needs_login(client, db):
    response = client.get("/account/gegevens.json")

    assert response.status_code == 302


def test_delete_my_account_anonymises_in_place(client, offer, person):
    enrolment = services.enrol(offer["edition"], person=person).enrolment
    client.force_login(person)

    refused = client.post("/account/verwijderen/", {})
    assert "Vink aan dat je je account echt wil verwijderen." in refused.content.decode()
    assert get_user_model().objects.get(pk=person.pk).email == "dina@example.org"

    response = client.post("/account/verwijderen/", {"confirm": "on"})

    assert response.status_code == 302
    erased = get_user_model().objects.get(pk=person.pk)
    assert (erased.email, erased.first_name, erased.is_active) == ("", "", False)
    assert not erased.has_usable_password()
    kept = Enrolment.objects.get(pk=enrolment.pk)
    assert kept.person_id == person.pk
    assert kept.status == Enrolment.Status.CANCELLED
    assert client.get("/mijn/").status_code == 302
    assert not client.login(username="dina@example.org", password="wachtwoord-123")


def test_data_download_holds_attendance_and_certificates(client, offer, person):
    from attendance.models import Attendance
    from certificates.models import Certificate
    from tests.factories import make_edition

    edition = make_edition(offer["course"], sessions=1, starts_in_days=-5)
    enrolment = Enrolment.objects.create(person=person, edition=edition, status=Enrolment.Status.CONFIRMED)
    Attendance.objects.create(enrolment=enrolment, session=edition.sessions.get(), status=Attendance.Status.PRESENT)
    certificate = Certificate.objects.create(
        kind=Certificate.Kind.EDITION, person=person, edition=edition, holder_name="Dina", title="T", issuer_name="A"
    )
    client.force_login(person)

    data = json.loads(client.get("/account/gegevens.json").content)

    assert data["inschrijvingen"][0]["aanwezigheden"][0]["aanwezigheid"] == "Aanwezig"
    assert data["attesten"][0]["code"] == certificate.code


def test_an_erased_account_leaves_no_name_in_the_audit_log(offer, db):
    from wagtail.models import ModelLogEntry

    from accounts.personal_data import anonymise_account

    staff = make_person("medewerker@example.org")
    person = services.create_person_without_account(first_name="Dina", last_name="Peeters", by=staff)
    services.enrol(offer["edition"], person=person, by=staff)
    services.grant_exemption(person, package=offer["basic"], reason="Elders gevolgd", by=staff)
    username = person.username
    assert ModelLogEntry.objects.filter(label__contains=username).count() >= 3

    anonymise_account(person)

    entries = list(ModelLogEntry.objects.values_list("label", "data"))
    assert entries
    assert not [entry for entry in entries if username in f"{entry}" or "Dina" in f"{entry}"]


def test_an_erased_account_takes_its_contact_details_off_its_course_requests(
    person, django_capture_on_commit_callbacks
):
    from django.core import mail

    from accounts.personal_data import anonymise_account
    from curation.models import CourseRequest
    from curation.services import change_request_status
    from tests.curation.factories import make_request

    own = make_request(contact_name="Dina", contact_email="Dina@example.org", contact_phone="0470 12 34 56")
    other = make_request()

    anonymise_account(person)

    own.refresh_from_db()
    assert (own.contact_name, own.contact_email, own.contact_phone) == ("", "", "")
    assert CourseRequest.objects.get(pk=other.pk).contact_email == "ann@example.org"
    # The steering group can still decide on it; nobody is mailed.
    with django_capture_on_commit_callbacks(execute=True):
        change_request_status(own, status=CourseRequest.Status.REJECTED, by=make_person("stuurgroep@example.org"))
    assert mail.outbox == []
