"""Reading evaluations: a link's invitation, a participant's open evaluations, results.

Results are figures per edition (responses, sum and count of the scores per standard
topic), read in two queries and added up per course, trainer, track and programme
year in Python, so a results page's query count does not grow with its rows. Nothing
is shown below MIN_RESPONSES responses: with fewer, a trainer could tell who said what.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Edition, ProgrammeYear, TrackPage, Trainer
from courses.selectors import attach_editions
from evaluations import tokens
from evaluations.models import SCORE_TOPICS, Answer, Invitation, Question, Response, Topic
from roles import rules

MIN_RESPONSES = 3
# The Signalen page looks at editions that ended within this many days.
LOW_SCORE_SIGNAL_DAYS = 365


def get_invitation_by_token(token: str):
    """The invitation the link's token opens, or None for a token nobody was given."""
    if not token or len(token) > 128:
        return None
    return (
        Invitation.objects.select_related("edition__course", "question_set")
        .filter(token_hash=tokens.hash_token(token))
        .first()
    )


def list_questions(invitation):
    return list(Question.objects.filter(question_set_id=invitation.question_set_id).order_by("sort_order", "pk"))


def list_open_invitations(person):
    """The evaluations the person may still give, most recent edition first."""
    return attach_editions(
        list(Invitation.objects.filter(person=person, is_answered=False).order_by("-edition__ends_at", "pk"))
    )


def evaluation_token(invitation) -> str:
    return tokens.token_for(invitation.token_nonce)


@dataclass
class Figures:
    """Responses and score averages of one edition, or of a group of editions."""

    label: str = ""
    responses: int = 0
    sums: dict = field(default_factory=dict)
    counts: dict = field(default_factory=dict)
    key: object = None
    # What a results page adds to an edition's row.
    url: str = ""
    ends_at: object = None

    def add(self, other):
        self.responses += other.responses
        for topic, count in other.counts.items():
            self.counts[topic] = self.counts.get(topic, 0) + count
            self.sums[topic] = self.sums.get(topic, 0) + other.sums[topic]

    @property
    def is_shown(self):
        return self.responses >= MIN_RESPONSES

    def average(self, topic):
        if not self.counts.get(topic):
            return None
        return (Decimal(self.sums[topic]) / self.counts[topic]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def averages(self):
        """(topic label, average or None) per standard topic, in their order."""
        return [(Topic(topic).label, self.average(topic)) for topic in SCORE_TOPICS]


def get_edition_figures(edition_ids=None) -> dict[int, Figures]:
    """Figures per edition with responses (only the given ones when asked), in two queries."""
    responses = Response.objects.all()
    answers = Answer.objects.filter(score__isnull=False, topic__in=SCORE_TOPICS)
    if edition_ids is not None:
        responses = responses.filter(edition_id__in=edition_ids)
        answers = answers.filter(response__edition_id__in=edition_ids)
    figures = {
        row["edition_id"]: Figures(responses=row["count"], key=row["edition_id"])
        for row in responses.values("edition_id").annotate(count=Count("pk")).order_by()
    }
    for row in (
        answers.values("response__edition_id", "topic").annotate(total=Sum("score"), count=Count("pk")).order_by()
    ):
        edition_figures = figures[row["response__edition_id"]]
        edition_figures.sums[row["topic"]] = row["total"]
        edition_figures.counts[row["topic"]] = row["count"]
    return figures


def _grouped(figures_by_edition, groups_of_edition, labels):
    grouped = {}
    for edition_id, figures in figures_by_edition.items():
        for group in groups_of_edition.get(edition_id, ()):
            if group in labels:
                grouped.setdefault(group, Figures(label=labels[group], key=group)).add(figures)
    return sorted(grouped.values(), key=lambda figures: str(figures.label).lower())


def get_results_overview():
    """Figures per programme year, track, course and trainer, over every edition with
    responses; for the steering group and staff. A constant number of queries."""
    by_edition = get_edition_figures()
    editions = list(
        Edition.objects.filter(pk__in=by_edition).values_list(
            "pk", "programme_year_id", "course_id", "course__track_id"
        )
    )
    year_of, course_of, track_of = {}, {}, {}
    for pk, year_id, course_id, track_id in editions:
        year_of[pk], course_of[pk], track_of[pk] = (year_id,), (course_id,), (track_id,)
    trainers_of = {}
    for edition_id, trainer_id in Edition.trainers.through.objects.filter(edition_id__in=by_edition).values_list(
        "edition_id", "trainer_id"
    ):
        trainers_of.setdefault(edition_id, set()).add(trainer_id)
    course_trainers = {}
    for course_id, trainer_id in CoursePage.trainers.through.objects.filter(
        coursepage_id__in={course_id for (course_id,) in course_of.values()}
    ).values_list("coursepage_id", "trainer_id"):
        course_trainers.setdefault(course_id, set()).add(trainer_id)
    # Who teaches an edition: its own trainers and its course's (EditionQuerySet.taught_by).
    for edition_id, (course_id,) in course_of.items():
        trainers_of[edition_id] = trainers_of.get(edition_id, set()) | course_trainers.get(course_id, set())
    years = dict(ProgrammeYear.objects.filter(pk__in={y for (y,) in year_of.values()}).values_list("pk", "name"))
    years[None] = _("Zonder werkjaar")
    return {
        "by_year": _grouped(by_edition, year_of, years),
        "by_track": _grouped(
            by_edition,
            track_of,
            dict(TrackPage.objects.filter(pk__in={t for (t,) in track_of.values()}).values_list("pk", "title")),
        ),
        "by_course": _grouped(
            by_edition,
            course_of,
            dict(CoursePage.objects.filter(pk__in={c for (c,) in course_of.values()}).values_list("pk", "title")),
        ),
        "by_trainer": _grouped(
            by_edition,
            trainers_of,
            dict(
                Trainer.objects.filter(pk__in=set().union(*trainers_of.values())).values_list("pk", "name")
                if trainers_of
                else ()
            ),
        ),
    }


def list_editions_with_results(user):
    """The ended editions whose results the user may read (roles.rules), latest first,
    each with its figures (edition.figures)."""
    editions = list(
        rules.editions_with_visible_evaluation_results(user)
        .filter(
            Exists(Response.objects.filter(edition=OuterRef("pk")))
            | Exists(Invitation.objects.filter(edition=OuterRef("pk")))
        )
        .select_related("course")
        .order_by("-ends_at", "-pk")
    )
    figures = get_edition_figures([edition.pk for edition in editions])
    for edition in editions:
        edition.figures = figures.get(edition.pk) or Figures(key=edition.pk)
    return editions


def get_edition_results(user, edition_id):
    """The edition with its figures, its averages per question and its open answers, or
    None when the user may not read its results."""
    edition = (
        rules.editions_with_visible_evaluation_results(user).select_related("course").filter(pk=edition_id).first()
    )
    if edition is None:
        return None
    figures = get_edition_figures([edition.pk]).get(edition.pk) or Figures(key=edition.pk)
    per_question, open_answers = [], []
    if figures.is_shown:
        for row in (
            Answer.objects.filter(response__edition=edition, score__isnull=False)
            .values("question_text")
            .annotate(total=Sum("score"), count=Count("pk"))
            .order_by("question_text")
        ):
            average = (Decimal(row["total"]) / row["count"]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            per_question.append({"question": row["question_text"], "average": average, "count": row["count"]})
        texts = {}
        # Random keys: the order of the answers says nothing about who gave them or when.
        for question_text, text in (
            Answer.objects.filter(response__edition=edition)
            .exclude(text="")
            .values_list("question_text", "text")
            .order_by("question_text", "pk")
        ):
            texts.setdefault(question_text, []).append(text)
        open_answers = [{"question": question, "answers": answers} for question, answers in texts.items()]
    return {"edition": edition, "figures": figures, "per_question": per_question, "open_answers": open_answers}


def list_low_scoring_editions(*, below, now=None, min_responses=MIN_RESPONSES):
    """Editions ended within LOW_SCORE_SIGNAL_DAYS with at least min_responses responses
    whose average overall score is below the threshold, lowest first; one query."""
    now = now or timezone.now()
    overall = Answer.objects.filter(response__edition=OuterRef("pk"), topic=Topic.OVERALL, score__isnull=False)
    editions = (
        Edition.objects.filter(ends_at__gte=now - timedelta(days=LOW_SCORE_SIGNAL_DAYS))
        .annotate(
            response_count=Coalesce(
                Subquery(
                    Response.objects.filter(edition=OuterRef("pk"))
                    .values("edition")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            ),
            overall_total=Subquery(overall.values("response__edition").annotate(total=Sum("score")).values("total")),
            overall_count=Subquery(overall.values("response__edition").annotate(count=Count("pk")).values("count")),
        )
        .filter(response_count__gte=min_responses, overall_count__gt=0)
        .select_related("course")
    )
    rows = []
    for edition in editions:
        edition.overall_average = (Decimal(edition.overall_total) / edition.overall_count).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if Decimal(edition.overall_total) < Decimal(below) * edition.overall_count:
            rows.append(edition)
    return sorted(rows, key=lambda edition: (edition.overall_average, edition.pk))
