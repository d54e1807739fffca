"""Write the offer: the only code that changes editions and their schedule."""

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
    """Save an edition with its sessions (as an admin form built them) and its schedule."""
    with transaction.atomic():
        edition.save()
        return refresh_edition_schedule(edition)
