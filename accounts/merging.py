"""Merge two records of one person: everything moves to the one kept.

Staff who enrolled someone by phone twice end up with two people; their enrolments,
attendance and certificates are split across them. merge_people() moves them to the
record kept and deactivates the other, in one transaction, with an audit log entry.

Each app that keeps something per person takes part through the protocol in
academy.person_merge (the MERGE_PEOPLE hook).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from academy.person_merge import (  # noqa: F401  (the protocol, re-exported for callers)
    MERGE_ACTION,
    MERGE_PEOPLE,
    MERGED_AWAY_ACTION,
    MergeError,
    MergeState,
    PersonRecords,
    list_record_providers,
)
from accounts.models import Profile


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
    lines = [line for provider in list_record_providers() for line in provider.describe(kept, duplicate=duplicate)]
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
        for provider in list_record_providers():
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
