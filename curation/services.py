"""Submit, support and triage course requests: the only code that changes them."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from wagtail.log_actions import log

from academy.page_cache import schedule_invalidation
from curation import tasks
from curation.exceptions import (
    AlreadySupported,
    AnswerMismatch,
    InvalidCourseRequest,
    NotPublic,
    StatusUnchanged,
    UnknownStatus,
)
from curation.models import CourseRequest, CourseRequestEvent, CourseRequestSupport

# What a requester fills in; everything else belongs to the steering group.
SUBMITTED_FIELDS = frozenset(
    {
        "theme",
        "track",
        "subject",
        "description",
        "format",
        "municipality",
        "province",
        "audience",
        "group_size",
        "period",
        "organisation",
        "partner_organisation",
        "contact_name",
        "contact_email",
        "contact_phone",
        "is_public",
    }
)


def submit_course_request(*, by=None, **fields) -> CourseRequest:
    """Store a new course request and mail its contact a confirmation after commit.

    by is the person logged in, if any; a request needs no account. Raise TypeError for a
    field the requester does not fill in, InvalidCourseRequest when the fields do not validate.
    """
    unknown = set(fields) - SUBMITTED_FIELDS
    if unknown:
        raise TypeError(f"Unexpected fields: {', '.join(sorted(unknown))}")
    course_request = CourseRequest(**fields, status=CourseRequest.Status.NEW)
    try:
        course_request.full_clean()
    except ValidationError as error:
        raise InvalidCourseRequest from error
    by = by if by is not None and by.is_authenticated else None
    with transaction.atomic():
        course_request.save()
        CourseRequestEvent.objects.create(course_request=course_request, status=course_request.status, by=by)
        log(course_request, "wagtail.create", user=by, data={"is_public": course_request.is_public})

        if course_request.is_public:
            # The home page, cached for anonymous visitors, lists the newest public requests.
            schedule_invalidation()
        transaction.on_commit(partial(tasks.send_request_received.enqueue, course_request.pk))
    return course_request


def support_course_request(course_request: CourseRequest, *, person) -> CourseRequestSupport:
    """Record that the person supports the public request ("wij willen dit ook").

    Raise NotPublic for a private or rejected request, AlreadySupported for a second vote
    of the same person, which the database refuses as well.
    """
    if not CourseRequest.objects.public().filter(pk=course_request.pk).exists():
        raise NotPublic
    try:
        with transaction.atomic():
            support = CourseRequestSupport.objects.create(course_request_id=course_request.pk, person=person)
            schedule_invalidation()
            return support
    except IntegrityError as error:
        raise AlreadySupported from error


def change_request_status(course_request: CourseRequest, *, status: str, by, note: str = "") -> CourseRequest:
    """Give the request a new status, keep its history and mail the requester after commit.

    note goes into the history and into the mail to the requester. Raise UnknownStatus and
    StatusUnchanged.
    """
    if status not in CourseRequest.Status.values:
        raise UnknownStatus
    note = note.strip()
    with transaction.atomic():
        course_request = CourseRequest.objects.select_for_update().get(pk=course_request.pk)
        previous = course_request.status
        if status == previous:
            raise StatusUnchanged
        course_request.status = status
        course_request.save(update_fields=["status", "updated_at"])
        event = CourseRequestEvent.objects.create(course_request=course_request, status=status, by=by, note=note)
        log(
            course_request,
            "academy.course_request.status",
            user=by,
            data={"from": previous, "to": status, "note": note},
        )

        schedule_invalidation()
        transaction.on_commit(partial(tasks.send_status_change.enqueue, event.pk))
    return course_request


def update_request_triage(
    course_request: CourseRequest, *, notes: str, answered_by_course=None, answered_by_edition=None, by
) -> CourseRequest:
    """Save the steering group's notes and the course or edition that answers the request.

    An edition alone also links its course. Raise AnswerMismatch for an edition of another course.
    """
    if answered_by_edition is not None:
        if answered_by_course is None:
            answered_by_course = answered_by_edition.course
        elif answered_by_edition.course_id != answered_by_course.pk:
            raise AnswerMismatch
    with transaction.atomic():
        course_request = CourseRequest.objects.select_for_update().get(pk=course_request.pk)
        values = {
            "notes": notes,
            "answered_by_course_id": answered_by_course.pk if answered_by_course else None,
            "answered_by_edition_id": answered_by_edition.pk if answered_by_edition else None,
        }
        changed = [name for name, value in values.items() if getattr(course_request, name) != value]
        if not changed:
            return course_request
        for name in changed:
            setattr(course_request, name, values[name])
        course_request.save(update_fields=[*changed, "updated_at"])
        # The notes themselves stay out of the log: it is read more widely than the request.
        log(course_request, "wagtail.edit", user=by, data={"changed": changed})
    return course_request
