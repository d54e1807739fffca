"""Evaluations: the questions per programme year, the invitations and the anonymous answers.

Anonymity is kept by the schema. An Invitation knows the person (so nobody is asked
twice) and whether they answered, but not when. A Response knows its edition and the day
it came in, not who gave it: no foreign key leads from a response, or from its answers,
to an invitation or a person, and their primary keys are random, so the order of the
rows says nothing about the order in which people answered.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

MIN_SCORE = 1
MAX_SCORE = 5


class Topic(models.TextChoices):
    """The standard questions, which the results compare across editions and years."""

    OVERALL = "algemeen", _("Algemene score")
    RELEVANCE = "relevantie", _("Relevantie voor je werk of engagement")
    TRAINER = "lesgever", _("De lesgever")
    ORGANISATION = "organisatie", _("De organisatie")
    OTHER = "ander", _("Andere vraag")


SCORE_TOPICS = (Topic.OVERALL, Topic.RELEVANCE, Topic.TRAINER, Topic.ORGANISATION)


class QuestionSet(ClusterableModel):
    """The questions of a programme year's evaluations; without a year, the set for
    editions outside any programme year."""

    programme_year = models.OneToOneField(
        "courses.ProgrammeYear",
        verbose_name=_("werkjaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluation_questions",
        help_text=_("Leeg: de vragen voor edities zonder werkjaar."),
    )
    introduction = models.TextField(
        _("inleiding"),
        blank=True,
        help_text=_("Verschijnt boven de vragen. Leeg: een standaardtekst."),
    )

    panels = [
        FieldPanel("programme_year"),
        FieldPanel("introduction"),
        InlinePanel("questions", heading=_("Vragen"), label=_("vraag"), min_num=1),
    ]

    class Meta:
        verbose_name = _("evaluatievragen")
        verbose_name_plural = _("evaluatievragen")
        constraints = [
            # One set per year, and one without a year: NULLs would not clash in a plain
            # unique index.
            models.UniqueConstraint(
                Coalesce("programme_year", Value(0)),
                name="one_evaluation_question_set_per_year",
                violation_error_message=_("Er bestaan al evaluatievragen voor dit werkjaar."),
            )
        ]

    def __str__(self):
        if self.programme_year_id:
            return str(_("Evaluatievragen %(year)s") % {"year": self.programme_year})
        return str(_("Evaluatievragen zonder werkjaar"))


class Question(Orderable):
    class Kind(models.TextChoices):
        SCORE = "score", _("Score van 1 tot 5")
        TEXT = "tekst", _("Open vraag")

    question_set = ParentalKey(QuestionSet, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(_("vraag"), max_length=200)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.SCORE)
    topic = models.CharField(
        _("onderwerp"),
        max_length=20,
        choices=Topic.choices,
        default=Topic.OTHER,
        help_text=_("De vaste onderwerpen worden over edities en werkjaren heen vergeleken."),
    )
    required = models.BooleanField(_("verplicht"), default=True)

    panels = [FieldPanel("text"), FieldPanel("kind"), FieldPanel("topic"), FieldPanel("required")]

    wagtail_reference_index_ignore = True

    class Meta(Orderable.Meta):
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self):
        return self.text


class Invitation(models.Model):
    """One person's one chance to evaluate one edition.

    The link's token is derived from token_nonce with the SECRET_KEY
    (evaluations.tokens); only its hash is stored, so a copy of the database alone
    opens no evaluation.
    """

    edition = models.ForeignKey(
        "courses.Edition", verbose_name=_("editie"), on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="+"
    )
    question_set = models.ForeignKey(QuestionSet, verbose_name=_("vragen"), on_delete=models.PROTECT, related_name="+")
    token_nonce = models.CharField(max_length=64, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_at = models.DateTimeField(_("uitgenodigd op"))
    reminded_at = models.DateTimeField(_("herinnerd op"), null=True, blank=True)
    # A flag, never a time: a moment of answering could be matched with a response's.
    is_answered = models.BooleanField(_("beantwoord"), default=False)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("uitnodiging voor een evaluatie")
        verbose_name_plural = _("uitnodigingen voor een evaluatie")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person"],
                name="one_evaluation_invitation_per_person_and_edition",
                violation_error_message=_("Deze deelnemer is al uitgenodigd voor deze editie."),
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.edition}"


class Response(models.Model):
    """One anonymous evaluation of an edition."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    edition = models.ForeignKey(
        "courses.Edition", verbose_name=_("editie"), on_delete=models.PROTECT, related_name="evaluation_responses"
    )
    # The day only: a time could be matched with a web server's log or a reminder's.
    submitted_on = models.DateField(_("ingevuld op"))

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")

    def __str__(self):
        return f"{self.edition} ({self.submitted_on})"


class Answer(models.Model):
    """One answer of a response, with the question as it was asked: staff may change or
    remove a question later without changing what was answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question_text = models.CharField(_("vraag"), max_length=200)
    topic = models.CharField(_("onderwerp"), max_length=20, choices=Topic.choices)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    text = models.TextField(_("antwoord"), blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="evaluation_score_between_1_and_5",
                violation_error_message=_("Een score ligt tussen 1 en 5."),
            )
        ]

    def __str__(self):
        return self.question_text
