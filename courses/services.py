"""Write the offer: the only code that changes editions, their schedule and approval, and where courses sit."""

from functools import partial

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Page

from academy.page_cache import schedule_invalidation
from courses import tasks
from courses.exceptions import EditionNotDraft, EditionNotSubmitted, ReviewCommentMissing
from courses.models import CoursePage, Edition, EditionReview, Session


def refresh_edition_schedule(edition: Edition) -> Edition:
    """Copy the first start and last end of the edition's sessions onto the edition.

    Saving an edition edited in the admin, with its capacity and the mails about a changed
    schedule, is enrolment.services.save_edition: it touches seats and participants.
    """
    bounds = edition.sessions.aggregate(starts_at=Min("starts_at"), ends_at=Max("ends_at"))
    edition.starts_at = bounds["starts_at"]
    edition.ends_at = bounds["ends_at"]
    edition.save(update_fields=["starts_at", "ends_at", "updated_at"])
    return edition


# Audit-log actions of the approval round, registered in courses.wagtail_hooks.
SUBMIT_ACTION = "academy.edition.submit"
APPROVE_ACTION = "academy.edition.approve"
REQUEST_CHANGES_ACTION = "academy.edition.request_changes"


def _lock_status(edition: Edition) -> str:
    # Two reviewers deciding at once must not both pass the status check.
    return Edition.objects.select_for_update(of=("self",)).values_list("status", flat=True).get(pk=edition.pk)


def _record_step(edition: Edition, *, step, status, by, comment: str, action: str) -> EditionReview:
    edition.status = status
    edition.save(update_fields=["status", "updated_at"])
    review = EditionReview.objects.create(edition=edition, step=step, comment=comment, by=by)
    log(edition, action, user=by, data={"status": status, "comment": comment, "review": review.pk})
    return review


def submit_edition(edition: Edition, *, by) -> EditionReview:
    """Submit a draft edition to the steering group for approval.

    Raise EditionNotDraft unless the edition is a draft. Whether the user may submit this
    edition is the caller's to check. Tell the steering group after commit.
    """
    with transaction.atomic():
        if _lock_status(edition) != Edition.Status.DRAFT:
            raise EditionNotDraft
        review = _record_step(
            edition,
            step=EditionReview.Step.SUBMITTED,
            status=Edition.Status.SUBMITTED,
            by=by,
            comment="",
            action=SUBMIT_ACTION,
        )
        transaction.on_commit(partial(tasks.send_edition_submitted.enqueue, review.pk))
    return review


def approve_edition(edition: Edition, *, by, comment: str = "") -> EditionReview:
    """Approve a submitted edition: it enters the catalogue and opens for enrolment in its
    window. Tell its trainers after commit.

    Raise EditionNotSubmitted unless the edition waits for approval. Whether the user may
    approve this edition is the caller's to check.
    """
    with transaction.atomic():
        if _lock_status(edition) != Edition.Status.SUBMITTED:
            raise EditionNotSubmitted
        review = _record_step(
            edition,
            step=EditionReview.Step.APPROVED,
            status=Edition.Status.APPROVED,
            by=by,
            comment=comment.strip(),
            action=APPROVE_ACTION,
        )
        transaction.on_commit(partial(tasks.send_edition_decision.enqueue, review.pk))
    return review


def request_edition_changes(edition: Edition, *, by, comment: str) -> EditionReview:
    """Send a submitted edition back to draft with the changes the steering group asks for.
    Tell its trainers after commit.

    Raise ReviewCommentMissing without a comment and EditionNotSubmitted unless the edition
    waits for approval. Whether the user may review this edition is the caller's to check.
    """
    comment = comment.strip()
    if not comment:
        raise ReviewCommentMissing
    with transaction.atomic():
        if _lock_status(edition) != Edition.Status.SUBMITTED:
            raise EditionNotSubmitted
        review = _record_step(
            edition,
            step=EditionReview.Step.CHANGES_REQUESTED,
            status=Edition.Status.DRAFT,
            by=by,
            comment=comment,
            action=REQUEST_CHANGES_ACTION,
        )
        transaction.on_commit(partial(tasks.send_edition_decision.enqueue, review.pk))
    return review


PROPOSE_ACTION = "academy.edition.propose"


def propose_edition(
    course: CoursePage, *, by, sessions: list[tuple], venue=None, online_url: str = "", **fields
) -> Edition:
    """Create the first edition of a course proposed for approval, with its sessions (a
    list of (start, end)), submitted together with the course: it waits for the same
    decision of the steering group (decide_proposed_editions). Enrolment opens once it is
    approved and public, and closes at the first session.

    The fields are those of the edition (label, capacity, scope, province, trainers as a
    list). Raise ValidationError when the edition or a session is incomplete.
    """
    trainers = fields.pop("trainers", [])
    starts_at = min(start for start, _end in sessions)
    with transaction.atomic():
        edition = Edition(
            course=course,
            status=Edition.Status.SUBMITTED,
            enrolment_opens_at=timezone.now(),
            enrolment_closes_at=starts_at,
            **fields,
        )
        edition.full_clean(exclude=["course"])
        edition.save()
        edition.trainers.set(trainers)
        for start, end in sorted(sessions):
            session = Session(edition=edition, starts_at=start, ends_at=end, venue=venue, online_url=online_url)
            session.full_clean(exclude=["edition"])
            session.save()
        refresh_edition_schedule(edition)
        review = EditionReview.objects.create(edition=edition, step=EditionReview.Step.SUBMITTED, by=by)
        log(edition, PROPOSE_ACTION, user=by, data={"course": course.pk, "review": review.pk})
    return edition


def decide_proposed_editions(page, *, approved: bool, by, comment: str = "") -> list[EditionReview]:
    """Take the steering group's decision on a course page for the editions submitted with
    it: approve them with the course, or send them back to draft with the same comment.

    Called by courses.models.CourseApprovalTask inside the workflow's transaction. An
    edition taught by the reviewer stays submitted: nobody approves their own.
    """
    if not isinstance(getattr(page, "specific", page), CoursePage):
        return []
    comment = comment.strip() or _("Zie de opmerking van de stuurgroep bij de vorming.")
    editions = (
        Edition.objects.filter(course_id=page.pk, status=Edition.Status.SUBMITTED)
        .exclude(pk__in=Edition.objects.taught_by(by).values("pk"))
        .order_by("pk")
    )
    if approved:
        return [approve_edition(edition, by=by) for edition in editions]
    return [request_edition_changes(edition, by=by, comment=str(comment)) for edition in editions]


def sync_course_placement(page) -> int:
    """Derive the track and package of every course at or below the page from the page tree.

    A course keeps its track and package as columns so the catalogue, prerequisites, progress
    and certificates need not walk the tree; this keeps them in step after a move, a copy or a
    publish (Wagtail saves a moved page, and the pages below a copied one, without running
    clean()). Moving a package moves its courses with it. Return how many courses changed.
    """
    courses = list(CoursePage.objects.filter(path__startswith=page.path).only("path", "track_id", "package_id"))
    parents = {}
    changes = {}
    for course in courses:
        parent_path = course.path[: -CoursePage.steplen]
        if parent_path not in parents:
            parent = Page.objects.filter(path=parent_path).first()
            parents[parent_path] = CoursePage.placement_under(parent.specific if parent else None)
        track, package = parents[parent_path]
        placement = (track.pk if track else None, package.pk if package else None)
        if placement != (course.track_id, course.package_id):
            changes.setdefault(placement, []).append(course.pk)
    with transaction.atomic():
        for (track_id, package_id), pks in changes.items():
            CoursePage.objects.filter(pk__in=pks).update(track_id=track_id, package_id=package_id)
    if changes:
        # A bulk update sends no post_save: the catalogue index and cached pages go stale here.
        schedule_invalidation()
    return sum(len(pks) for pks in changes.values())
