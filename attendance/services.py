"""Record attendance: a trainer's roll call for a whole session, or a participant's check-in."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.log_actions import log

from attendance.exceptions import (
    AttendanceError,
    CheckInClosed,
    NotAParticipant,
    SessionNotStarted,
    UnknownCheckInCode,
)
from attendance.models import Attendance, CheckInCode, normalise_check_in_code
from attendance.selectors import has_check_in_opened, is_check_in_open
from enrolment.models import Enrolment


def _after_attendance_recorded(enrolment_ids):
    """Tell the apps above attendance whose attendance changed, inside the transaction (the
    hook "after_attendance_recorded": a function of the sorted enrolment ids; certificates
    issues what they earned, after commit)."""
    if enrolment_ids:
        for hook in hooks.get_hooks("after_attendance_recorded"):
            hook(sorted(enrolment_ids))


def record_attendance(session, *, marks: dict[int, str], by, now=None) -> int:
    """Record the marks (enrolment id -> status) of a whole session at once and return how
    many changed. An empty status leaves that participant's mark as it is.

    Raise NotAParticipant when a mark names anyone but a confirmed participant of the
    session's edition, and SessionNotStarted for present or absent before the session
    opened (attendance.selectors.get_check_in_opens_at; an excused absence may be noted
    ahead). Nothing is saved when one mark is wrong.
    """
    now = now or timezone.now()
    marks = {int(enrolment_id): status for enrolment_id, status in marks.items() if status}
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise AttendanceError(_("Kies aanwezig, afwezig of gewettigd afwezig."))
    if not has_check_in_opened(session, now=now) and any(
        status != Attendance.Status.EXCUSED for status in marks.values()
    ):
        raise SessionNotStarted
    confirmed = set(
        Enrolment.objects.confirmed().filter(edition_id=session.edition_id, pk__in=marks).values_list("pk", flat=True)
    )
    if confirmed != set(marks):
        raise NotAParticipant
    with transaction.atomic():
        existing = {
            attendance.enrolment_id: attendance
            for attendance in Attendance.objects.select_for_update(of=("self",)).filter(
                session=session, enrolment_id__in=marks
            )
        }
        changed = []
        for enrolment_id, status in marks.items():
            attendance = existing.get(enrolment_id)
            if attendance is None:
                attendance = Attendance(enrolment_id=enrolment_id, session=session)
            elif attendance.status == status:
                continue
            attendance.status = status
            attendance.source = Attendance.Source.RECORDED
            attendance.recorded_by = by
            attendance.save()
            changed.append(attendance)
        if changed:
            log(
                session.edition,
                "academy.attendance_recorded",
                user=by,
                data={
                    "session": session.pk,
                    "marks": {str(attendance.enrolment_id): attendance.status for attendance in changed},
                },
            )
        _after_attendance_recorded(
            {attendance.enrolment_id for attendance in changed if attendance.status != Attendance.Status.ABSENT}
        )
    return len(changed)


def check_in(code: str, *, person, now=None) -> Attendance:
    """Mark the person present at the session the code belongs to.

    Raise UnknownCheckInCode for a code that belongs to no session, and what
    check_in_to_session raises.
    """
    check_in_code = (
        CheckInCode.objects.select_related("session__edition").filter(code=normalise_check_in_code(code)).first()
    )
    if check_in_code is None:
        raise UnknownCheckInCode
    return check_in_to_session(check_in_code.session, person=person, now=now)


def check_in_to_session(session, *, person, now=None) -> Attendance:
    """Mark the person present at the session: the code's check-in, or the one tap in
    Mijn academie.

    Raise CheckInClosed outside the session's check-in window
    (attendance.selectors.is_check_in_open) and NotAParticipant for anyone without a
    confirmed enrolment.
    """
    now = now or timezone.now()
    if not is_check_in_open(session, now=now):
        raise CheckInClosed
    enrolment = Enrolment.objects.confirmed().filter(edition_id=session.edition_id, person=person).first()
    if enrolment is None:
        raise NotAParticipant(_("Je bent niet ingeschreven voor deze sessie."))
    with transaction.atomic():
        attendance, created = Attendance.objects.select_for_update(of=("self",)).get_or_create(
            enrolment=enrolment,
            session=session,
            defaults={"status": Attendance.Status.PRESENT, "source": Attendance.Source.CHECK_IN, "recorded_by": person},
        )
        if not created and attendance.status != Attendance.Status.PRESENT:
            attendance.status = Attendance.Status.PRESENT
            attendance.source = Attendance.Source.CHECK_IN
            attendance.recorded_by = person
            attendance.save()
        elif not created:
            return attendance
        log(session.edition, "academy.attendance_checked_in", user=person, data={"session": session.pk})
        _after_attendance_recorded({enrolment.pk})
    return attendance


def ensure_check_in_code(session) -> str:
    """Return the session's check-in code, making one the first time it is asked for."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CheckInCode.objects.get_or_create(session=session)[0].code
        except IntegrityError:
            # Another session drew the same code: draw again.
            continue
    raise AttendanceError


# The better of two marks of one person for one session, when two records of them are merged.
MARK_RANK = {Attendance.Status.PRESENT: 3, Attendance.Status.EXCUSED: 2, Attendance.Status.ABSENT: 1}


def move_attendance_to_enrolments(replaced: dict[int, int]) -> int:
    """Give the marks of each cancelled duplicate enrolment to the enrolment that replaced
    it ({cancelled pk: staying pk}), inside the caller's transaction: a session the staying
    enrolment has no mark for takes the duplicate's; where both have one, the better mark
    (present, excused, absent) stays. Return how many marks moved or improved."""
    changed = 0
    for goes_id, stays_id in sorted(replaced.items()):
        staying = {
            mark.session_id: mark
            for mark in Attendance.objects.select_for_update(of=("self",)).filter(enrolment_id=stays_id)
        }
        for mark in Attendance.objects.select_for_update(of=("self",)).filter(enrolment_id=goes_id).order_by("pk"):
            other = staying.get(mark.session_id)
            if other is None:
                mark.enrolment_id = stays_id
                mark.save(update_fields=["enrolment", "recorded_at"])
                changed += 1
            elif MARK_RANK[mark.status] > MARK_RANK[other.status]:
                other.status = mark.status
                other.save(update_fields=["status", "recorded_at"])
                changed += 1
    return changed
