"""Staff work with certificates in the Wagtail admin: listing, PDF, revoking, re-rendering, issuing."""

import io
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from wagtail.models import ModelLogEntry

from attendance.models import Attendance
from certificates import services
from certificates.models import Certificate
from courses.models import Edition, ProgrammeYear
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.certificates.conftest import confirm
from tests.factories import make_course, make_edition, make_person

INDEX = "/admin/certificates/"


def make_member(email, group_name, **fields):
    user = get_user_model().objects.create_user(email, email, "wachtwoord-123", **fields)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def roles(offer):
    ensure_role_permissions()
    return offer


@pytest.fixture
def staff(roles):
    return make_member("medewerker@example.org", STAFF, is_staff=True, first_name="Bart", last_name="Staf")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture
def certificate(completed_enrolment):
    return Certificate.objects.get()


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def complete(edition, enrolment):
    """Attendance that completes the edition, without the automatic issuing that follows it."""
    for session in edition.sessions.all():
        Attendance.objects.create(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)


def add_certificate(edition, person, **fields):
    """A certificate row as the services store it; rendering a PDF for each would only slow the test."""
    return Certificate.objects.create(
        kind=Certificate.Kind.EDITION,
        person=person,
        edition=edition,
        holder_name=person.get_full_name() or person.email,
        title=edition.course.title,
        issuer_name="Sociale en Politieke Academie",
        **fields,
    )


# Listing, filters, search


def test_staff_see_the_listing_with_status_code_and_links(staff_client, certificate):
    response = staff_client.get(INDEX)

    page = response.content.decode()
    assert response.status_code == 200
    assert "An Peeters" in page and "Lokale politiek voor beginners" in page
    assert "Deelnameattest" in page and "geldig" in page
    assert certificate.readable_code in page
    assert f"/attest/{certificate.code}/" in page
    assert f"/admin/certificates/pdf/{certificate.pk}/" in page
    assert f"/admin/certificates/revoke/{certificate.pk}/" in page
    assert f"/admin/certificates/rerender/{certificate.pk}/" in page
    assert f"/media/certificates/{certificate.code}" not in page


def test_filters_and_search_narrow_the_listing(staff_client, offer, certificate, completed_edition, staff):
    year = ProgrammeYear.objects.create(name="2026-2027", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    other_edition = make_edition(offer["course"], starts_in_days=-60, programme_year=year)
    other = add_certificate(other_edition, make_person("bo@example.org"))
    services.revoke_certificate(other, by=staff, reason="Dubbel")
    Certificate.objects.filter(pk=other.pk).update(issued_at=timezone.now() - timedelta(days=400))

    def holders(**query):
        return {item.pk for item in staff_client.get(INDEX, query).context["object_list"]}

    assert holders() == {certificate.pk, other.pk}
    assert holders(status="geldig") == {certificate.pk}
    assert holders(status="ingetrokken") == {other.pk}
    assert holders(edition=other_edition.pk) == {other.pk}
    assert holders(programme_year=year.pk) == {other.pk}
    assert holders(kind="deelname") == {certificate.pk, other.pk}
    assert holders(kind="pakket") == set()
    assert holders(package=offer["basic"].pk) == set()
    today = timezone.localdate()
    assert holders(issued_on_from=(today - timedelta(days=1)).isoformat(), issued_on_to=today.isoformat()) == {
        certificate.pk
    }
    assert holders(q="peeters") == {certificate.pk}
    assert holders(q="bo@example.org") == {other.pk}
    assert holders(q=certificate.readable_code) == {certificate.pk}
    assert holders(q=certificate.readable_code[:9].lower()) == {certificate.pk}


def test_a_package_certificate_is_found_by_its_package(staff_client, offer, participant):
    package_certificate = Certificate.objects.create(
        kind=Certificate.Kind.PACKAGE,
        person=participant,
        package=offer["basic"],
        holder_name="An Peeters",
        title=offer["basic"].title,
        issuer_name="Academie",
    )

    response = staff_client.get(INDEX, {"package": offer["basic"].pk, "kind": "pakket"})

    assert list(response.context["object_list"]) == [package_certificate]
    assert "Pakketattest" in response.content.decode()


def test_listing_queries_do_not_grow_with_certificates(staff_client, offer, django_assert_max_num_queries):
    editions = [
        make_edition(make_course(offer["basic"], title=f"Vorming {number}"), starts_in_days=-30) for number in range(10)
    ]
    for edition in editions:
        for _ in range(4):
            add_certificate(edition, make_person())
    staff_client.get(INDEX)  # the first request of a session saves it

    with django_assert_max_num_queries(20):
        response = staff_client.get(INDEX)

    assert len(response.context["object_list"]) == 40


# The PDF


def test_staff_download_any_pdf_through_the_checked_view(staff_client, certificate, staff):
    services.revoke_certificate(certificate, by=staff, reason="Fout")

    response = staff_client.get(f"/admin/certificates/pdf/{certificate.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "An Peeters" in pdf_text(b"".join(response.streaming_content))


def test_pdf_of_an_unknown_certificate_is_a_404(staff_client, db):
    assert staff_client.get("/admin/certificates/pdf/999/").status_code == 404


# Revoking


def test_revoking_with_a_reason_revokes_and_logs(staff_client, certificate, staff, client):
    response = staff_client.post(
        f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Niet aanwezig geweest"}, follow=True
    )

    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == staff
    assert certificate.revocation_reason == "Niet aanwezig geweest"
    assert "Het attest van An Peeters voor Lokale politiek voor beginners is ingetrokken." in messages_of(response)
    assert ModelLogEntry.objects.filter(action="academy.certificate.revoke", user=staff).exists()
    client.logout()
    assert "Dit attest is ingetrokken op" in client.get(f"/attest/{certificate.code}/").content.decode()


def test_revoking_without_a_reason_shows_an_error_and_changes_nothing(staff_client, certificate):
    response = staff_client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "   "})

    assert response.status_code == 200
    assert "Geef een reden voor de intrekking." in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_twice_says_it_is_already_revoked(staff_client, certificate, staff):
    services.revoke_certificate(certificate, by=staff, reason="Fout")

    response = staff_client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Nog eens"})

    assert "Dit attest is al ingetrokken." in messages_of(response)
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Fout"


# Re-rendering


def test_rerendering_keeps_the_code_and_replaces_the_file_with_the_current_name(
    staff_client, certificate, participant, django_capture_on_commit_callbacks
):
    code, file_name = certificate.code, certificate.pdf.name
    get_user_model().objects.filter(pk=participant.pk).update(last_name="Peeters-Janssens")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/certificates/rerender/{certificate.pk}/", follow=True)

    certificate.refresh_from_db()
    assert certificate.code == code
    # The new PDF is written beside the old one, which goes once the new name is committed.
    assert certificate.pdf.name.startswith(f"certificates/{code}")
    assert not certificate.pdf.storage.exists(file_name)
    assert "opnieuw gemaakt, onder dezelfde code" in " ".join(messages_of(response))
    with certificate.pdf.open("rb") as file:
        assert "An Peeters-Janssens" in pdf_text(file.read())


# Issuing by hand


def test_issuing_by_hand_without_a_note_is_refused_when_attendance_falls_short(
    staff_client, completed_edition, participant
):
    confirm(completed_edition, participant)

    form = staff_client.get("/admin/certificates/new/", {"edition": completed_edition.pk})
    assert form.status_code == 200
    assert "an.peeters@example.org" in form.content.decode()

    response = staff_client.post(
        "/admin/certificates/new/", {"edition": completed_edition.pk, "person": participant.pk, "note": ""}
    )

    assert response.status_code == 200
    assert "Geef een motivering als je het attest toch wil uitreiken." in response.content.decode()
    assert not Certificate.objects.exists()


def test_issuing_by_hand_with_a_note_issues_once(staff_client, completed_edition, participant, staff):
    confirm(completed_edition, participant)
    data = {"edition": completed_edition.pk, "person": participant.pk, "note": "Aanwezigheidslijst op papier"}

    response = staff_client.post("/admin/certificates/new/", data, follow=True)

    certificate = Certificate.objects.get()
    assert (certificate.person, certificate.issued_by) == (participant, staff)
    assert certificate.issue_note == "Aanwezigheidslijst op papier"
    assert certificate.pdf
    assert "Het attest van An Peeters voor Lokale politiek voor beginners is uitgereikt." in messages_of(response)

    again = staff_client.post("/admin/certificates/new/", data, follow=True)
    assert "er is geen tweede gemaakt" in " ".join(messages_of(again))
    assert Certificate.objects.count() == 1


def test_issuing_by_hand_for_someone_not_confirmed_in_the_edition_is_refused(
    staff_client, completed_edition, participant
):
    confirm(make_edition(completed_edition.course, starts_in_days=-90), participant)

    response = staff_client.post(
        "/admin/certificates/new/", {"edition": completed_edition.pk, "person": participant.pk, "note": "toch"}
    )

    assert response.status_code == 200
    assert "Deze persoon heeft geen bevestigde inschrijving voor deze editie." in response.content.decode()
    assert not Certificate.objects.exists()


# Batches


def test_a_batch_for_an_edition_issues_exactly_the_earned_certificates_once(
    staff_client, completed_edition, django_capture_on_commit_callbacks
):
    completed = [confirm(completed_edition, make_person()) for _ in range(3)]
    for enrolment in completed:
        complete(completed_edition, enrolment)
    confirm(completed_edition, make_person())  # attended nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/admin/certificates/edition/", {"edition": completed_edition.pk}, follow=True)

    assert "worden op de achtergrond uitgereikt" in " ".join(messages_of(response))
    assert set(Certificate.objects.values_list("person", flat=True)) == {enrolment.person_id for enrolment in completed}

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post("/admin/certificates/edition/", {"edition": completed_edition.pk})

    assert Certificate.objects.count() == 3


def test_a_batch_for_a_programme_year_issues_the_earned_certificates_of_its_approved_editions(
    staff_client, offer, django_capture_on_commit_callbacks
):
    year = ProgrammeYear.objects.create(name="2025-2026", starts_on=date(2025, 9, 1), ends_on=date(2026, 8, 31))
    course = make_course(offer["basic"], title="Vergaderen", attendance_threshold=100)
    first = make_edition(course, sessions=1, starts_in_days=-40, programme_year=year)
    second = make_edition(course, sessions=1, starts_in_days=-20, programme_year=year)
    draft = make_edition(course, sessions=1, starts_in_days=-30, programme_year=year)
    outside = make_edition(course, sessions=1, starts_in_days=-25)
    earned = []
    for edition in (first, second, draft, outside):
        enrolment = confirm(edition, make_person())
        complete(edition, enrolment)
        earned.append(enrolment.person_id)
    Edition.objects.filter(pk=draft.pk).update(status=Edition.Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/admin/certificates/programme-year/", {"programme_year": year.pk}, follow=True)

    assert "op de achtergrond uitgereikt" in " ".join(messages_of(response))
    assert set(Certificate.objects.values_list("person", flat=True)) == set(earned[:2])

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post("/admin/certificates/programme-year/", {"programme_year": year.pk})

    assert Certificate.objects.count() == 2


def test_edition_listing_links_to_its_certificates_and_batch(staff_client, completed_edition):
    page = staff_client.get("/admin/editions/").content.decode()

    assert f"/admin/certificates/edition/?edition={completed_edition.pk}" in page
    assert f"/admin/certificates/new/?edition={completed_edition.pk}" in page
    assert f"/admin/certificates/?edition={completed_edition.pk}" in page


# Who may do what


def refusal(response):
    """How the admin refused: Wagtail sends who lacks a permission to the dashboard, and who
    may not use the admin at all to its login."""
    if response.status_code == 302:
        return response["Location"].split("?")[0]
    return response.status_code


@pytest.mark.parametrize(
    ("who", "refused"),
    [("trainer", "/admin/"), ("participant", "/admin/login/"), ("anonymous", "/admin/login/")],
)
def test_others_are_refused_and_nothing_changes(
    client, roles, certificate, who, refused, django_capture_on_commit_callbacks
):
    if who == "trainer":
        client.force_login(make_member("lesgever2@example.org", TRAINERS))
    elif who == "participant":
        client.force_login(make_person())

    edition_id = certificate.edition_id
    with django_capture_on_commit_callbacks(execute=True):
        responses = [
            client.get(INDEX),
            client.get(f"/admin/certificates/pdf/{certificate.pk}/"),
            client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Weg"}),
            client.post(f"/admin/certificates/rerender/{certificate.pk}/"),
            client.post(
                "/admin/certificates/new/", {"edition": edition_id, "person": certificate.person_id, "note": "x"}
            ),
            client.post("/admin/certificates/edition/", {"edition": edition_id}),
            client.post("/admin/certificates/programme-year/", {"programme_year": 1}),
        ]

    assert {refusal(response) for response in responses} == {refused}
    rendered_at = certificate.rendered_at
    certificate.refresh_from_db()
    assert not certificate.is_revoked and certificate.rendered_at == rendered_at
    assert Certificate.objects.count() == 1


def test_steering_group_views_the_listing_and_pdf_but_changes_nothing(client, roles, certificate):
    client.force_login(make_member("stuurgroep@example.org", STEERING_GROUP))

    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert certificate.readable_code in listing.content.decode()
    assert f"/admin/certificates/revoke/{certificate.pk}/" not in listing.content.decode()
    pdf = client.get(f"/admin/certificates/pdf/{certificate.pk}/")
    assert pdf.status_code == 200
    # Read through the test client's wrapper: closing a streamed response by hand would run
    # close_old_connections, which drops the test's PostgreSQL connection.
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    refused = [
        client.get(f"/admin/certificates/revoke/{certificate.pk}/"),
        client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Weg"}),
        client.post(f"/admin/certificates/rerender/{certificate.pk}/"),
        client.post("/admin/certificates/edition/", {"edition": certificate.edition_id}),
    ]
    assert {refusal(response) for response in refused} == {"/admin/"}
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_issuing_by_hand_asks_for_the_edition_first_and_then_offers_its_participants(
    staff_client, completed_edition, participant
):
    confirm(completed_edition, participant)
    elsewhere = make_person("elders@example.org")
    confirm(make_edition(completed_edition.course, starts_in_days=-90), elsewhere)

    first = staff_client.get("/admin/certificates/new/").content.decode()

    assert 'method="get"' in first and 'name="edition"' in first
    assert 'name="person"' not in first and "elders@example.org" not in first

    second = staff_client.get("/admin/certificates/new/", {"edition": completed_edition.pk}).content.decode()

    assert 'name="person"' in second
    assert "an.peeters@example.org" in second and "elders@example.org" not in second


def test_choosing_an_edition_that_does_not_exist_says_so(staff_client, completed_edition):
    response = staff_client.get("/admin/certificates/new/", {"edition": "abc"})

    assert response.status_code == 200
    assert 'name="person"' not in response.content.decode()
    assert "Kies een goedgekeurde editie uit de lijst." in response.content.decode()


# Issuing an edition's certificates after a preview; revoking tells the holder.

ISSUE = "/admin/certificates/edition/"


def named(first_name, last_name):
    person = make_person(f"{first_name.lower()}@example.org")
    person.first_name, person.last_name = first_name, last_name
    person.save()
    return person


def test_without_an_edition_the_first_step_asks_for_one(staff_client, completed_edition):
    response = staff_client.get(ISSUE)

    assert response.status_code == 200
    assert 'method="get"' in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_preview_lists_who_qualifies_and_who_misses_it_with_the_reason(staff_client, completed_edition, staff):
    full = confirm(completed_edition, named("Ann", "Aerts"))
    complete(completed_edition, full)
    half = confirm(completed_edition, named("Bert", "Bosmans"))
    first_session = completed_edition.sessions.order_by("starts_at").first()
    Attendance.objects.create(enrolment=half, session=first_session, status=Attendance.Status.PRESENT)
    certified = confirm(completed_edition, named("Cas", "Claes"))
    add_certificate(completed_edition, certified.person)

    response = staff_client.get(ISSUE, {"edition": completed_edition.pk})

    assert response.status_code == 200
    html = response.content.decode()
    qualifying, missing = html.split("Krijgt geen attest")
    assert "Ann Aerts" in qualifying and "2 van 2 sessies (100 %)" in qualifying
    assert "Bert Bosmans" not in qualifying
    assert "Bert Bosmans" in missing
    # The threshold of the course (100 %) is read from its one home, attendance.completion.
    assert "1 van 2 sessies aanwezig (50 %); de vorming vraagt 100 %." in missing
    assert "Heeft al een attest: 1 deelnemer" in missing and "Cas Claes" in missing
    assert Certificate.objects.count() == 1


def test_the_preview_step_issues_only_after_it_is_confirmed(
    staff_client, completed_edition, django_capture_on_commit_callbacks
):
    complete(completed_edition, confirm(completed_edition, named("Ann", "Aerts")))
    confirm(completed_edition, named("Bert", "Bosmans"))

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(ISSUE + f"?edition={completed_edition.pk}", {"edition": completed_edition.pk})

    assert response.status_code == 302
    assert list(Certificate.objects.values_list("holder_name", flat=True)) == ["Ann Aerts"]


def test_the_preview_query_count_does_not_grow_with_participants(
    staff_client, completed_edition, django_assert_max_num_queries
):
    for index in range(15):
        enrolment = confirm(completed_edition, make_person())
        if index % 2:
            complete(completed_edition, enrolment)

    with django_assert_max_num_queries(25):
        response = staff_client.get(ISSUE, {"edition": completed_edition.pk})

    assert response.status_code == 200


def test_revoking_mails_the_holder_which_certificate_why_and_where_it_shows(
    staff_client, certificate, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Dubbel uitgereikt"}, follow=True
        )

    assert "is ingetrokken" in " ".join(messages_of(response))
    [message] = mail.outbox
    assert message.to == ["an.peeters@example.org"]
    assert message.subject == "Je attest is ingetrokken: Lokale politiek voor beginners"
    assert "Dubbel uitgereikt" in message.body
    assert certificate.readable_code in message.body
    assert f"/attest/{certificate.code}/" in message.body
    assert "verificatiepagina" in message.body


def test_a_refused_revocation_mails_nobody(staff_client, certificate, staff, django_capture_on_commit_callbacks):
    services.revoke_certificate(certificate, by=staff, reason="Fout")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(f"/admin/certificates/revoke/{certificate.pk}/", {"reason": "Nog eens"})

    assert mail.outbox == []


def test_a_holder_without_an_email_address_gets_no_mail(certificate, staff, django_capture_on_commit_callbacks):
    certificate.person.email = ""
    certificate.person.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_certificate(certificate, by=staff, reason="Fout")

    assert mail.outbox == []
