"""Write the offer: the only code that changes editions and their schedule."""

from functools import partial

from django.db import transaction
from django.db.models import Max, Min

from courses.models import Edition


def refresh_edition_schedule(edition: Edition) -> Edition:
    """Copy the first start and last end of the edition's sessions onto the edition."""
    bounds = edition.sessions.aggregate(starts_at=Min("starts_at"), ends_at=Max("ends_at"))
    edition.starts_at = bounds["starts_at"]
    edition.ends_at = bounds["ends_at"]
    edition.save(update_fields=["starts_at", "ends_at", "updated_at"])
    return edition


def save_edition(edition: Edition) -> Edition:
    """Save an edition with its sessions (as an admin form built them) and its schedule.

    A raised capacity hands the new seats to the waitlist at once, after commit. Raise
    CapacityTooLow when the capacity drops below the confirmed enrolments.
    """
    from enrolment.exceptions import CapacityTooLow
    from enrolment.models import Enrolment
    from enrolment.tasks import promote_waitlist

    with transaction.atomic():
        previous_capacity = None
        if edition.pk is not None:
            # The lock every seat-taking service takes, so no enrolment slips in meanwhile.
            previous_capacity = (
                Edition.objects.select_for_update().values_list("capacity", flat=True).get(pk=edition.pk)
            )
            if edition.capacity < Enrolment.objects.filter(edition_id=edition.pk).confirmed().count():
                raise CapacityTooLow
        edition.save()
        refresh_edition_schedule(edition)
        if previous_capacity is not None and edition.capacity > previous_capacity:
            transaction.on_commit(partial(promote_waitlist.enqueue, edition.pk))
    return edition
