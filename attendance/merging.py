"""Attendance in a merge of two records of one person (accounts.merging).

Attendance belongs to an enrolment and moves with it; only where the merge cancelled one of
two enrolments of the same edition does its attendance go to the enrolment that stays.
"""

from django.utils.translation import gettext as _

from academy.person_merge import MergeState, PersonRecords
from attendance import services
from attendance.models import Attendance
from enrolment.merging import REPLACED_ENROLMENTS


class AttendanceRecords(PersonRecords):
    # After enrolment (order 10), which says which enrolment replaced which.
    order = 20

    def describe(self, kept, *, duplicate):
        count = Attendance.objects.filter(enrolment__person=duplicate).count()
        if not count:
            return []
        return [_("%(count)s aanwezigheden gaan mee met hun inschrijving.") % {"count": count}]

    def move(self, kept, *, duplicate, by, state: MergeState):
        replaced = state.data.get(REPLACED_ENROLMENTS, {})
        if replaced:
            moved = services.move_attendance_to_enrolments(replaced)
            state.notes.append(_("%(count)s aanwezigheden samengevoegd.") % {"count": moved})
