"""Act as a trainer: the message to all participants of an edition, a course proposal."""

from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import Page

from courses.models import CoursePage, Edition, Trainer
from courses.services import propose_edition
from enrolment.models import Enrolment
from teaching import tasks
from teaching.exceptions import MessageIncomplete, NotATrainer, ProposalError

MESSAGE_ACTION = "academy.teaching.message_participants"


def send_message_to_participants(edition: Edition, *, subject: str, body: str, by) -> int:
    """Queue a mail with the subject and body to every confirmed participant of the
    edition, after commit, and log who sent what to how many. Return the number of
    confirmed participants; those without an e-mail address get nothing.

    Raise MessageIncomplete when the subject or the body is empty. Whether the sender
    may write to these participants is the caller's to check.
    """
    subject = " ".join(subject.split())
    body = body.strip()
    if not subject or not body:
        raise MessageIncomplete
    with transaction.atomic():
        participants = Enrolment.objects.filter(edition=edition).confirmed().count()
        log(
            edition,
            MESSAGE_ACTION,
            user=by,
            data={"subject": subject, "body": body, "participants": participants},
        )
        transaction.on_commit(partial(tasks.send_participant_message.enqueue, edition.pk, subject, body, by.pk))
    return participants


def propose_course(parent, *, by, course: dict, edition: dict) -> tuple:
    """Propose a new course under the track or package with its first edition, and submit
    both to the steering group's workflow in one go: the course page as a draft revision in
    moderation, the edition submitted with it (courses.services.propose_edition). One
    decision of the steering group approves both, or sends both back. Return (course, edition).

    `course` holds title, summary, format, themes and partner_organisations; `edition`
    holds label, capacity, scope, province, sessions ((start, end) pairs), venue and
    online_url. Raise NotATrainer for a user without a trainer record and ProposalError with
    the model's message when something is incomplete; nothing is saved then. Whether the
    user may add a course here is the caller's to check.
    """
    trainer = Trainer.objects.filter(user=by).first()
    if trainer is None:
        raise NotATrainer
    course_fields = dict(course)
    themes = course_fields.pop("themes", [])
    partners = course_fields.pop("partner_organisations", [])
    track, package = CoursePage.placement_under(parent)
    page = CoursePage(
        slug=_free_slug(parent, course_fields["title"]),
        owner=by,
        live=False,
        has_unpublished_changes=True,
        track=track,
        package=package,
        **course_fields,
    )
    try:
        with transaction.atomic():
            parent.add_child(instance=page)
            page.themes.set(themes)
            page.partner_organisations.set(partners)
            page.trainers.set([trainer])
            page.save()
            page.save_revision(user=by, log_action=True)
            proposed = propose_edition(page, by=by, trainers=[trainer], **edition)
            page.get_workflow().start(page, by)
    except ValidationError as error:
        raise ProposalError(" ".join(error.messages)) from error
    return page, proposed


def _free_slug(parent, title):
    base = slugify(title)[:70] or "vorming"
    slug, number = base, 1
    while not Page._slug_is_available(slug, parent):
        number += 1
        slug = f"{base}-{number}"
    return slug
