"""Attendance: who was at which session, recorded by a trainer or by self check-in."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L: the code is read off a projected slide and typed on a phone.
CHECK_IN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHECK_IN_CODE_LENGTH = 6


def normalise_check_in_code(code: str) -> str:
    """The code as stored: upper case, without spaces, dashes or look-alike characters."""
    return "".join(character for character in code.upper() if character in CHECK_IN_ALPHABET)


def new_check_in_code():
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(CHECK_IN_CODE_LENGTH))


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "aanwezig", _("Aanwezig")
        ABSENT = "afwezig", _("Afwezig")
        EXCUSED = "verontschuldigd", _("Gewettigd afwezig")

    class Source(models.TextChoices):
        RECORDED = "genoteerd", _("Genoteerd door lesgever of academie")
        CHECK_IN = "zelf", _("Zelf ingecheckt")

    enrolment = models.ForeignKey(
        "enrolment.Enrolment", verbose_name=_("inschrijving"), on_delete=models.CASCADE, related_name="attendances"
    )
    # PROTECT: a session that has attendance cannot silently vanish from an edition.
    session = models.ForeignKey(
        "courses.Session", verbose_name=_("sessie"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("aanwezigheid"), max_length=20, choices=Status.choices)
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.RECORDED)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("genoteerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("genoteerd op"), auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheden")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"],
                name="one_attendance_per_enrolment_and_session",
                violation_error_message=_("De aanwezigheid voor deze sessie is al genoteerd."),
            )
        ]

    def __str__(self):
        return f"{self.enrolment.person} – {self.session}: {self.get_status_display()}"


class CheckInCode(models.Model):
    """The short code that lets participants mark themselves present during a session."""

    session = models.OneToOneField(
        "courses.Session", verbose_name=_("sessie"), on_delete=models.CASCADE, related_name="check_in_code"
    )
    code = models.CharField(_("code"), max_length=12, unique=True, default=new_check_in_code)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("incheckcode")
        verbose_name_plural = _("incheckcodes")

    def __str__(self):
        return self.code
