"""Naming and removing a partner organisation's contacts."""

from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.log_actions import log

from partner_contacts.models import PartnerContact
from roles.groups import PARTNER_CONTACTS


def assign_partner_contact(person, *, organisation, by) -> PartnerContact:
    """Make the person the contact of the organisation, in the Partnercontacten group.

    A person is contact for one organisation: naming them for another moves them there.
    """
    with transaction.atomic():
        contact, created = PartnerContact.objects.update_or_create(user=person, defaults={"organisation": organisation})
        person.groups.add(Group.objects.get(name=PARTNER_CONTACTS))
        log(
            contact,
            "wagtail.create" if created else "wagtail.edit",
            user=by,
            data={"person": person.pk, "organisation": organisation.pk},
        )
    return contact


def remove_partner_contact(contact: PartnerContact, *, by) -> None:
    """End the person's role as contact: the binding and the group membership both go."""
    with transaction.atomic():
        log(contact, "wagtail.delete", user=by, data={"person": contact.user_id})
        contact.user.groups.remove(*Group.objects.filter(name=PARTNER_CONTACTS))
        contact.delete()
