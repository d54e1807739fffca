"""The printed programme brochure of a programme year: the whole offer, or a partner's or a
province's part of it, as one PDF in the private storage."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from academy.private_storage import private_storage
from courses.choices import Province


class BrochureQuerySet(models.QuerySet):
    def with_pdf(self):
        return self.exclude(pdf="")

    def public(self):
        """Brochures anyone may download: the main brochure of a published programme year
        that is not over, once its PDF exists. The one definition of a public brochure."""
        return self.with_pdf().filter(
            variant=Brochure.Variant.MAIN,
            programme_year__is_published=True,
            programme_year__ends_on__gte=timezone.localdate(),
        )


class Brochure(models.Model):
    """One brochure of a programme year: the main one, or a partner's or a province's variant.

    The PDF is replaced whole: a new file is written beside the old one and the row switched
    to it in one transaction (brochure.services.make_brochure), so the file a row names is
    always complete.
    """

    class Variant(models.TextChoices):
        MAIN = "programma", _("Volledig programma")
        PARTNER = "partner", _("Per partnerorganisatie")
        PROVINCE = "provincie", _("Per provincie")

    class Status(models.TextChoices):
        QUEUED = "wacht", _("Wordt gemaakt")
        READY = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    programme_year = models.ForeignKey(
        "courses.ProgrammeYear", verbose_name=_("werkjaar"), on_delete=models.CASCADE, related_name="brochures"
    )
    variant = models.CharField(_("versie"), max_length=20, choices=Variant.choices, default=Variant.MAIN)
    partner = models.ForeignKey(
        "courses.PartnerOrganisation",
        verbose_name=_("partnerorganisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    pdf = models.FileField(_("pdf"), storage=private_storage, upload_to="brochures/", blank=True, max_length=200)
    page_count = models.PositiveIntegerField(_("aantal pagina's"), default=0)
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gevraagd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rendered_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)

    objects = BrochureQuerySet.as_manager()

    class Meta:
        ordering = ["-programme_year__starts_on", "variant", "partner__name", "province"]
        verbose_name = _("brochure")
        verbose_name_plural = _("brochures")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(variant="programma", partner__isnull=True, province="")
                    | Q(variant="partner", partner__isnull=False, province="")
                    | Q(variant="provincie", partner__isnull=True) & ~Q(province="")
                ),
                name="brochure_variant_names_its_subject",
                violation_error_message=_("Een versie per partner of per provincie noemt die partner of provincie."),
            ),
            models.UniqueConstraint(
                fields=["programme_year"], condition=Q(variant="programma"), name="brochure_one_main_per_year"
            ),
            models.UniqueConstraint(
                fields=["programme_year", "partner"],
                condition=Q(variant="partner"),
                name="brochure_one_per_partner_and_year",
            ),
            models.UniqueConstraint(
                fields=["programme_year", "province"],
                condition=Q(variant="provincie"),
                name="brochure_one_per_province_and_year",
            ),
        ]

    def __str__(self):
        return f"{self.programme_year} – {self.subject_label}"

    @property
    def subject_label(self):
        if self.variant == self.Variant.PARTNER:
            return self.partner.name
        if self.variant == self.Variant.PROVINCE:
            return self.get_province_display()
        return str(self.Variant.MAIN.label)

    def file_slug(self):
        """The name of the downloaded file, without extension."""
        if self.variant == self.Variant.PARTNER:
            return f"programma-{self.programme_year.name}-{self.partner.slug}"
        if self.variant == self.Variant.PROVINCE:
            return f"programma-{self.programme_year.name}-{self.province}"
        return f"programma-{self.programme_year.name}"
