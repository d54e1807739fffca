"""Background work of curation: the mails to requesters, sent after commit."""

from django.tasks import task

from curation import notifications
from curation.models import CourseRequest, CourseRequestEvent


@task
def send_request_received(course_request_id: int):
    notifications.send_request_received(CourseRequest.objects.get(pk=course_request_id))


@task
def send_status_change(event_id: int):
    event = CourseRequestEvent.objects.select_related(
        "course_request__answered_by_course", "course_request__answered_by_edition__course"
    ).get(pk=event_id)
    notifications.send_status_change(event)
