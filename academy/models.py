"""Site-wide pages and settings, and the records that keep background work exactly once."""

from django_tasks_db.models import DBTaskResult

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from academy.page_cache import get_for_generation, process_memo
from academy.view_restrictions import ViewRestrictionsMixin

MAX_FEATURED_COURSES = 6


class HomePage(ViewRestrictionsMixin, Page):
    intro = models.TextField(_("inleiding"), blank=True)
    body = RichTextField(_("tekst"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel(
            "featured_courses",
            heading=_("Uitgelichte vormingen"),
            label=_("uitgelichte vorming"),
            max_num=MAX_FEATURED_COURSES,
            help_text=_("Kies tot zes vormingen die de stuurgroep op de startpagina wil uitlichten."),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["courses.CatalogueIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("startpagina")

    def route(self, request, path_components):
        # Every offer URL starts with a child of the home page (/aanbod/…); knowing those
        # per generation saves two queries on every page below them.
        if len(path_components) > 1:
            # A deeper live page (a course three levels down) is read in one query instead
            # of two per level. None of the pages between overrides route().
            found = get_for_generation(f"home-descendants-{self.pk}", self._live_descendants_by_path)
            target = found.get(tuple(path_components))
            if target is not None:
                return self._live_descendant(*target).route(request, [])
        if path_components:
            child = get_for_generation(f"home-children-{self.pk}", self._live_children_by_slug).get(path_components[0])
            if child is not None:
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def _live_descendant(self, content_type_id, pk):
        # The page itself is kept per generation in this process too, as the home page's
        # children are: reading a course page costs a query over its two tables.
        pages = process_memo(f"home-descendant-pages-{self.pk}")
        if pk not in pages:
            page_class = ContentType.objects.get_for_id(content_type_id).model_class()
            pages[pk] = page_class.objects.get(pk=pk)
        return pages[pk]

    def _live_children_by_slug(self):
        return {child.slug: child for child in self.get_children().live().specific()}

    def _live_descendants_by_path(self):
        start = len(self.url_path)
        rows = self.get_descendants().live().values_list("url_path", "content_type_id", "pk")
        return {
            tuple(url_path[start:].strip("/").split("/")): (content_type, pk) for url_path, content_type, pk in rows
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The apps above the academy core fill the home page: the tracks, what starts soon
        # and the featured courses (courses), the public course requests (curation).
        for hook in hooks.get_hooks("home_page_context"):
            context.update(hook(request, self))
        return context


class FeaturedCourse(Orderable):
    """A course the steering group puts on the home page, in the order they chose."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("vorming"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("course", page_type="courses.CoursePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("uitgelichte vorming")
        verbose_name_plural = _("uitgelichte vormingen")

    def __str__(self):
        return str(self.course)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """The academy's one name and logo, its contact details and the certificate signatory."""

    academy_name = models.CharField(_("naam van de academie"), max_length=120, default="Sociale en Politieke Academie")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    contact_address = models.TextField(_("adres"), blank=True)
    signatory_name = models.CharField(_("naam ondertekenaar"), max_length=120, blank=True)
    signatory_title = models.CharField(_("functie ondertekenaar"), max_length=120, blank=True)
    reduced_rate_percentage = models.PositiveSmallIntegerField(
        _("kansentarief (% van de standaardprijs)"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("Wat wie het kansentarief kiest betaalt, voor edities die zelf geen kansentarief geven."),
    )

    panels = [
        FieldPanel("academy_name"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_address")],
            heading=_("Contact"),
        ),
        MultiFieldPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")], heading=_("Attesten")),
        FieldPanel("reduced_rate_percentage"),
    ]

    class Meta:
        verbose_name = _("instellingen van de academie")


class SentMail(models.Model):
    """A mail that went out for an event (academy.outbox.send_once): the unique pair of
    event and recipient is what keeps a task that runs twice from mailing twice.

    The recipient is kept as a hash of the addresses only: enough to recognise a second
    send, and no personal data to erase with an account."""

    event = models.CharField(_("gebeurtenis"), max_length=200)
    recipient_hash = models.CharField(_("ontvanger (hash)"), max_length=64)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde mail")
        verbose_name_plural = _("verstuurde mails")
        constraints = [models.UniqueConstraint(fields=["event", "recipient_hash"], name="sent_mail_once_per_event")]

    def __str__(self):
        return self.event


class BackgroundTask(DBTaskResult):
    """The task results of the database task backend, seen by staff: the home of the
    permission to follow failed tasks and retry them (academy.task_recovery)."""

    class Meta:
        proxy = True
        default_permissions = ()
        permissions = [("manage_backgroundtask", _("Mislukte achtergrondtaken bekijken en opnieuw proberen"))]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
