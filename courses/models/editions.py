"""Editions and their sessions: scheduled runs of a course, data with a life of their own."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from academy.models import SiteSettings
from courses.choices import Province, Scope
from courses.models.snippets import Trainer


class BookingState(models.TextChoices):
    """Where an edition stands for someone who wants to enrol, decided by
    EditionQuerySet.with_booking_state()."""

    NOT_PUBLIC = "not_public", _("Niet openbaar")
    CANCELLED = "cancelled", _("Geannuleerd")
    NOT_YET_OPEN = "not_yet_open", _("Inschrijven nog niet geopend")
    CLOSED = "closed", _("Inschrijven gesloten")
    OPEN = "open", _("Inschrijven open")


def _public_condition():
    """The one definition of what the public site may show at all.

    An approved or cancelled edition (a cancelled one stays visible, marked as such, so who
    enrolled sees what happened and calendars update) of a live course still offered,
    outside any programme year still in preparation. Drafts, submitted editions, editions
    in an unpublished programme year and editions of a retired or unpublished course are
    never public.
    """
    return Q(
        status__in=(Edition.Status.APPROVED, Edition.Status.CANCELLED),
        course__live=True,
        course__is_retired=False,
    ) & (Q(programme_year__isnull=True) | Q(programme_year__is_published=True))


class EditionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Edition.Status.APPROVED)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def public(self):
        """Editions the public site may show: see _public_condition()."""
        return self.filter(_public_condition())

    def with_booking_state(self, now=None):
        """Annotate booking_state (a BookingState): the one definition of "bookable".

        An edition is bookable (OPEN) when it is public, approved, not ended, and its
        enrolment window is open at now (opens_at <= now < closes_at).
        """
        now = now or timezone.now()
        window = models.Case(
            models.When(status=Edition.Status.CANCELLED, then=models.Value(BookingState.CANCELLED)),
            models.When(ends_at__lt=now, then=models.Value(BookingState.CLOSED)),
            models.When(enrolment_opens_at__gt=now, then=models.Value(BookingState.NOT_YET_OPEN)),
            models.When(enrolment_closes_at__lte=now, then=models.Value(BookingState.CLOSED)),
            default=models.Value(BookingState.OPEN),
        )
        return self.annotate(
            booking_state=models.Case(
                models.When(_public_condition(), then=window),
                default=models.Value(BookingState.NOT_PUBLIC),
                output_field=models.CharField(),
            )
        )

    def bookable(self, now=None):
        """Public, approved editions that take enrolments at now."""
        return self.with_booking_state(now).filter(booking_state=BookingState.OPEN)

    def taught_by(self, user):
        """Editions the user teaches: their Trainer record is among the edition's trainers or
        among its course's trainers. The one definition of teaching (roles.rules asks it;
        Edition.teacher_user_ids says the same from the edition's side)."""
        taught = Edition.objects.filter(Q(trainers__user=user) | Q(course__trainers__user=user)).values("pk")
        return self.filter(pk__in=taught)

    def with_rates(self):
        """Annotate reduced_rate: what the reduced rate (kansentarief) costs in each edition.

        The one home of price arithmetic: the edition's own reduced price, or else the
        percentage of the standard price in the site settings (rounded to the cent). A free
        edition is free at every rate; free_for_partner_volunteers is the edition's own field.
        """
        percentage = Subquery(
            SiteSettings.objects.filter(site__is_default_site=True).values("reduced_rate_percentage")[:1]
        )
        default = SiteSettings._meta.get_field("reduced_rate_percentage").default
        money = models.DecimalField(max_digits=7, decimal_places=2)
        # Through a float, since SQLite divides whole numbers as integers; the cast back
        # to two decimals rounds to the cent (on SQLite the field's converter does).
        computed = Cast(
            Cast(models.F("price"), models.FloatField()) * Coalesce(percentage, models.Value(default)) / 100,
            money,
        )
        return self.annotate(
            reduced_rate=models.Case(
                models.When(reduced_price__isnull=False, then=models.F("reduced_price")),
                default=computed,
                output_field=money,
            )
        )

    def in_catalogue(self):
        """Public, approved (not cancelled), upcoming editions: what the catalogue lists."""
        return self.public().approved().upcoming()


class Edition(ClusterableModel):
    """One scheduled run of a course, with its own capacity, window and place."""

    class Status(models.TextChoices):
        DRAFT = "concept", _("Concept")
        SUBMITTED = "ingediend", _("Ter goedkeuring")
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    # PROTECT: editing, reverting or unpublishing a course page must never take its
    # editions (and the enrolments on them) along.
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("vorming"), on_delete=models.PROTECT, related_name="editions"
    )
    label = models.CharField(
        _("naam van de editie"), max_length=120, blank=True, help_text=_("Bijvoorbeeld 'Antwerpen, najaar'.")
    )
    programme_year = models.ForeignKey(
        "courses.ProgrammeYear",
        verbose_name=_("werkjaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="editions",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"))
    enrolment_opens_at = models.DateTimeField(_("inschrijven vanaf"))
    enrolment_closes_at = models.DateTimeField(_("inschrijven tot"))
    cancellation_deadline = models.DateTimeField(
        _("annuleren tot"),
        null=True,
        blank=True,
        help_text=_("Leeg: tot het begin van de eerste sessie."),
    )
    scope = models.CharField(_("reikwijdte"), max_length=20, choices=Scope.choices)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    region = models.CharField(_("regio"), max_length=80, blank=True)
    price = models.DecimalField(_("prijs (EUR)"), max_digits=7, decimal_places=2, default=Decimal("0"))
    reduced_price = models.DecimalField(
        _("kansentarief (EUR)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leeg: het percentage van de standaardprijs uit de instellingen van de academie."),
    )
    free_for_partner_volunteers = models.BooleanField(
        _("gratis voor vrijwilligers van partnerorganisaties"),
        default=False,
        help_text=_("Wie bij het inschrijven zegt dat hij vrijwilliger is bij een partnerorganisatie, betaalt niets."),
    )
    release_unpaid_seats = models.BooleanField(
        _("onbetaalde plaatsen vrijgeven"),
        default=False,
        help_text=_("Na de betaaltermijn gaat een onbetaalde plaats naar de wachtlijst."),
    )
    trainers = models.ManyToManyField("courses.Trainer", verbose_name=_("lesgevers"), blank=True)
    restricted_to_audiences = models.ManyToManyField(
        "courses.Audience",
        verbose_name=_("alleen voor"),
        blank=True,
        related_name="+",
        help_text=_("Leeg: iedereen kan inschrijven. Anders alleen wie in zijn profiel een van deze rollen heeft."),
    )
    # The first start and last end of its sessions, kept by the schedule service so the
    # catalogue can filter and sort on dates without touching the sessions.
    starts_at = models.DateTimeField(_("begint op"), null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(_("eindigt op"), null=True, editable=False, db_index=True)
    # Set only by enrolment.services.cancel_edition, which also ends every enrolment.
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geannuleerd door"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cancellation_reason = models.TextField(_("reden van annulering"), blank=True, editable=False)
    # The SEQUENCE of the edition's calendar events (RFC 5545): raised by every change that
    # matters to a calendar (a cancellation, a session moved), so calendar apps replace the
    # events they already hold instead of ignoring the update.
    calendar_sequence = models.PositiveIntegerField(_("versie in de agenda"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EditionQuerySet.as_manager()

    panels = [
        FieldPanel("course"),
        FieldPanel("label"),
        FieldPanel("programme_year"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldRowPanel([FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]),
                FieldPanel("cancellation_deadline"),
                FieldPanel("price"),
                FieldPanel("reduced_price"),
                FieldPanel("free_for_partner_volunteers"),
                FieldPanel("release_unpaid_seats"),
            ],
            heading=_("Inschrijven"),
        ),
        MultiFieldPanel([FieldPanel("scope"), FieldPanel("province"), FieldPanel("region")], heading=_("Waar")),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("restricted_to_audiences", widget=forms.CheckboxSelectMultiple),
        InlinePanel("sessions", heading=_("Sessies"), label=_("sessie"), min_num=1),
    ]

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("editie")
        verbose_name_plural = _("edities")
        permissions = [
            ("approve_edition", _("Kan edities goedkeuren of wijzigingen vragen")),
            ("cancel_edition", _("Kan edities annuleren, voor iedereen die ingeschreven is")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="edition_capacity_positive",
                violation_error_message=_("Een editie heeft minstens één plaats."),
            ),
            models.CheckConstraint(
                condition=Q(price__gte=0),
                name="edition_price_not_negative",
                violation_error_message=_("De prijs kan niet negatief zijn."),
            ),
            models.CheckConstraint(
                condition=Q(reduced_price__isnull=True) | Q(reduced_price__gte=0, reduced_price__lte=models.F("price")),
                name="edition_reduced_price_within_price",
                violation_error_message=_("Het kansentarief ligt tussen 0 en de standaardprijs."),
            ),
            models.CheckConstraint(
                condition=Q(enrolment_closes_at__gt=models.F("enrolment_opens_at")),
                name="edition_enrolment_window_ordered",
                violation_error_message=_("Het inschrijven moet sluiten na het openen."),
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_at"], name="edition_catalogue_idx")]

    def __str__(self):
        name = self.course.title
        return f"{name} ({self.label})" if self.label else name

    def teacher_user_ids(self):
        """Primary keys of the users who teach this edition (see EditionQuerySet.taught_by)."""
        return Trainer.objects.filter(Q(edition=self.pk) | Q(coursepage=self.course_id), user__isnull=False).values(
            "user"
        )

    @property
    def places_left(self):
        """Free places; needs the free_places annotation of courses.selectors.list_editions_with_places()."""
        return self.free_places

    @property
    def is_full(self):
        return self.places_left == 0

    @property
    def effective_cancellation_deadline(self):
        return self.cancellation_deadline or self.starts_at


class EditionReview(models.Model):
    """One step of an edition's approval round: submitted, approved, or changes requested."""

    class Step(models.TextChoices):
        SUBMITTED = "ingediend", _("Ingediend ter goedkeuring")
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        CHANGES_REQUESTED = "wijzigingen", _("Wijzigingen gevraagd")

    edition = models.ForeignKey(Edition, verbose_name=_("editie"), on_delete=models.CASCADE, related_name="reviews")
    step = models.CharField(_("stap"), max_length=20, choices=Step.choices)
    comment = models.TextField(_("opmerking"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("beoordeling van een editie")
        verbose_name_plural = _("beoordelingen van edities")
        constraints = [
            models.CheckConstraint(
                condition=~Q(step="wijzigingen") | ~Q(comment=""),
                name="edition_review_changes_have_a_comment",
                violation_error_message=_("Schrijf erbij welke wijzigingen nodig zijn."),
            ),
        ]

    def __str__(self):
        return f"{self.edition}: {self.get_step_display()}"


class Session(models.Model):
    edition = ParentalKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=160, blank=True)
    starts_at = models.DateTimeField(_("begin"))
    ends_at = models.DateTimeField(_("einde"))
    venue = models.ForeignKey(
        "courses.Venue", verbose_name=_("locatie"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    online_url = models.URLField(_("onlinelink"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("venue"),
        FieldPanel("online_url"),
    ]

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("Een sessie moet eindigen na haar begin."),
            ),
            models.CheckConstraint(
                condition=Q(venue__isnull=False) | ~Q(online_url=""),
                name="session_has_venue_or_link",
                violation_error_message=_("Geef een locatie of een onlinelink op."),
            ),
        ]

    def __str__(self):
        return self.title or timezone.localtime(self.starts_at).strftime("%d/%m/%Y %H:%M")

    @property
    def is_online(self):
        return self.venue_id is None
