"""Reference data that editors manage as Wagtail snippets."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from courses.choices import AudienceCode, Province


class PartnerOrganisation(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partnerorganisatie")
        ASSOCIATED = "geassocieerd", _("Geassocieerde partner")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.PARTNER)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(
        _("korte voorstelling"),
        blank=True,
        help_text=_("Wie jullie zijn, in twee of drie zinnen, voor de partnerpagina."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self):
        return self.name


class Audience(models.Model):
    """One of the fixed target groups; rows are created by a data migration."""

    code = models.CharField(_("code"), max_length=30, choices=AudienceCode.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")

    def __str__(self):
        return self.get_code_display()


class Venue(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=160)
    street = models.CharField(_("straat en nummer"), max_length=160)
    postcode = models.CharField(_("postcode"), max_length=10)
    municipality = models.CharField(_("gemeente"), max_length=80)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    step_free = models.BooleanField(_("rolstoeltoegankelijk (drempelvrij)"), default=False)
    hearing_loop = models.BooleanField(_("ringleiding"), default=False)
    public_transport = models.BooleanField(_("bereikbaar met het openbaar vervoer"), default=False)
    accessibility_notes = models.TextField(_("toelichting toegankelijkheid"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldPanel("postcode"),
        FieldPanel("municipality"),
        FieldPanel("province"),
        FieldPanel("step_free"),
        FieldPanel("hearing_loop"),
        FieldPanel("public_transport"),
        FieldPanel("accessibility_notes"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("municipality")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self):
        return f"{self.name}, {self.municipality}"

    @property
    def address(self):
        return f"{self.street}, {self.postcode} {self.municipality}"


class ProgrammeYear(models.Model):
    """A werkjaar such as 2026-2027: the offer the steering group fixes and publishes."""

    name = models.CharField(_("naam"), max_length=20, unique=True, help_text=_("Bijvoorbeeld 2026-2027"))
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    introduction = RichTextField(
        _("inleiding"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Staat vooraan in de gedrukte programmabrochure van dit werkjaar."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("is_published"),
        FieldPanel("introduction"),
    ]

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="programme_year_ends_after_start",
                violation_error_message=_("Een werkjaar eindigt na zijn begin."),
            )
        ]
        verbose_name = _("werkjaar")
        verbose_name_plural = _("werkjaren")

    def __str__(self):
        return self.name


class Trainer(index.Indexed, models.Model):
    """A lesgever as shown on course pages; optionally linked to a user account."""

    name = models.CharField(_("naam"), max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_profile",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainers",
    )
    bio = models.TextField(_("korte voorstelling"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("lesgever")
        verbose_name_plural = _("lesgevers")

    def __str__(self):
        return self.name
