"""Completion of an edition from attendance, by the course's rule.

An enrolment completes its edition when the sessions attended reach the course's
threshold of the sessions the person owed: every session that began after they got
their seat, plus any earlier one they were nevertheless marked for. Excused absences
count as attended only where the course says so. Only a confirmed enrolment completes.
"""

from dataclasses import dataclass

from attendance.models import Attendance
from courses.models import Session
from enrolment.models import Enrolment


@dataclass(frozen=True)
class EditionCompletion:
    enrolment_id: int
    present: int
    excused: int
    owed: int
    threshold: int
    excused_counts: bool
    is_confirmed: bool

    @property
    def attended(self):
        return self.present + (self.excused if self.excused_counts else 0)

    @property
    def percentage(self):
        return round(100 * self.attended / self.owed) if self.owed else 0

    @property
    def has_attended(self):
        """Whether the person was there at least once: who may evaluate the edition."""
        return self.is_confirmed and self.present > 0

    @property
    def is_completed(self):
        # Integer arithmetic: 4 of 5 sessions is exactly 80 %, no float rounding at the edge.
        return self.is_confirmed and self.owed > 0 and self.attended * 100 >= self.threshold * self.owed


def _joined_at(enrolment):
    return enrolment.confirmed_at or enrolment.created_at


def get_completions(enrolments) -> dict[int, EditionCompletion]:
    """Completion per enrolment id, in two queries whatever the number of enrolments.

    The enrolments need their edition's course loaded (select_related("edition__course")).
    When their editions' sessions are prefetched too, those are used: one query fewer.
    """
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    sessions_by_edition = {}
    prefetched = [e.edition for e in enrolments if "sessions" in getattr(e.edition, "_prefetched_objects_cache", {})]
    if len(prefetched) == len(enrolments):
        for edition in prefetched:
            sessions_by_edition[edition.pk] = [(session.pk, session.starts_at) for session in edition.sessions.all()]
    else:
        for session_id, edition_id, starts_at in Session.objects.filter(
            edition_id__in={enrolment.edition_id for enrolment in enrolments}
        ).values_list("pk", "edition_id", "starts_at"):
            sessions_by_edition.setdefault(edition_id, []).append((session_id, starts_at))
    marks = {}
    for enrolment_id, session_id, status in Attendance.objects.filter(
        enrolment_id__in=[enrolment.pk for enrolment in enrolments]
    ).values_list("enrolment_id", "session_id", "status"):
        marks.setdefault(enrolment_id, {})[session_id] = status
    completions = {}
    for enrolment in enrolments:
        course = enrolment.edition.course
        joined_at = _joined_at(enrolment)
        own_marks = marks.get(enrolment.pk, {})
        owed = [
            session_id
            for session_id, starts_at in sessions_by_edition.get(enrolment.edition_id, [])
            if starts_at >= joined_at or session_id in own_marks
        ]
        statuses = [own_marks.get(session_id) for session_id in owed]
        completions[enrolment.pk] = EditionCompletion(
            enrolment_id=enrolment.pk,
            present=statuses.count(Attendance.Status.PRESENT),
            excused=statuses.count(Attendance.Status.EXCUSED),
            owed=len(owed),
            threshold=course.attendance_threshold,
            excused_counts=course.excused_absence_counts,
            is_confirmed=enrolment.status == Enrolment.Status.CONFIRMED,
        )
    return completions


def get_completion(enrolment) -> EditionCompletion:
    return get_completions([enrolment])[enrolment.pk]


def list_completed_enrolments(enrolments):
    completions = get_completions(enrolments)
    return [enrolment for enrolment in enrolments if completions[enrolment.pk].is_completed]
