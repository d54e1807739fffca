"""Enrolments: a person in an edition, with a status that keeps its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Enrolment.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Enrolment.Status.WAITLISTED)

    def active(self):
        return self.filter(status__in=Enrolment.ACTIVE_STATUSES)

    def in_waitlist_order(self):
        return self.waitlisted().order_by("created_at", "pk")


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "in_afwachting", _("In afwachting van goedkeuring")
        CONFIRMED = "bevestigd", _("Bevestigd")
        WAITLISTED = "wachtlijst", _("Op de wachtlijst")
        CANCELLED = "geannuleerd", _("Geannuleerd")
        CANCELLED_BY_ACADEMY = "geannuleerd_academie", _("Geannuleerd door de academie")

    ACTIVE_STATUSES = (Status.PENDING, Status.CONFIRMED, Status.WAITLISTED)

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.PROTECT, related_name="enrolments"
    )
    edition = models.ForeignKey(
        "courses.Edition", verbose_name=_("editie"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    created_at = models.DateTimeField(_("ingeschreven op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingeschreven door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg wanneer de deelnemer zichzelf inschreef."),
    )
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geannuleerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancellation_reason = models.TextField(_("reden van annulering"), blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    via_partner = models.ForeignKey(
        "courses.PartnerOrganisation",
        verbose_name=_("via partnerorganisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="channel_enrolments",
        help_text=_("De partner via wiens website, feed of link de deelnemer kwam."),
    )

    objects = EnrolmentQuerySet.as_manager()

    # Nothing links to an enrolment from content; indexing references would only queue a task per write.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "edition"],
                condition=Q(status__in=["in_afwachting", "bevestigd", "wachtlijst"]),
                name="one_active_enrolment_per_person_and_edition",
                violation_error_message=_("Deze persoon is al ingeschreven voor deze editie."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["geannuleerd", "geannuleerd_academie"]) | Q(cancelled_at__isnull=False),
                name="cancelled_enrolment_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"], name="enrolment_edition_status_idx")]

    def __str__(self):
        return f"{self.person} – {self.edition}"

    @property
    def is_active(self):
        return self.status in self.ACTIVE_STATUSES


class EnrolmentEvent(models.Model):
    """One change of an enrolment's status: the history that is never deleted."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Enrolment.Status.choices)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("toelichting"), blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("wijziging van een inschrijving")
        verbose_name_plural = _("wijzigingen van inschrijvingen")

    def __str__(self):
        return f"{self.enrolment}: {self.get_status_display()}"


class PackageExemption(models.Model):
    """Erkenning van eerder verworven competenties: counts as having completed a package."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="exemptions"
    )
    package = models.ForeignKey(
        "courses.PackagePage", verbose_name=_("pakket"), on_delete=models.PROTECT, related_name="exemptions"
    )
    reason = models.TextField(_("motivering"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegekend door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("toegekend op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vrijstelling (EVC)")
        verbose_name_plural = _("vrijstellingen (EVC)")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "package"],
                name="one_exemption_per_person_and_package",
                violation_error_message=_("Deze persoon heeft al een vrijstelling voor dit pakket."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.package}"
