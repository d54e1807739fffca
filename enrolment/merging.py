"""Enrolments in a merge of two records of one person (accounts.merging)."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.person_merge import MergeState, PersonRecords
from enrolment import services
from enrolment.models import Enrolment

# The MergeState.data key under which the enrolments cancelled as duplicates name the one that stays.
REPLACED_ENROLMENTS = "replaced_enrolments"


class EnrolmentRecords(PersonRecords):
    # First: it locks the editions before any other app touches what hangs on them.
    order = 10

    def describe(self, kept, *, duplicate):
        moving = list(Enrolment.objects.filter(person=duplicate).select_related("edition__course"))
        if not moving:
            return []
        lines = [
            ngettext("%(count)s inschrijving gaat mee.", "%(count)s inschrijvingen gaan mee.", len(moving))
            % {"count": len(moving)}
        ]
        kept_active = {e.edition_id: e for e in Enrolment.objects.filter(person=kept).active()}
        for enrolment in moving:
            other = kept_active.get(enrolment.edition_id) if enrolment.is_active else None
            if other is not None:
                stays = enrolment if services.keeps_first(enrolment, other) else other
                lines.append(
                    _("%(edition)s: beide ingeschreven; %(status)s blijft, de andere inschrijving wordt geannuleerd.")
                    % {"edition": enrolment.edition, "status": stays.get_status_display().lower()}
                )
        return lines

    def move(self, kept, *, duplicate, by, state: MergeState):
        count, replaced, notes = services.move_enrolments_to_person(kept, duplicate=duplicate, by=by)
        state.data[REPLACED_ENROLMENTS] = replaced
        state.notes += [_("%(count)s inschrijvingen verplaatst.") % {"count": count}, *notes]
