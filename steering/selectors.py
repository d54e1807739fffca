"""Read the signals the steering group acts on: demand, empty editions, open requests.

Each list is one query, whatever the number of editions or requests.
"""

from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from courses.models import Edition
from curation.models import CourseRequest
from enrolment.models import Enrolment

LONG_WAITLIST_MIN = 5
# Shares of capacity as fractions n/d, compared in integers: waitlisted * d >= capacity * n.
LONG_WAITLIST_SHARE = (1, 4)
NEARLY_EMPTY_SHARE = (1, 4)
NEARLY_EMPTY_WITHIN = timedelta(days=30)
OPEN_REQUEST_STATUSES = (CourseRequest.Status.NEW, CourseRequest.Status.IN_REVIEW)


def _upcoming_editions_with_counts():
    return (
        Edition.objects.approved()
        .filter(starts_at__gte=timezone.now())
        .annotate(
            confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)),
            waitlisted_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        )
        .select_related("course")
    )


def list_editions_with_long_waitlists():
    """Upcoming editions of offered courses whose waitlist asks for another edition.

    A waitlist is long from LONG_WAITLIST_MIN people or LONG_WAITLIST_SHARE of capacity.
    Longest first.
    """
    numerator, denominator = LONG_WAITLIST_SHARE
    return list(
        _upcoming_editions_with_counts()
        .alias(waitlisted_share=F("waitlisted_count") * denominator)
        .filter(course__is_retired=False, waitlisted_count__gt=0)
        .filter(Q(waitlisted_count__gte=LONG_WAITLIST_MIN) | Q(waitlisted_share__gte=F("capacity") * numerator))
        .order_by("-waitlisted_count", "starts_at", "pk")
    )


def list_nearly_empty_editions():
    """Editions starting within NEARLY_EMPTY_WITHIN with fewer confirmed than NEARLY_EMPTY_SHARE of capacity.

    Soonest first.
    """
    numerator, denominator = NEARLY_EMPTY_SHARE
    return list(
        _upcoming_editions_with_counts()
        .filter(starts_at__lte=timezone.now() + NEARLY_EMPTY_WITHIN)
        .alias(confirmed_share=F("confirmed_count") * denominator)
        .filter(confirmed_share__lt=F("capacity") * numerator)
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
    by_theme, without_theme = count_open_requests_by_theme()
    return {
        "long_waitlists": list_editions_with_long_waitlists(),
        "nearly_empty": list_nearly_empty_editions(),
        "requests_by_theme": by_theme,
        "requests_without_theme": without_theme,
        "requests_by_province": count_open_requests_by_province(),
    }
