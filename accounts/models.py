from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Profile(models.Model):
    """What the academy knows about a person beyond their login: one per user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile", verbose_name=_("gebruiker")
    )
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80, blank=True)
    roles = models.ManyToManyField("courses.Audience", related_name="profiles", blank=True, verbose_name=_("ik ben"))
    partner_organisations = models.ManyToManyField(
        "courses.PartnerOrganisation",
        related_name="member_profiles",
        blank=True,
        verbose_name=_("lid van partnerorganisaties"),
    )
    accessibility_needs = models.TextField(_("noden voor toegankelijkheid"), blank=True)
    dietary_needs = models.TextField(_("voedingswensen"), blank=True)
    consent_given = models.BooleanField(_("toestemming voor gegevensverwerking"), default=False)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    # Separate from consent_given: whether the person's own organisations may see in what they
    # take part (partner_contacts), withdrawable at any time.
    shares_participation = models.BooleanField(
        _("mijn organisatie mag zien aan welke vormingen ik deelneem"), default=False
    )
    shares_participation_since = models.DateTimeField(_("deelname gedeeld sinds"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("profiel")
        verbose_name_plural = _("profielen")
        permissions = [("merge_people", _("Kan twee records van dezelfde persoon samenvoegen"))]
        constraints = [
            # Consent without the moment it was given proves nothing.
            models.CheckConstraint(
                condition=models.Q(consent_given=False, consent_given_at__isnull=True)
                | models.Q(consent_given=True, consent_given_at__isnull=False),
                name="accounts_profile_consent_has_moment",
            ),
            models.CheckConstraint(
                condition=models.Q(shares_participation=False, shares_participation_since__isnull=True)
                | models.Q(shares_participation=True, shares_participation_since__isnull=False),
                name="accounts_profile_sharing_has_moment",
            ),
        ]

    def __str__(self):
        return str(self.user)
