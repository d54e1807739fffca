"""The offer as a Wagtail page tree: catalogue > track > package > course."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from academy.view_restrictions import ViewRestrictionsMixin
from courses.choices import DEFAULT_TRACK_COLOUR, CourseFormat, PackageLevel, TrackColour, track_colour_hex


class CatalogueIndexPage(ViewRestrictionsMixin, Page):
    """The catalogue at /aanbod/: every upcoming edition, filterable by query string."""

    intro = RichTextField(_("inleiding"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["academy.HomePage"]
    subpage_types = ["courses.TrackPage"]
    max_count = 1

    class Meta:
        verbose_name = _("cataloguspagina")

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import get_catalogue

        context = super().get_context(request, *args, **kwargs)
        context["catalogue"] = get_catalogue(request.GET, page_number=request.GET.get("pagina"))
        # What upper apps add to the catalogue (the programme brochure's download link).
        for hook in hooks.get_hooks("catalogue_page_context"):
            context.update(hook(request))
        return context


class TrackPage(ViewRestrictionsMixin, Page):
    """One of the three tracks (trajecten), with its packages and loose courses."""

    summary = models.TextField(_("samenvatting"), max_length=400, blank=True)
    intro = RichTextField(_("inleiding"), blank=True)
    colour = models.CharField(
        _("kleur"),
        max_length=20,
        choices=TrackColour.choices,
        default=DEFAULT_TRACK_COLOUR,
        help_text=_("De kleur van het traject op kaarten, pagina's en attesten. Geef elk traject een andere kleur."),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("intro"), FieldPanel("colour")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.CatalogueIndexPage"]
    subpage_types = ["courses.PackagePage", "courses.CoursePage"]

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")

    @property
    def colour_hex(self):
        return track_colour_hex(self.colour)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import get_track_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(get_track_overview(self))
        return context


class PackagePage(ViewRestrictionsMixin, Page):
    """A basic or advanced package of a track: its required courses and electives."""

    level = models.CharField(_("niveau"), max_length=20, choices=PackageLevel.choices)
    summary = models.TextField(_("samenvatting"), max_length=400, blank=True)
    intro = RichTextField(_("inleiding"), blank=True)
    electives_required = models.PositiveSmallIntegerField(
        _("aantal keuzevormingen nodig"),
        default=0,
        help_text=_("Hoeveel vormingen die niet verplicht zijn, het pakket vervolledigen."),
    )
    required_package = models.ForeignKey(
        "courses.PackagePage",
        verbose_name=_("vereist eerst"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Het pakket dat een deelnemer eerst voltooid moet hebben."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("level"),
        FieldPanel("summary"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("electives_required"), FieldPanel("required_package")],
            heading=_("Voltooiing"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]

    parent_page_types = ["courses.TrackPage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("pakket")
        verbose_name_plural = _("pakketten")

    def clean(self):
        super().clean()
        if self.required_package_id is not None:
            if self.pk is not None and self.required_package_id == self.pk:
                raise ValidationError({"required_package": _("Een pakket kan zichzelf niet vereisen.")})
            if self.required_package.level != PackageLevel.BASIC:
                raise ValidationError({"required_package": _("Alleen een basispakket kan vereist worden.")})

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import get_package_overview

        context = super().get_context(request, *args, **kwargs)
        context.update(get_package_overview(self))
        return context


class CoursePage(ViewRestrictionsMixin, Page):
    """A course (vorming): the curated content; its editions hold the dates."""

    summary = models.TextField(_("samenvatting"), max_length=400)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Op de kaarten en bovenaan de pagina. Zet het focuspunt op wat belangrijk is: "
            "bij het bijsnijden blijft dat in beeld. Geef de afbeelding een beschrijving voor wie ze niet ziet."
        ),
    )
    description = RichTextField(_("beschrijving"), blank=True)
    learning_goals = RichTextField(_("leerdoelen"), blank=True, features=["ul", "ol", "bold", "italic", "link"])
    format = models.CharField(_("vorm"), max_length=30, choices=CourseFormat.choices)
    audiences = ParentalManyToManyField("courses.Audience", verbose_name=_("doelgroepen"), blank=True)
    themes = ParentalManyToManyField("courses.Theme", verbose_name=_("thema's"), blank=True)
    partner_organisations = ParentalManyToManyField(
        "courses.PartnerOrganisation", verbose_name=_("partnerorganisaties"), blank=True
    )
    trainers = ParentalManyToManyField("courses.Trainer", verbose_name=_("lesgevers"), blank=True)
    is_required = models.BooleanField(
        _("verplicht in het pakket"),
        default=False,
        help_text=_("Alleen van toepassing op een vorming binnen een pakket."),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("vereiste aanwezigheid (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Het deel van de sessies dat een deelnemer bijwoont om de vorming te voltooien."),
    )
    excused_absence_counts = models.BooleanField(_("gewettigde afwezigheid telt als aanwezig"), default=False)
    is_retired = models.BooleanField(
        _("niet meer aangeboden"),
        default=False,
        help_text=_(
            "Haalt de vorming uit het aanbod. Haar pagina, inschrijvingen, agenda's en attesten blijven bestaan."
        ),
    )
    # Where the course sits in the tree, derived from its parent by placement_under(): on
    # every save by clean(), after a move, copy or publish by courses.services.sync_course_placement,
    # so the catalogue can filter and count by track and package level without walking the tree.
    track = models.ForeignKey(
        "courses.TrackPage", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    package = models.ForeignKey(
        "courses.PackagePage", null=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("description"),
        FieldPanel("learning_goals"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partner_organisations", widget=forms.CheckboxSelectMultiple),
                FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Kenmerken"),
        ),
        MultiFieldPanel(
            [FieldPanel("is_required"), FieldPanel("attendance_threshold"), FieldPanel("excused_absence_counts")],
            heading=_("Voltooiing"),
        ),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("is_retired")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("learning_goals"),
        index.FilterField("live"),
    ]

    parent_page_types = ["courses.PackagePage", "courses.TrackPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("vorming")
        verbose_name_plural = _("vormingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(attendance_threshold__gte=1, attendance_threshold__lte=100),
                name="course_attendance_threshold_is_a_percentage",
                violation_error_message=_("De vereiste aanwezigheid ligt tussen 1 en 100 %."),
            )
        ]

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        self.track, self.package = self.placement_under(parent.specific if parent else None)

    @staticmethod
    def placement_under(parent):
        """Return the (track, package) of a course whose parent page is the given page."""
        if isinstance(parent, PackagePage):
            return parent.get_parent().specific, parent
        if isinstance(parent, TrackPage):
            return parent, None
        return None, None

    def get_sitemap_urls(self, request=None):
        # A retired course's page stays for who enrolled, but is no longer part of the offer.
        if self.is_retired:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors import get_course_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(get_course_detail(self, person=request.user))
        # What the apps above courses add (enrolment: the visitor's enrolment per edition;
        # materials: the course's material), so courses names no upper module.
        for hook in hooks.get_hooks("course_page_context"):
            hook(self, request, context)
        return context
