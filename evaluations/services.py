"""Writing evaluations: the questions, the invitations after an edition, the answers.

Invitations are made by send_due_evaluations(), which a scheduler runs every hour
(command send_evaluations): it is safe to run as often as one likes, and two runs at once
never invite or remind anyone twice.
"""

from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from attendance.completion import get_completions
from courses.models import Edition
from enrolment.models import Enrolment
from evaluations import tasks, tokens
from evaluations.exceptions import EvaluationAlreadyAnswered, EvaluationError
from evaluations.models import Answer, Invitation, Question, QuestionSet, Response, Topic

# How long after an edition's end its participants are still invited: attendance that a
# trainer records late still counts, and turning the feature on does not invite for
# editions that ended long ago.
INVITE_WITHIN_DAYS = 30
# A reminder this many days after the invitation, when the evaluation is not answered.
REMIND_AFTER_DAYS = 7
# Open answers longer than this are refused by the form.
MAX_TEXT_LENGTH = 2000


def default_questions():
    """The standard questions: four scores and two open questions."""
    return [
        Question(text=_("Welke algemene score geef je deze vorming?"), kind=Question.Kind.SCORE, topic=Topic.OVERALL),
        Question(
            text=_("Hoe bruikbaar is wat je leerde voor je werk of je engagement?"),
            kind=Question.Kind.SCORE,
            topic=Topic.RELEVANCE,
        ),
        Question(text=_("Hoe goed vond je de lesgever?"), kind=Question.Kind.SCORE, topic=Topic.TRAINER),
        Question(
            text=_("Hoe goed was de vorming georganiseerd (plaats, uren, info vooraf)?"),
            kind=Question.Kind.SCORE,
            topic=Topic.ORGANISATION,
        ),
        Question(
            text=_("Wat vond je het sterkst aan deze vorming?"),
            kind=Question.Kind.TEXT,
            topic=Topic.OTHER,
            required=False,
        ),
        Question(text=_("Wat kan beter?"), kind=Question.Kind.TEXT, topic=Topic.OTHER, required=False),
    ]


def get_or_create_question_set(programme_year) -> QuestionSet:
    """Return the questions of the programme year (None: editions without a year), made
    from the standard questions when staff set none."""
    existing = QuestionSet.objects.filter(programme_year=programme_year).order_by("pk").first()
    if existing is not None:
        return existing
    with transaction.atomic():
        question_set = QuestionSet(programme_year=programme_year)
        question_set.questions = default_questions()
        try:
            with transaction.atomic():
                question_set.save()
        except IntegrityError:
            # Another run made the year's set in the meantime.
            return QuestionSet.objects.get(programme_year=programme_year)
    return question_set


def _editions_to_evaluate(now, within_days):
    return (
        Edition.objects.approved()
        .filter(ends_at__lt=now, ends_at__gte=now - timedelta(days=within_days))
        .select_related("course", "programme_year")
    )


def invite_attendees(*, now=None, within_days=INVITE_WITHIN_DAYS) -> list[int]:
    """Invite everyone who attended an edition that ended within the last within_days
    days and was not invited yet, and queue their mails. Return the new invitations' keys.

    Who attended is attendance's to say (EditionCompletion.has_attended). The unique
    invitation per person and edition makes an overlapping run skip who is invited.
    """
    now = now or timezone.now()
    created = []
    for edition in _editions_to_evaluate(now, within_days):
        enrolments = list(
            Enrolment.objects.confirmed()
            .filter(edition=edition)
            .exclude(person__in=Invitation.objects.filter(edition=edition).values("person"))
            .select_related("edition__course")
        )
        if not enrolments:
            continue
        completions = get_completions(enrolments)
        attendees = [enrolment for enrolment in enrolments if completions[enrolment.pk].has_attended]
        if not attendees:
            continue
        question_set = get_or_create_question_set(edition.programme_year)
        for enrolment in attendees:
            invitation = _create_invitation(edition, enrolment.person_id, question_set=question_set, now=now)
            if invitation is not None:
                created.append(invitation.pk)
                transaction.on_commit(partial(tasks.send_evaluation_mail.enqueue, invitation.pk, "invitation"))
    return created


def _create_invitation(edition, person_id, *, question_set, now):
    nonce = tokens.new_nonce()
    try:
        with transaction.atomic():
            return Invitation.objects.create(
                edition=edition,
                person_id=person_id,
                question_set=question_set,
                token_nonce=nonce,
                token_hash=tokens.hash_token(tokens.token_for(nonce)),
                invited_at=now,
            )
    except IntegrityError:
        return None


def remind_unanswered(*, now=None, after_days=REMIND_AFTER_DAYS) -> int:
    """Queue one reminder for every invitation unanswered after after_days days. Return
    how many were queued.

    The invitation is marked before its mail is queued, in one transaction, so two
    overlapping runs never remind twice.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Invitation.objects.select_for_update(skip_locked=True)
            .filter(is_answered=False, reminded_at__isnull=True, invited_at__lte=now - timedelta(days=after_days))
            .values_list("pk", flat=True)
        )
        Invitation.objects.filter(pk__in=due, reminded_at__isnull=True).update(reminded_at=now)
        for invitation_id in due:
            transaction.on_commit(partial(tasks.send_evaluation_mail.enqueue, invitation_id, "reminder"))
    return len(due)


def send_due_evaluations(*, now=None) -> tuple[int, int]:
    """Invite who attended a finished edition and remind who did not answer.
    Return (invited, reminded)."""
    now = now or timezone.now()
    with transaction.atomic():
        invited = invite_attendees(now=now)
    reminded = remind_unanswered(now=now)
    return len(invited), reminded


def submit_evaluation(invitation, *, answers, today=None) -> Response:
    """Store the answers as an anonymous response to the invitation's edition and use
    up the invitation.

    answers: (Question, value) pairs of the invitation's question set, a score (int)
    or a text; empty answers are left out. Raise EvaluationAlreadyAnswered when the
    invitation was used, also by a request running at the same moment, and
    EvaluationError for a score outside 1 to 5 or a question of another set.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        # A conditional update, not a read: of two submissions at once, one wins.
        if not Invitation.objects.filter(pk=invitation.pk, is_answered=False).update(is_answered=True):
            raise EvaluationAlreadyAnswered
        response = Response.objects.create(edition_id=invitation.edition_id, submitted_on=today)
        rows = []
        for question, value in answers:
            if question.question_set_id != invitation.question_set_id:
                raise EvaluationError
            if value in (None, ""):
                continue
            answer = Answer(response=response, question=question, question_text=question.text, topic=question.topic)
            if question.kind == Question.Kind.SCORE:
                if not isinstance(value, int) or not 1 <= value <= 5:
                    raise EvaluationError(_("Kies een score van 1 tot 5."))
                answer.score = value
            else:
                answer.text = str(value).strip()[:MAX_TEXT_LENGTH]
            rows.append(answer)
        Answer.objects.bulk_create(rows)
    invitation.is_answered = True
    return response
