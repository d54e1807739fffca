"""Issuing is idempotent and automatic; revoking and re-rendering keep the code."""

import io

import pytest
from pypdf import PdfReader

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils.formats import date_format

from attendance.models import Attendance
from certificates import services
from certificates.exceptions import AlreadyRevoked, NotCompleted, NotConfirmed, NoteRequired, ReasonRequired
from certificates.models import Certificate
from enrolment.models import Enrolment
from tests.certificates.conftest import attend, confirm
from tests.factories import make_course, make_edition, make_person


def pdf_text(certificate):
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user("staff@example.org", "staff@example.org", "x", is_staff=True)


def test_attendance_that_completes_an_edition_issues_its_certificate(completed_enrolment, participant):
    certificate = Certificate.objects.get()

    assert (certificate.person, certificate.edition, certificate.kind) == (
        participant,
        completed_enrolment.edition,
        Certificate.Kind.EDITION,
    )
    assert certificate.issued_by is None
    assert (certificate.sessions_attended, certificate.sessions_total) == (2, 2)
    assert len(certificate.code) == 26


def test_the_new_certificate_is_mailed_with_its_pdf(completed_enrolment, participant):
    [message] = [message for message in mail.outbox if "attest" in message.subject.lower()]

    assert message.to == [participant.email]
    assert "/attest/" in message.body
    assert message.attachments[0][2] == "application/pdf"


def test_issuing_twice_gives_the_same_certificate(completed_enrolment):
    first = Certificate.objects.get()

    outcome = services.issue_certificate(completed_enrolment)

    assert (outcome.certificate.pk, outcome.created) == (first.pk, False)
    assert Certificate.objects.count() == 1


def test_recording_attendance_again_issues_no_second_certificate(completed_enrolment, completed_edition, trainer):
    attend(completed_edition, completed_enrolment, by=trainer, status=Attendance.Status.ABSENT)
    attend(completed_edition, completed_enrolment, by=trainer)

    assert Certificate.objects.count() == 1


def test_attendance_below_the_threshold_issues_nothing(completed_edition, participant, trainer):
    enrolment = confirm(completed_edition, participant)
    session = completed_edition.sessions.first()
    from attendance.services import record_attendance

    record_attendance(session, marks={enrolment.pk: Attendance.Status.PRESENT}, by=trainer)

    assert not Certificate.objects.exists()
    with pytest.raises(NotCompleted):
        services.issue_certificate(enrolment)


def test_staff_issue_by_hand_only_with_a_note_when_attendance_falls_short(completed_edition, participant, staff):
    enrolment = confirm(completed_edition, participant)

    with pytest.raises(NoteRequired):
        services.issue_certificate(enrolment, by=staff)
    assert not Certificate.objects.exists()

    outcome = services.issue_certificate(enrolment, by=staff, note="Aanwezigheidslijst van sessie 2 op papier")

    assert outcome.created and outcome.certificate.issued_by == staff


def test_a_waitlisted_person_gets_no_certificate(completed_edition, staff):
    enrolment = Enrolment.objects.create(
        person=make_person(), edition=completed_edition, status=Enrolment.Status.WAITLISTED
    )

    with pytest.raises(NotConfirmed):
        services.issue_certificate(enrolment, by=staff, note="toch")


def test_revoking_needs_a_reason_and_happens_once(completed_enrolment, staff):
    certificate = Certificate.objects.get()

    with pytest.raises(ReasonRequired):
        services.revoke_certificate(certificate, by=staff, reason="  ")
    services.revoke_certificate(certificate, by=staff, reason="Dubbel uitgereikt")
    with pytest.raises(AlreadyRevoked):
        services.revoke_certificate(certificate, by=staff, reason="Nog eens")

    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revocation_reason == "Dubbel uitgereikt"


def test_a_revoked_certificate_is_not_issued_again(completed_enrolment, staff):
    certificate = Certificate.objects.get()
    services.revoke_certificate(certificate, by=staff, reason="Fout")

    outcome = services.issue_certificate(completed_enrolment)

    assert (outcome.certificate.pk, outcome.created, outcome.certificate.is_revoked) == (certificate.pk, False, True)


def test_the_pdf_holds_name_course_dates_and_verification_url(completed_enrolment, completed_edition):
    text = pdf_text(Certificate.objects.get())
    certificate = Certificate.objects.get()
    with certificate.pdf.open("rb") as file:
        reader = PdfReader(io.BytesIO(file.read()))

    # One A4 page (595 × 842 points), tagged so screen readers follow its structure.
    assert len(reader.pages) == 1
    assert [round(float(side)) for side in reader.pages[0].mediabox[2:]] == [595, 842]
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "An Peeters" in text
    assert "Lokale politiek voor beginners" in text
    assert date_format(certificate.first_day, "j F Y") in text
    assert f"http://localhost/attest/{certificate.code}/" in text.replace("\n", "")
    assert "ACV, Femma" in text
    assert "2 van 2 sessies" in text


def test_a_corrected_name_re_renders_the_pdf_under_the_same_code(completed_enrolment, participant, staff):
    certificate = Certificate.objects.get()
    code, file_name = certificate.code, certificate.pdf.name
    participant.last_name = "Peeters-Janssens"
    participant.save()

    services.rerender_certificate(certificate, by=staff)

    certificate.refresh_from_db()
    assert (certificate.code, certificate.pdf.name) == (code, file_name)
    assert "An Peeters-Janssens" in pdf_text(certificate)


def test_completing_the_required_courses_and_electives_issues_the_package_certificate(offer, participant, trainer):
    # The basic package: its required course (offer["course"]) and one elective.
    required = make_edition(offer["course"], sessions=1, starts_in_days=-20)
    elective = make_edition(make_course(offer["basic"], title="Keuzevak"), sessions=1, starts_in_days=-10)
    attend(required, confirm(required, participant), by=trainer)

    assert not Certificate.objects.filter(kind=Certificate.Kind.PACKAGE).exists()

    attend(elective, confirm(elective, participant), by=trainer)

    package_certificate = Certificate.objects.get(kind=Certificate.Kind.PACKAGE)
    assert package_certificate.package.pk == offer["basic"].pk
    assert Certificate.objects.filter(kind=Certificate.Kind.EDITION).count() == 2
    text = pdf_text(package_certificate)
    assert "Keuzevak" in text and offer["course"].title in text


def test_a_batch_for_an_edition_issues_each_earned_certificate_once(completed_edition, trainer):
    enrolments = [confirm(completed_edition, make_person()) for _ in range(3)]
    Enrolment.objects.filter(pk=enrolments[2].pk).update(status=Enrolment.Status.WAITLISTED)
    for enrolment in enrolments[:2]:
        for session in completed_edition.sessions.all():
            Attendance.objects.create(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)

    assert services.issue_certificates_for_edition(completed_edition) == 2
    assert services.issue_certificates_for_edition(completed_edition) == 0
    assert Certificate.objects.count() == 2


def test_a_certificate_issued_by_hand_counts_towards_the_package(offer, participant, trainer, staff):
    required = make_edition(offer["course"], sessions=1, starts_in_days=-20)
    elective = make_edition(make_course(offer["basic"], title="Keuzevak"), sessions=1, starts_in_days=-10)
    attend(required, confirm(required, participant), by=trainer)

    services.issue_certificate(confirm(elective, participant), by=staff, note="Attest van een partner voorgelegd")

    assert Certificate.objects.filter(kind=Certificate.Kind.PACKAGE, package=offer["basic"]).exists()
