"""Enrolments: a person in an edition, with a status that keeps its history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EnrolmentQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Enrolment.Status.CONFIRMED)

    def active(self):
        return self.filter(status__in=Enrolment.ACTIVE_STATUSES)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "in_afwachting", _("In afwachting van goedkeuring")
        CONFIRMED = "bevestigd", _("Bevestigd")
        WAITLISTED = "wachtlijst", _("Op de wachtlijst")
        CANCELLED = "geannuleerd", _("Geannuleerd")

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

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "edition"],
                condition=Q(status__in=["in_afwachting", "bevestigd", "wachtlijst"]),
                name="one_active_enrolment_per_person_and_edition",
            )
        ]
        indexes = [models.Index(fields=["edition", "status"], name="enrolment_edition_status_idx")]

    def __str__(self):
        return f"{self.person} – {self.edition}"
