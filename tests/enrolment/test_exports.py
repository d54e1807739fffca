"""The staff's enrolment exports: what staff need to reach and welcome people, as Belgian Excel opens it."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.models import Profile
from attendance.models import Attendance
from courses.models import PartnerOrganisation
from enrolment import services
from tests.enrolment.test_admin import INDEX, content, make_staff
from tests.factories import make_person


@pytest.fixture
def admin(db):
    return make_staff("beheer@example.org", superuser=True)


@pytest.fixture
def enrolled(admin, offer):
    """Maria, enrolled by phone, of KWB, with needs, present at one of the edition's three sessions."""
    edition = offer["edition"]
    outcome = services.enrol_person_without_account(
        edition, first_name="Maria", last_name="Janssens", phone="0470 12 34 56", by=admin
    )
    profile = Profile.objects.get(user=outcome.enrolment.person)
    profile.accessibility_needs = "Rolstoel"
    profile.dietary_needs = "Vegetarisch"
    profile.save()
    profile.partner_organisations.add(PartnerOrganisation.objects.create(name="Kwb", slug="kwb"))
    Attendance.objects.create(
        enrolment=outcome.enrolment, session=edition.sessions.order_by("starts_at").first(), status="aanwezig"
    )
    services.enrol(edition, person=make_person("bo@example.org"))
    return outcome.enrolment


def read_csv(response):
    data = content(response)
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_opens_in_belgian_excel_with_phone_organisation_needs_and_attendance(client, admin, enrolled):
    client.force_login(admin)

    response = client.get(INDEX, {"edition": enrolled.edition_id, "export": "csv", "ordering": "person__last_name"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, *rows = read_csv(response)
    assert header[-5:] == [
        "Telefoonnummer",
        "Organisaties",
        "Noden voor toegankelijkheid",
        "Voedingswensen",
        "Aanwezig (sessies)",
    ]
    maria = next(row for row in rows if "Maria" in row[0])
    assert maria[0] == "Maria Janssens"
    assert maria[-5:] == ["0470 12 34 56", "Kwb", "Rolstoel", "Vegetarisch", "1/3"]
    bo = next(row for row in rows if row[1] == "bo@example.org")
    assert bo[-5:] == ["", "", "", "", "0/3"]


def test_xlsx_has_the_same_columns(client, admin, enrolled):
    client.force_login(admin)

    response = client.get(INDEX, {"edition": enrolled.edition_id, "export": "xlsx"})

    sheet = load_workbook(io.BytesIO(content(response))).active
    header = [cell.value for cell in sheet[1]]
    assert "Telefoonnummer" in header and "Aanwezig (sessies)" in header
    values = {row[header.index("Telefoonnummer")]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    maria = values["0470 12 34 56"]
    assert maria[header.index("Organisaties")] == "Kwb"
    assert maria[header.index("Noden voor toegankelijkheid")] == "Rolstoel"
    assert maria[header.index("Aanwezig (sessies)")] == "1/3"


def test_needs_are_left_out_for_who_may_not_see_every_participant(client, enrolled):
    client.force_login(make_staff("kijker@example.org", "view_enrolment"))

    response = client.get(INDEX, {"edition": enrolled.edition_id, "export": "csv"})

    header, *rows = read_csv(response)
    assert "Telefoonnummer" in header
    assert "Noden voor toegankelijkheid" not in header and "Voedingswensen" not in header
    assert not any("Rolstoel" in row for row in rows)


def test_export_query_count_does_not_grow_with_rows(client, admin, offer, django_assert_max_num_queries):
    client.force_login(admin)
    edition = offer["edition"]
    edition.capacity = 40
    edition.save()
    for _index in range(25):
        services.enrol(edition, person=make_person())

    with django_assert_max_num_queries(20):
        response = client.get(INDEX, {"export": "csv"})
        rows = read_csv(response)

    assert len(rows) == 26
