"""Read what the steering group acts on: signals (demand, empty editions, open requests) and the
course proposals that wait for its decision.

Each list is one query, whatever the number of editions or requests. Where a signal starts
is the steering group's setting (SignalThresholds), read once per report.
"""

from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from wagtail.models import Page, TaskState

from courses.models import Edition
from curation.models import CourseRequest
from enrolment.models import Enrolment
from evaluations.selectors import list_low_scoring_editions
from steering.models import SignalThresholds

OPEN_REQUEST_STATUSES = (CourseRequest.Status.NEW, CourseRequest.Status.IN_REVIEW)


def get_signal_thresholds():
    """The thresholds the steering group set, or the defaults while they set none."""
    return SignalThresholds.objects.first() or SignalThresholds()


def _upcoming_editions_with_counts():
    """Upcoming editions of the public offer (not cancelled), with their counts."""
    return (
        Edition.objects.public()
        .approved()
        .filter(starts_at__gte=timezone.now())
        .annotate(
            confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)),
            waitlisted_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        )
        .select_related("course")
    )


def list_editions_with_long_waitlists(thresholds=None):
    """Upcoming editions of offered courses whose waitlist asks for another edition.

    A waitlist is long from the thresholds' number of people or their percentage of
    capacity. Longest first.
    """
    thresholds = thresholds or get_signal_thresholds()
    # Percentages compared in integers: waitlisted * 100 >= capacity * percentage.
    return list(
        _upcoming_editions_with_counts()
        .alias(waitlisted_share=F("waitlisted_count") * 100)
        .filter(waitlisted_count__gt=0)
        .filter(
            Q(waitlisted_count__gte=thresholds.long_waitlist_min)
            | Q(waitlisted_share__gte=F("capacity") * thresholds.long_waitlist_percentage)
        )
        .order_by("-waitlisted_count", "starts_at", "pk")
    )


def list_nearly_empty_editions(thresholds=None):
    """Editions starting within the thresholds' days with fewer confirmed than their
    percentage of capacity. Soonest first.
    """
    thresholds = thresholds or get_signal_thresholds()
    return list(
        _upcoming_editions_with_counts()
        .filter(starts_at__lte=timezone.now() + timedelta(days=thresholds.nearly_empty_within_days))
        .alias(confirmed_share=F("confirmed_count") * 100)
        .filter(confirmed_share__lt=F("capacity") * thresholds.nearly_empty_percentage)
        .order_by("starts_at", "pk")
    )


def count_open_requests_by_theme():
    """Open course requests (new or in review) per theme, most asked first; no theme last."""
    rows = list(
        CourseRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
        .values("theme__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "theme__name")
    )
    counted = [{"label": row["theme__name"], "count": row["count"]} for row in rows if row["theme__name"]]
    without = sum(row["count"] for row in rows if not row["theme__name"])
    return counted, without


def count_open_requests_by_province():
    """Open course requests (new or in review) per province, most asked first."""
    labels = dict(CourseRequest._meta.get_field("province").choices)
    rows = (
        CourseRequest.objects.filter(status__in=OPEN_REQUEST_STATUSES)
        .values("province")
        .annotate(count=Count("pk"))
        .order_by("-count", "province")
    )
    return [{"label": str(labels.get(row["province"], row["province"])), "count": row["count"]} for row in rows]


def get_signals_report():
    thresholds = get_signal_thresholds()
    by_theme, without_theme = count_open_requests_by_theme()
    return {
        "thresholds": thresholds,
        "long_waitlists": list_editions_with_long_waitlists(thresholds),
        "nearly_empty": list_nearly_empty_editions(thresholds),
        "requests_by_theme": by_theme,
        "requests_without_theme": without_theme,
        "requests_by_province": count_open_requests_by_province(),
        "low_evaluations": list_low_scoring_editions(below=thresholds.low_evaluation_below),
    }


def list_proposals_awaiting(user):
    """Return the pages that wait for the user's decision in the approval workflow, oldest first.

    Each page carries `submitted_by`, `submitted_at` and `is_new` (never published).
    """
    states = (
        TaskState.objects.reviewable_by(user)
        .filter(status=TaskState.STATUS_IN_PROGRESS)
        .select_related("workflow_state__requested_by")
        .order_by("started_at")
    )
    states = list(states)
    pages = Page.objects.filter(pk__in=[int(state.workflow_state.object_id) for state in states]).specific()
    by_pk = {page.pk: page for page in pages}
    proposals = []
    for state in states:
        page = by_pk.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        page.submitted_by = state.workflow_state.requested_by
        page.submitted_at = state.started_at
        page.is_new = page.live_revision_id is None
        proposals.append(page)
    return proposals


def get_proposal_changes(page, *, request):
    """Return the differences between the published page and the version in review.

    For a page never published, every field of the proposal, as Wagtail's comparison
    shows them (a comparison of the proposal with itself shows its values unmarked).
    """
    proposal = page.get_latest_revision_as_object()
    published = page.live_revision.as_object() if page.live_revision_id else proposal
    comparisons = page.get_edit_handler().get_bound_panel(instance=page, request=request, form=None).get_comparison()
    changes = [comparison(published, proposal) for comparison in comparisons]
    if page.live_revision_id:
        return [change for change in changes if _shows_a_difference(change)]
    return changes


def _shows_a_difference(change):
    # Rich text gets new block keys on every save: Wagtail reports such a field changed
    # while its diff marks nothing.
    if not change.has_changed():
        return False
    if change.is_field:
        html = str(change.htmldiff())
        return 'class="addition"' in html or 'class="deletion"' in html
    return True
