"""Participation and package certificates: what was achieved, under a code that never changes."""

import base64
import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from academy.private_storage import private_storage

CODE_BYTES = 16  # 128 bits of randomness

# The holder name of a certificate whose holder had their account erased. A stored value,
# so not translated: the services compare against it.
ERASED_HOLDER_NAME = "Verwijderde deelnemer"


def new_certificate_code():
    """An unguessable code: 128 random bits in lower-case base32, 26 characters."""
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode().rstrip("=").lower()


# Whitespace and the dashes a PDF viewer or a word processor may put in when a printed code
# (Certificate.readable_code) is copied or typed over.
CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
# What a normalised code may hold: lower-case base32.
CODE_ALPHABET = re.compile(r"[a-z2-7]+")


def normalise_certificate_code(code: str) -> str:
    """Return the stored form of a code as printed: no spaces or dashes, lower case."""
    return CODE_SEPARATORS.sub("", code).lower()


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        EDITION = "deelname", _("Deelnameattest")
        PACKAGE = "pakket", _("Pakketattest")

    code = models.CharField(_("code"), max_length=32, unique=True, default=new_certificate_code, editable=False)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.PROTECT, related_name="certificates"
    )
    edition = models.ForeignKey(
        "courses.Edition",
        verbose_name=_("editie"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    package = models.ForeignKey(
        "courses.PackagePage",
        verbose_name=_("pakket"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # What the certificate says, kept as issued: a course renamed later does not change a
    # certificate printed years ago; only a corrected holder name re-renders it.
    holder_name = models.CharField(_("naam op het attest"), max_length=200)
    title = models.CharField(_("vorming of pakket"), max_length=255)
    track_title = models.CharField(_("traject"), max_length=255, blank=True)
    level = models.CharField(_("niveau"), max_length=80, blank=True)
    first_day = models.DateField(_("van"), null=True, blank=True)
    last_day = models.DateField(_("tot"), null=True, blank=True)
    sessions_attended = models.PositiveSmallIntegerField(_("sessies bijgewoond"), null=True, blank=True)
    sessions_total = models.PositiveSmallIntegerField(_("sessies"), null=True, blank=True)
    partner_names = models.TextField(_("partnerorganisaties"), blank=True)
    courses_completed = models.TextField(_("voltooide vormingen"), blank=True)
    issuer_name = models.CharField(_("uitgereikt door"), max_length=200)
    issued_at = models.DateTimeField(_("uitgereikt op"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgereikt door medewerker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg wanneer het attest automatisch werd uitgereikt."),
    )
    issue_note = models.TextField(_("motivering"), blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reden van intrekking"), blank=True)
    # Private: the holder's name and achievement, read only through the checked downloads.
    pdf = models.FileField(_("pdf"), upload_to="certificates/", storage=private_storage, blank=True)
    rendered_at = models.DateTimeField(_("pdf gemaakt op"), null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("attest")
        verbose_name_plural = _("attesten")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "edition"],
                condition=Q(kind="deelname"),
                name="one_certificate_per_person_and_edition",
                violation_error_message=_("Deze persoon heeft al een attest voor deze editie."),
            ),
            models.UniqueConstraint(
                fields=["person", "package"],
                condition=Q(kind="pakket"),
                name="one_certificate_per_person_and_package",
                violation_error_message=_("Deze persoon heeft al een attest voor dit pakket."),
            ),
            models.CheckConstraint(
                condition=(Q(kind="deelname", edition__isnull=False, package__isnull=True))
                | Q(kind="pakket", package__isnull=False, edition__isnull=True),
                name="certificate_is_for_an_edition_or_a_package",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="revoked_certificate_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.title} – {self.holder_name}"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_holder_erased(self):
        return self.holder_name == ERASED_HOLDER_NAME

    @property
    def readable_code(self):
        """The code in groups of four, as printed for reading aloud or typing over."""
        return "-".join(self.code[index : index + 4] for index in range(0, len(self.code), 4)).upper()
