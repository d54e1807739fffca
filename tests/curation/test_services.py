"""The curation services against the database."""

import pytest

from django.core import mail
from django.db import IntegrityError

from wagtail.models import ModelLogEntry

from curation import services
from curation.exceptions import (
    AlreadySupported,
    AnswerMismatch,
    InvalidCourseRequest,
    NotPublic,
    StatusUnchanged,
    UnknownStatus,
)
from curation.models import CourseRequest, CourseRequestEvent, CourseRequestSupport
from tests.curation.factories import make_request
from tests.factories import make_course, make_edition, make_person

Status = CourseRequest.Status

SUBMISSION = {
    "subject": "Vergaderen met impact",
    "municipality": "Gent",
    "province": "oost-vlaanderen",
    "group_size": 12,
    "period": "najaar 2026",
    "contact_name": "Wim",
    "contact_email": "wim@example.org",
}


def test_submit_stores_a_new_request_and_mails_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        course_request = services.submit_course_request(**SUBMISSION)

    assert course_request.status == Status.NEW
    assert not course_request.is_public
    assert course_request.events.get().status == Status.NEW
    assert [message.to for message in mail.outbox] == [["wim@example.org"]]


def test_submit_refuses_what_does_not_validate(db):
    with pytest.raises(InvalidCourseRequest):
        services.submit_course_request(**{**SUBMISSION, "group_size": 501})
    with pytest.raises(InvalidCourseRequest):
        services.submit_course_request(**{**SUBMISSION, "province": "parijs"})
    assert not CourseRequest.objects.exists()


def test_submit_does_not_let_the_requester_set_the_steering_groups_fields(db):
    with pytest.raises(TypeError):
        services.submit_course_request(**SUBMISSION, status=Status.ACCEPTED)
    with pytest.raises(TypeError):
        services.submit_course_request(**SUBMISSION, notes="Hallo")


def test_group_size_is_bounded_by_the_database(db):
    with pytest.raises(IntegrityError):
        make_request(group_size=0)


def test_support_counts_once_per_person(db):
    course_request = make_request(is_public=True)
    person = make_person()

    services.support_course_request(course_request, person=person)
    with pytest.raises(AlreadySupported):
        services.support_course_request(course_request, person=person)
    services.support_course_request(course_request, person=make_person())

    assert CourseRequestSupport.objects.filter(course_request=course_request).count() == 2


def test_the_database_refuses_a_second_support_of_the_same_person(db):
    course_request = make_request(is_public=True)
    person = make_person()
    CourseRequestSupport.objects.create(course_request=course_request, person=person)

    with pytest.raises(IntegrityError):
        CourseRequestSupport.objects.create(course_request=course_request, person=person)


@pytest.mark.parametrize(("is_public", "status"), [(False, Status.NEW), (True, Status.REJECTED)])
def test_only_public_requests_can_be_supported(db, is_public, status):
    course_request = make_request(is_public=is_public, status=status)

    with pytest.raises(NotPublic):
        services.support_course_request(course_request, person=make_person())


def test_change_status_keeps_history_log_and_mail(db, django_capture_on_commit_callbacks):
    course_request = make_request()
    member = make_person("lid@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.change_request_status(course_request, status=Status.IN_REVIEW, by=member)
        services.change_request_status(course_request, status=Status.ACCEPTED, by=member, note=" Goed idee. ")

    course_request.refresh_from_db()
    assert course_request.status == Status.ACCEPTED
    assert list(CourseRequestEvent.objects.values_list("status", "note")) == [
        (Status.IN_REVIEW, ""),
        (Status.ACCEPTED, "Goed idee."),
    ]
    assert (
        ModelLogEntry.objects.for_instance(course_request).filter(action="academy.course_request.status").count() == 2
    )
    assert [message.subject for message in mail.outbox] == [
        'Je vormingsvraag "Hoe lees ik een gemeentebegroting?" is in behandeling',
        'Je vormingsvraag "Hoe lees ik een gemeentebegroting?" is aanvaard',
    ]
    assert "Goed nieuws: de stuurgroep heeft je vraag aanvaard." in mail.outbox[1].body


def test_change_status_refuses_the_same_or_an_unknown_status(db):
    course_request = make_request()

    with pytest.raises(StatusUnchanged):
        services.change_request_status(course_request, status=Status.NEW, by=None)
    with pytest.raises(UnknownStatus):
        services.change_request_status(course_request, status="verloren", by=None)
    assert not CourseRequestEvent.objects.exists()


def test_triage_links_an_edition_with_its_course_and_refuses_a_mismatch(offer):
    course_request = make_request()
    edition = offer["edition"]
    other_edition = make_edition(make_course(offer["track"]))

    services.update_request_triage(course_request, notes="Intern", answered_by_edition=edition, by=None)
    course_request.refresh_from_db()
    assert course_request.answered_by_course_id == offer["course"].pk
    assert course_request.answered_by_edition == edition
    assert course_request.notes == "Intern"

    with pytest.raises(AnswerMismatch):
        services.update_request_triage(
            course_request, notes="", answered_by_course=offer["course"], answered_by_edition=other_edition, by=None
        )
