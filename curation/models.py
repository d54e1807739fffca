"""Course requests (vormingsvragen): the demand-driven offer, triaged by the steering group."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from courses.choices import AudienceCode, CourseFormat, Province

MIN_GROUP_SIZE = 1
MAX_GROUP_SIZE = 500


class CourseRequestQuerySet(models.QuerySet):
    def public(self):
        """Requests their requester made public and the steering group has not rejected."""
        return self.filter(is_public=True).exclude(status=CourseRequest.Status.REJECTED)


class CourseRequest(models.Model):
    """A request for a course, filed by anyone, with or without an account."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        IN_REVIEW = "in_behandeling", _("In behandeling")
        ACCEPTED = "aanvaard", _("Aanvaard")
        SCHEDULED = "ingepland", _("Ingepland")
        REJECTED = "afgewezen", _("Afgewezen")

    theme = models.ForeignKey(
        "courses.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_requests",
    )
    track = models.ForeignKey(
        "courses.TrackPage",
        verbose_name=_("traject"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_requests",
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=2000, blank=True)
    format = models.CharField(_("vorm"), max_length=20, choices=CourseFormat.choices, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=80)
    province = models.CharField(_("provincie"), max_length=20, choices=Province.choices)
    audience = models.CharField(_("doelgroep"), max_length=30, choices=AudienceCode.choices, blank=True)
    group_size = models.PositiveSmallIntegerField(
        _("verwachte groepsgrootte"),
        validators=[MinValueValidator(MIN_GROUP_SIZE), MaxValueValidator(MAX_GROUP_SIZE)],
    )
    period = models.CharField(_("periode"), max_length=80, help_text=_("Bijvoorbeeld 'voorjaar 2027'."))
    organisation = models.CharField(_("organisatie"), max_length=150, blank=True)
    partner_organisation = models.ForeignKey(
        "courses.PartnerOrganisation",
        verbose_name=_("partnerorganisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="course_requests",
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=150)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"))
    contact_phone = models.CharField(_("telefoonnummer contactpersoon"), max_length=30, blank=True)
    is_public = models.BooleanField(_("openbaar"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    # Internal to the steering group: never shown on the public site or mailed.
    notes = models.TextField(_("notities van de stuurgroep"), blank=True)
    answered_by_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("beantwoord met vorming"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_requests",
    )
    answered_by_edition = models.ForeignKey(
        "courses.Edition",
        verbose_name=_("beantwoord met editie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answered_requests",
    )
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = CourseRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("vormingsvraag")
        verbose_name_plural = _("vormingsvragen")
        constraints = [
            models.CheckConstraint(
                condition=Q(group_size__gte=MIN_GROUP_SIZE) & Q(group_size__lte=MAX_GROUP_SIZE),
                name="course_request_group_size_in_range",
                violation_error_message=_("De groepsgrootte ligt tussen 1 en 500."),
            ),
        ]
        indexes = [models.Index(fields=["is_public", "status"], name="course_request_public_idx")]

    def __str__(self):
        return self.subject

    @property
    def organisation_label(self):
        return self.organisation or (self.partner_organisation.name if self.partner_organisation_id else "")


class CourseRequestEvent(models.Model):
    """One change of a request's status: the history that is never deleted with a status change."""

    course_request = models.ForeignKey(CourseRequest, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=CourseRequest.Status.choices)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("boodschap aan de aanvrager"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("statuswijziging van een vormingsvraag")
        verbose_name_plural = _("statuswijzigingen van vormingsvragen")

    def __str__(self):
        return f"{self.course_request}: {self.get_status_display()}"


class CourseRequestSupport(models.Model):
    """A person saying "wij willen dit ook" about a public request: one per person."""

    course_request = models.ForeignKey(CourseRequest, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.CASCADE,
        related_name="course_request_supports",
    )
    created_at = models.DateTimeField(_("gesteund op"), auto_now_add=True)

    class Meta:
        verbose_name = _("steun voor een vormingsvraag")
        verbose_name_plural = _("steun voor vormingsvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["course_request", "person"],
                name="one_support_per_person_and_request",
                violation_error_message=_("Je steunt deze vormingsvraag al."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.course_request}"
