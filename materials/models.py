"""Course material: public, or for the participants of the course only."""

import posixpath

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from academy.private_storage import private_storage


class CourseMaterial(models.Model):
    class Kind(models.TextChoices):
        TEXT = "tekst", _("Tekst")
        DOCUMENT = "document", _("Document")
        LINK = "link", _("Link")
        VIDEO = "video", _("Video")

    class Visibility(models.TextChoices):
        PUBLIC = "openbaar", _("Openbaar")
        PARTICIPANTS = "deelnemers", _("Alleen voor deelnemers")

    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("vorming"), on_delete=models.CASCADE, related_name="materials"
    )
    session = models.ForeignKey(
        "courses.Session",
        verbose_name=_("sessie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
        help_text=_("Leeg: materiaal bij de hele vorming."),
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    body = RichTextField(_("tekst"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Voor openbaar materiaal: een document uit de documentenbibliotheek."),
    )
    # Wagtail's documents all live under the public MEDIA_ROOT; participants-only files go to
    # the private storage instead and are read only through the checked download view.
    file = models.FileField(
        _("bestand voor deelnemers"),
        upload_to="materials/",
        storage=private_storage,
        blank=True,
        help_text=_("Voor materiaal alleen voor deelnemers: het bestand wordt afgeschermd bewaard."),
    )
    link_url = models.URLField(_("link"), blank=True)
    video_url = models.URLField(_("video (YouTube, Vimeo …)"), blank=True)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=20, choices=Visibility.choices, default=Visibility.PARTICIPANTS
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("session"),
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("visibility"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("file"),
        FieldPanel("link_url"),
        FieldPanel("video_url"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("lesmateriaal")
        verbose_name_plural = _("lesmateriaal")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="document", visibility="openbaar") | models.Q(document__isnull=False),
                name="public_document_material_has_a_document",
                violation_error_message=_("Kies een document."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="document", visibility="deelnemers") | ~models.Q(file=""),
                name="restricted_document_material_has_a_private_file",
                violation_error_message=_("Laad het bestand op bij ‘Bestand voor deelnemers’."),
            ),
            models.CheckConstraint(
                condition=~models.Q(visibility="deelnemers") | models.Q(document__isnull=True),
                name="restricted_material_uses_no_library_document",
                violation_error_message=_(
                    "Documenten uit de bibliotheek zijn openbaar. "
                    "Laad materiaal alleen voor deelnemers op bij ‘Bestand voor deelnemers’."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(visibility="openbaar") | models.Q(file=""),
                name="public_material_has_no_private_file",
                violation_error_message=_(
                    "Openbaar materiaal kies je uit de documentenbibliotheek, niet bij ‘Bestand voor deelnemers’."
                ),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="link") | ~models.Q(link_url=""),
                name="link_material_has_a_url",
                violation_error_message=_("Geef een link op."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="video") | ~models.Q(video_url=""),
                name="video_material_has_a_url",
                violation_error_message=_("Geef de link naar de video op."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_restricted(self):
        return self.visibility == self.Visibility.PARTICIPANTS

    @property
    def filename(self):
        return posixpath.basename(self.file.name)
