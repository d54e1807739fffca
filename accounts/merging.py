"""Merge two records of one person: everything moves to the one kept.

Staff who enrolled someone by phone twice end up with two people; their enrolments,
attendance and certificates are split across them. merge_people() moves them to the
record kept and deactivates the other, in one transaction, with an audit log entry.

accounts sits low in the chain and names no upper module: each app that keeps something
per person registers a Wagtail hook named MERGE_PEOPLE returning a PersonRecords, which
describes what it will move and moves it. They run in their ``order`` (enrolment first:
it locks the editions, in primary-key order, before anything else), sharing one
MergeState, so a later app knows what an earlier one did (which enrolment replaced which).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.log_actions import log

from academy.errors import ServiceError
from accounts.models import Profile

MERGE_PEOPLE = "merge_people"
MERGE_ACTION = "academy.person.merge"
MERGED_AWAY_ACTION = "academy.person.merged_away"


class MergeError(ServiceError):
    message = gettext_lazy("Deze twee personen kunnen niet samengevoegd worden.")


@dataclass
class MergeState:
    """What the apps share during one merge: notes for the log and the confirmation, and
    what each app leaves for the next (``data``)."""

    notes: list = field(default_factory=list)
    data: dict = field(default_factory=dict)


class PersonRecords:
    """What one app keeps per person, as a merge sees it."""

    order = 100

    def describe(self, kept, *, duplicate) -> list[str]:
        """Say, in Dutch, what a merge of duplicate into kept will move and how it settles conflicts."""
        return []

    def move(self, kept, *, duplicate, by, state: MergeState) -> None:
        """Move the duplicate's records to kept, inside the merge's transaction."""


def _record_providers():
    return sorted((hook() for hook in hooks.get_hooks(MERGE_PEOPLE)), key=lambda provider: provider.order)


def _check(kept, duplicate):
    if kept.pk == duplicate.pk:
        raise MergeError(_("Kies twee verschillende personen."))
    if not (kept.is_active and duplicate.is_active):
        raise MergeError(_("Een van beide personen is al samengevoegd met iemand anders."))
    if duplicate.is_superuser or duplicate.is_staff or duplicate.groups.exists():
        # A login with roles is no phone duplicate: merging it would move someone's rights.
        raise MergeError(
            _("Wie een rol in de academie heeft, wordt niet samengevoegd. Kies die persoon om te behouden.")
        )
    if duplicate.email and not kept.email:
        # The record with an e-mail address is the one its owner logs in with.
        raise MergeError(_("Behoud de persoon met het e-mailadres: wissel de twee om."))


def _profile_changes(kept, duplicate) -> list[str]:
    kept_profile = Profile.objects.filter(user=kept).first()
    duplicate_profile = Profile.objects.filter(user=duplicate).first()
    if duplicate_profile is None:
        return []
    return [
        name
        for name in ("phone", "municipality", "accessibility_needs", "dietary_needs")
        if getattr(duplicate_profile, name) and (kept_profile is None or not getattr(kept_profile, name))
    ]


def describe_merge(kept, *, duplicate) -> list[str]:
    """What merging duplicate into kept will do, line by line, for the confirmation screen.

    Raise MergeError when they cannot be merged."""
    _check(kept, duplicate)
    lines = [line for provider in _record_providers() for line in provider.describe(kept, duplicate=duplicate)]
    filled = _profile_changes(kept, duplicate)
    if filled:
        lines.append(
            _("Profiel: wat bij de behouden persoon leeg is, wordt aangevuld (%(fields)s).")
            % {"fields": ", ".join(str(Profile._meta.get_field(name).verbose_name) for name in filled)}
        )
    lines.append(
        _("De andere persoon wordt gedeactiveerd: hij kan niet meer inloggen en komt niet meer in zoekresultaten.")
    )
    return lines


def _merge_profiles(kept, duplicate):
    duplicate_profile = Profile.objects.filter(user=duplicate).first()
    if duplicate_profile is None:
        return
    kept_profile, _created = Profile.objects.get_or_create(user=kept)
    filled = _profile_changes(kept, duplicate)
    for name in filled:
        setattr(kept_profile, name, getattr(duplicate_profile, name))
    kept_profile.save(update_fields=[*filled, "updated_at"])
    kept_profile.roles.add(*duplicate_profile.roles.all())
    kept_profile.partner_organisations.add(*duplicate_profile.partner_organisations.all())


def merge_people(kept, *, duplicate, by) -> MergeState:
    """Move everything of duplicate to kept and deactivate duplicate, in one transaction.

    Enrolments, attendance, certificates and what other apps keep move through their
    PersonRecords (MERGE_PEOPLE hooks); blanks in kept's profile are filled from the
    duplicate's. Conflicts are
    settled by each app and noted in the audit log entry on kept. Raise MergeError for the
    same person twice, a duplicate already merged, one with a role, or one with an e-mail
    address merged into one without (keep the one its owner logs in with).
    """
    with transaction.atomic():
        User = type(kept)
        # Lock both people in primary-key order: two merges of the same pair wait on each other.
        locked = {
            person.pk: person
            for person in User.objects.select_for_update().filter(pk__in=[kept.pk, duplicate.pk]).order_by("pk")
        }
        kept, duplicate = locked[kept.pk], locked[duplicate.pk]
        _check(kept, duplicate)
        state = MergeState()
        for provider in _record_providers():
            provider.move(kept, duplicate=duplicate, by=by, state=state)
        _merge_profiles(kept, duplicate)
        update_fields = []
        for name in ("first_name", "last_name"):
            if not getattr(kept, name) and getattr(duplicate, name):
                setattr(kept, name, getattr(duplicate, name))
                update_fields.append(name)
        duplicate.is_active = False
        duplicate.save(update_fields=["is_active"])
        if update_fields:
            kept.save(update_fields=update_fields)
        data = {"kept": kept.pk, "duplicate": duplicate.pk, "notes": state.notes}
        log(kept, MERGE_ACTION, user=by, data=data)
        log(duplicate, MERGED_AWAY_ACTION, user=by, data=data)
    return state
