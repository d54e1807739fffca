"""Demo evaluations for seed_demo: a past edition answered by all but the demo participant."""

from datetime import timedelta

from evaluations.models import Question, Response
from evaluations.selectors import list_questions
from evaluations.services import invite_attendees, submit_evaluation

# Overall, relevance, trainer, organisation; then the two open answers.
DEMO_ANSWERS = [
    (4, 5, 5, 3, "De voorbeelden uit de eigen gemeente.", "De zaal was te warm."),
    (5, 4, 5, 4, "Veel ruimte voor vragen.", ""),
    (3, 3, 4, 2, "", "Meer tijd om in groepjes te werken."),
    (4, 4, 4, 4, "Duidelijke uitleg over de gemeenteraad.", ""),
]


def seed_demo_evaluations(edition, *, keep_open_for):
    """Invite who attended the edition and answer every invitation but keep_open_for's,
    so that person sees 'Geef je mening over …' in Mijn academie. Add nothing twice."""
    if Response.objects.filter(edition=edition).exists():
        return
    invite_attendees(now=edition.ends_at + timedelta(days=1))
    invitations = [
        invitation
        for invitation in edition.evaluation_invitations.filter(is_answered=False).order_by("pk")
        if invitation.person_id != keep_open_for.pk
    ]
    for invitation, values in zip(invitations, DEMO_ANSWERS, strict=False):
        questions = list_questions(invitation)
        scores = iter(values[:4])
        texts = iter(values[4:])
        answers = [
            (question, next(scores, None) if question.kind == Question.Kind.SCORE else next(texts, ""))
            for question in questions
        ]
        submit_evaluation(invitation, answers=answers, today=(edition.ends_at + timedelta(days=2)).date())
