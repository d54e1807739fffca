from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from academy.page_cache import schedule_invalidation


class PartnerContactsConfig(AppConfig):
    name = "partner_contacts"
    verbose_name = _("Partnercontacten")

    def ready(self):
        # partner_contacts.selectors.get_contact_organisation reads the contacts once per
        # offer generation: a contact saved or removed starts a new one.
        contact = self.get_model("PartnerContact")
        for signal in (post_save, post_delete):
            signal.connect(schedule_invalidation, sender=contact, dispatch_uid=f"partner_contact_{signal}")
