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
    assert certificate.code == code
    assert certificate.pdf.name != file_name
    assert certificate.pdf.name.startswith(f"certificates/{code}")
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


def pdf_of(certificate):
    with certificate.pdf.open("rb") as file:
        return PdfReader(io.BytesIO(file.read()))


def named_person(first_name, last_name):
    person = make_person()
    person.first_name, person.last_name = first_name, last_name
    person.save()
    return person


def present_at_every_session(edition, enrolment):
    for session in edition.sessions.all():
        Attendance.objects.create(enrolment=enrolment, session=session, status=Attendance.Status.PRESENT)


def test_a_batch_gives_each_holder_a_tagged_one_page_pdf_of_their_own(
    completed_edition, django_capture_on_commit_callbacks
):
    names = [("Ada", "Aerts"), ("Bram", "Bosmans"), ("Cis", "Claes")]
    for first_name, last_name in names:
        present_at_every_session(completed_edition, confirm(completed_edition, named_person(first_name, last_name)))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.issue_certificates_for_edition(completed_edition) == 3

    for certificate in Certificate.objects.select_related("person"):
        reader = pdf_of(certificate)
        text = reader.pages[0].extract_text()
        assert len(reader.pages) == 1
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert certificate.holder_name == certificate.person.get_full_name()
        assert [" ".join(name) in text for name in names].count(True) == 1
        assert certificate.holder_name in text
        assert f"/attest/{certificate.code}/" in text.replace("\n", "")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        Certificate.objects.values_list("person__email", flat=True)
    )


def test_a_batch_issues_the_package_certificates_it_completes(offer, participant, trainer):
    # The participant completed the basic package's required course; the batch of an
    # elective's edition completes the package for them, not for someone who only took it.
    required = make_edition(offer["course"], sessions=1, starts_in_days=-20)
    elective = make_edition(make_course(offer["basic"], title="Keuzevak"), sessions=1, starts_in_days=-10)
    attend(required, confirm(required, participant), by=trainer)
    present_at_every_session(elective, confirm(elective, participant))
    present_at_every_session(elective, confirm(elective, named_person("Bram", "Bosmans")))

    assert services.issue_certificates_for_edition(elective) == 3

    package_certificate = Certificate.objects.get(kind=Certificate.Kind.PACKAGE)
    assert package_certificate.person == participant
    text = pdf_of(package_certificate).pages[0].extract_text()
    assert "An Peeters" in text and "Keuzevak" in text and "Bram" not in text


def test_a_batch_reads_a_fixed_number_of_queries_per_certificate(
    completed_edition, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for _ in range(12):
        present_at_every_session(completed_edition, confirm(completed_edition, make_person()))

    # Per certificate: its row in a savepoint, its log entry, its mail task; the rest is per batch.
    with django_assert_max_num_queries(30 + 8 * 12):
        services.issue_certificates_for_edition(completed_edition)

    assert Certificate.objects.count() == 12


# Wagtail's rendition pipeline leaves a SpooledTemporaryFile for the garbage collector.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_academy_logo_is_printed_as_an_embedded_jpeg(completed_edition, participant, trainer, site):
    from PIL import Image as PillowImage

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from academy.models import SiteSettings

    # A transparent PNG, larger than print needs: it prints on white, 240 pixels high.
    buffer = io.BytesIO()
    PillowImage.new("RGBA", (1600, 480), (122, 31, 61, 128)).save(buffer, format="PNG")
    logo = get_image_model().objects.create(title="Logo", file=ImageFile(buffer, name="academie.png"))
    site_settings = SiteSettings.for_site(site["home"].get_site())
    site_settings.logo = logo
    site_settings.save()

    attend(completed_edition, confirm(completed_edition, participant), by=trainer)

    page = pdf_of(Certificate.objects.get()).pages[0]
    images = [xobject for xobject in page["/Resources"]["/XObject"].values() if xobject["/Subtype"] == "/Image"]
    logos = [image for image in images if image["/Filter"] == "/DCTDecode"]
    assert len(logos) == 1
    assert (logos[0]["/Width"], logos[0]["/Height"]) == (800, 240)


def test_the_certificate_carries_the_default_mark_and_its_track_s_colour(
    offer, completed_edition, participant, trainer
):
    offer["track"].colour = "paars"
    offer["track"].save_revision().publish()

    attend(completed_edition, confirm(completed_edition, participant), by=trainer)

    drawing = pdf_of(Certificate.objects.get()).pages[0].get_contents().get_data().decode("latin-1")
    # No logo in the settings: the default SVG mark is drawn as vectors, its yellow bar in it.
    assert "0.952941 0.756863 0.294118 rg" in drawing
    # The course title in the track's colour (paars, #6b2c91).
    assert "0.419608 0.172549 0.568627 rg" in drawing


def test_a_roll_call_that_completes_a_room_issues_everyone_s_certificate_in_one_go(
    completed_edition, trainer, django_capture_on_commit_callbacks
):
    from attendance.services import record_attendance

    enrolments = [confirm(completed_edition, named_person("Deelnemer", str(n))) for n in range(12)]
    first, last = completed_edition.sessions.order_by("starts_at")
    record_attendance(first, marks={e.pk: Attendance.Status.PRESENT for e in enrolments}, by=trainer)
    # The last one leaves before the second session: the threshold is 100 %.
    marks = {e.pk: Attendance.Status.PRESENT for e in enrolments[:-1]} | {enrolments[-1].pk: Attendance.Status.ABSENT}

    with django_capture_on_commit_callbacks(execute=True):
        record_attendance(last, marks=marks, by=trainer)

    assert Certificate.objects.count() == 11
    assert not Certificate.objects.filter(person=enrolments[-1].person).exists()
    # One mail per holder, sent by one task per chunk of ten.
    assert len([m for m in mail.outbox if "attest" in m.subject.lower()]) == 11
    for certificate in Certificate.objects.all():
        assert certificate.holder_name in pdf_of(certificate).pages[0].extract_text()


def test_a_batch_keeps_the_certificate_another_process_issued_meanwhile(completed_edition, monkeypatch):
    enrolments = [confirm(completed_edition, named_person("Deelnemer", str(n))) for n in range(3)]
    for enrolment in enrolments:
        present_at_every_session(completed_edition, enrolment)
    issue_package_check = services._people_who_may_complete

    def another_process_issues_first(package, person_ids):
        # Between the batch's look at existing certificates and its insert.
        if not Certificate.objects.exists():
            services.issue_certificate(enrolments[1])
        return issue_package_check(package, person_ids)

    monkeypatch.setattr(services, "_people_who_may_complete", another_process_issues_first)

    issued = services.issue_certificates_for_edition(completed_edition)

    first = Certificate.objects.get(person=enrolments[1].person)
    assert issued == 2
    assert Certificate.objects.count() == 3
    assert first.pdf and Certificate.objects.filter(person=enrolments[1].person).count() == 1
