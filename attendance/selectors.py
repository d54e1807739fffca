"""Reading attendance: a session's roll call and who may take it."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from attendance.models import Attendance, CheckInCode, normalise_check_in_code
from courses.models import Session
from enrolment.models import Enrolment
from roles import rules


@dataclass
class RollCallRow:
    enrolment: Enrolment
    status: str
    source: str
    joined_after_session: bool


def get_roll_call(session):
    """The confirmed participants of the session's edition, with their mark for this session.

    Who got their seat after the session began has no mark unless one was recorded: they
    are not counted absent.
    """
    enrolments = (
        Enrolment.objects.confirmed()
        .filter(edition_id=session.edition_id)
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "person__email", "pk")
    )
    marks = {
        attendance.enrolment_id: attendance
        for attendance in Attendance.objects.filter(session=session, enrolment__edition_id=session.edition_id)
    }
    rows = []
    for enrolment in enrolments:
        mark = marks.get(enrolment.pk)
        joined_at = enrolment.confirmed_at or enrolment.created_at
        rows.append(
            RollCallRow(
                enrolment=enrolment,
                status=mark.status if mark else "",
                source=mark.source if mark else "",
                joined_after_session=joined_at > session.starts_at,
            )
        )
    return rows


# When a session takes attendance. The check-in page, the one-tap check-in of Mijn
# academie, the roll call and the trainer's "now" all ask here.


def _opening_lead():
    return timedelta(minutes=settings.CHECK_IN_OPENS_MINUTES_BEFORE)


def get_check_in_opens_at(session):
    """When participants may start checking in, and trainers marking present or absent:
    CHECK_IN_OPENS_MINUTES_BEFORE minutes before the session begins."""
    return session.starts_at - _opening_lead()


def is_check_in_open(session, *, now=None):
    """Tell whether the session takes check-ins now: from its opening until its end."""
    now = now or timezone.now()
    return get_check_in_opens_at(session) <= now <= session.ends_at


def has_check_in_opened(session, *, now=None):
    now = now or timezone.now()
    return now >= get_check_in_opens_at(session)


def filter_open_for_check_in(sessions, *, now=None):
    """The sessions among these that take check-ins now (is_check_in_open, as a filter)."""
    now = now or timezone.now()
    return sessions.filter(starts_at__lte=now + _opening_lead(), ends_at__gte=now)


def list_sessions_to_check_in(person, *, now=None):
    """The sessions open for check-in now of the editions the person is a confirmed
    participant of, where they are not marked present yet, with their course, in one query."""
    if not person.is_authenticated:
        return Session.objects.none()
    confirmed = Enrolment.objects.confirmed().filter(person=person).values("edition_id")
    present = Attendance.objects.filter(enrolment__person=person, status=Attendance.Status.PRESENT).values("session_id")
    return (
        filter_open_for_check_in(Session.objects.filter(edition_id__in=confirmed), now=now)
        .exclude(pk__in=present)
        .select_related("edition__course", "venue")
        .order_by("starts_at", "pk")
    )


def get_check_in_code(session):
    return CheckInCode.objects.filter(session=session).values_list("code", flat=True).first()


def can_take_every_roll_call(user) -> bool:
    """Staff take attendance for any edition (roles.rules.may_take_every_roll_call)."""
    return rules.may_take_every_roll_call(user)


def list_sessions_for_roll_call(user):
    """The sessions whose attendance the user may record (roles.rules.sessions_with_roll_call)."""
    return rules.sessions_with_roll_call(user).select_related("edition__course", "venue")


def get_session_for_check_in(code):
    """The session a check-in code belongs to, or None for a code nobody handed out."""
    code = normalise_check_in_code(code)
    if not code:
        return None
    return Session.objects.select_related("edition__course", "venue").filter(check_in_code__code=code).first()


def list_sessions_for_check_in():
    return Session.objects.select_related("edition")


def get_own_attendance(session, person):
    """The person's mark for the session, or None."""
    return Attendance.objects.filter(session=session, enrolment__person=person).first()


def is_confirmed_participant(session, person) -> bool:
    return Enrolment.objects.confirmed().filter(edition_id=session.edition_id, person=person).exists()


def can_take_roll_call(user, edition) -> bool:
    """Whether the user may record the attendance of the edition's sessions."""
    return rules.may_take_attendance(user, edition)


def list_sessions_for_admin(user, *, edition=None, started=None, now=None):
    """The sessions the user may take the roll call of, latest first, with how many are
    marked; only those of the edition, and only those begun (or not yet begun) when asked.
    """
    now = now or timezone.now()
    sessions = list_sessions_for_roll_call(user).annotate(marked_count=Count("attendances", distinct=True))
    if edition is not None:
        sessions = sessions.filter(edition=edition)
    if started is True:
        sessions = sessions.filter(starts_at__lte=now)
    elif started is False:
        sessions = sessions.filter(starts_at__gt=now)
    return sessions.order_by("-starts_at", "-pk")


def list_editions_for_roll_call(user):
    """The editions with a session whose attendance the user may record."""
    return rules.editions_with_roll_call(user).select_related("course").order_by("-starts_at", "pk")


def can_take_any_roll_call(user) -> bool:
    """Whether the user may take some roll call: staff, or a trainer."""
    return rules.may_take_some_roll_call(user)
