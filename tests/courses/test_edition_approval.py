"""The approval round of editions: submit, approve, ask for changes (the services)."""

import pytest

from django.core import mail

from wagtail.models import ModelLogEntry

from courses import services
from courses.exceptions import EditionNotDraft, EditionNotSubmitted, ReviewCommentMissing
from courses.models import Edition, EditionReview, Trainer
from courses.selectors import get_requested_changes, list_editions_awaiting_approval
from tests.factories import make_edition, make_person

Status = Edition.Status


@pytest.fixture
def trainer(db):
    person = make_person("lesgever@example.org")
    Trainer.objects.create(name="Lesgever", user=person)
    return person


@pytest.fixture
def draft(offer, trainer):
    edition = make_edition(offer["course"], status=Status.DRAFT, province="limburg", label="Genk, najaar")
    edition.trainers.set([trainer.trainer_profile])
    return edition


@pytest.fixture
def reviewer(db):
    return make_person("stuurgroep@example.org")


def actions(edition):
    return list(
        ModelLogEntry.objects.for_instance(edition).order_by("timestamp", "pk").values_list("action", flat=True)
    )


def steering_group_member(email):
    from django.contrib.auth.models import Group

    from roles.groups import STEERING_GROUP

    person = make_person(email)
    person.groups.add(Group.objects.get(name=STEERING_GROUP))
    return person


def test_submitting_tells_the_steering_group_but_not_the_edition_s_own_trainers(
    draft, trainer, django_capture_on_commit_callbacks
):
    steering_group_member("stuurgroep@example.org")
    # A steering-group member who teaches the edition may not approve it: no mail either.
    trainer.groups.add(*steering_group_member("acv@example.org").groups.all())

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_edition(draft, by=trainer)

    assert [message.to for message in mail.outbox] == [["acv@example.org"], ["stuurgroep@example.org"]]
    assert str(draft) in mail.outbox[0].subject
    assert f"/admin/editions/review/{draft.pk}/" in mail.outbox[0].body


def test_submitting_a_draft_puts_it_before_the_steering_group(draft, trainer):
    review = services.submit_edition(draft, by=trainer)

    assert Edition.objects.get(pk=draft.pk).status == Status.SUBMITTED
    assert (review.step, review.by) == (EditionReview.Step.SUBMITTED, trainer)
    assert list(list_editions_awaiting_approval()) == [draft]
    entry = ModelLogEntry.objects.for_instance(draft).get()
    assert (entry.action, entry.user) == (services.SUBMIT_ACTION, trainer)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.APPROVED, Status.CANCELLED])
def test_only_a_draft_can_be_submitted(draft, trainer, status):
    Edition.objects.filter(pk=draft.pk).update(status=status)

    with pytest.raises(EditionNotDraft) as raised:
        services.submit_edition(draft, by=trainer)

    assert "Alleen een editie in concept" in str(raised.value.message)
    assert Edition.objects.get(pk=draft.pk).status == status
    assert not EditionReview.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_approving_opens_the_edition_logs_and_tells_the_trainers(
    draft, trainer, reviewer, django_capture_on_commit_callbacks
):
    services.submit_edition(draft, by=trainer)

    with django_capture_on_commit_callbacks(execute=True):
        review = services.approve_edition(draft, by=reviewer, comment="  Mooi.  ")

    edition = Edition.objects.get(pk=draft.pk)
    assert edition.status == Status.APPROVED
    assert edition in Edition.objects.in_catalogue()
    assert (review.step, review.comment, review.by) == (EditionReview.Step.APPROVED, "Mooi.", reviewer)
    assert actions(draft) == [services.SUBMIT_ACTION, services.APPROVE_ACTION]
    assert [message.to for message in mail.outbox] == [["lesgever@example.org"]]
    assert "goedgekeurd" in mail.outbox[0].subject
    assert "Mooi." in mail.outbox[0].body


@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED, Status.CANCELLED])
def test_only_a_submitted_edition_can_be_decided_on(draft, reviewer, status):
    Edition.objects.filter(pk=draft.pk).update(status=status)

    with pytest.raises(EditionNotSubmitted):
        services.approve_edition(draft, by=reviewer)
    with pytest.raises(EditionNotSubmitted):
        services.request_edition_changes(draft, by=reviewer, comment="Andere datum.")

    assert Edition.objects.get(pk=draft.pk).status == status
    assert not EditionReview.objects.exists()
    assert not ModelLogEntry.objects.exists()


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_asking_for_changes_needs_a_comment_and_changes_nothing_without(draft, trainer, reviewer, comment):
    services.submit_edition(draft, by=trainer)

    with pytest.raises(ReviewCommentMissing) as raised:
        services.request_edition_changes(draft, by=reviewer, comment=comment)

    assert str(raised.value.message) == "Schrijf erbij welke wijzigingen de stuurgroep vraagt."
    assert Edition.objects.get(pk=draft.pk).status == Status.SUBMITTED
    assert EditionReview.objects.count() == 1
    assert actions(draft) == [services.SUBMIT_ACTION]


def test_asking_for_changes_sends_the_edition_back_to_draft_with_the_comment(
    draft, trainer, reviewer, django_capture_on_commit_callbacks
):
    services.submit_edition(draft, by=trainer)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_edition_changes(draft, by=reviewer, comment="Kies een toegankelijke zaal.")

    edition = Edition.objects.get(pk=draft.pk)
    assert edition.status == Status.DRAFT
    assert edition not in Edition.objects.in_catalogue()
    assert get_requested_changes(edition).comment == "Kies een toegankelijke zaal."
    assert actions(draft) == [services.SUBMIT_ACTION, services.REQUEST_CHANGES_ACTION]
    entry = ModelLogEntry.objects.for_instance(draft).get(action=services.REQUEST_CHANGES_ACTION)
    assert entry.data["comment"] == "Kies een toegankelijke zaal."
    assert [message.to for message in mail.outbox] == [["lesgever@example.org"]]
    assert "Kies een toegankelijke zaal." in mail.outbox[0].body


def test_a_resubmitted_edition_no_longer_shows_the_old_request_for_changes(draft, trainer, reviewer):
    services.submit_edition(draft, by=trainer)
    services.request_edition_changes(draft, by=reviewer, comment="Andere datum.")

    services.submit_edition(draft, by=trainer)

    assert get_requested_changes(Edition.objects.get(pk=draft.pk)) is None
    assert list(list_editions_awaiting_approval()) == [draft]


def test_a_request_for_changes_without_comment_is_refused_by_the_database(draft, reviewer):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EditionReview.objects.create(edition=draft, step=EditionReview.Step.CHANGES_REQUESTED, by=reviewer)


def test_a_trainer_of_the_course_counts_as_teaching_its_editions_in_the_round_s_mails(
    offer, draft, trainer, reviewer, django_capture_on_commit_callbacks
):
    # Teaching the course (not the edition) is teaching the edition: no request to approve
    # it, but the decision.
    course_trainer = steering_group_member("cursuslesgever@example.org")
    offer["course"].trainers.add(Trainer.objects.create(name="Cursuslesgever", user=course_trainer))
    offer["course"].save()
    steering_group_member("stuurgroep2@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_edition(draft, by=trainer)
    assert [message.to for message in mail.outbox] == [["stuurgroep2@example.org"]]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_edition(draft, by=reviewer)
    assert sorted(message.to[0] for message in mail.outbox) == ["cursuslesgever@example.org", "lesgever@example.org"]
