from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerContact(models.Model):
    """A person who sees the participation of one partner organisation's members.

    A person is contact for at most one organisation; an organisation may have several.
    What they may see is decided in roles.rules (organisations_with_visible_members).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_contact",
        verbose_name=_("persoon"),
    )
    organisation = models.ForeignKey(
        "courses.PartnerOrganisation",
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("partnerorganisatie"),
    )
    created_at = models.DateTimeField(_("aangeduid op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactpersoon van een partnerorganisatie")
        verbose_name_plural = _("contactpersonen van partnerorganisaties")
        permissions = [("view_member_participation", _("De deelname van de leden van de eigen organisatie zien"))]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.email} ({self.organisation})"
