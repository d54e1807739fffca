from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerContactsConfig(AppConfig):
    name = "partner_contacts"
    verbose_name = _("Partnercontacten")
