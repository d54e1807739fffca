"""Read course requests for the public list, the mails and the admin."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Value

from curation.models import CourseRequest, CourseRequestSupport


def list_public_requests(person):
    """Public requests, newest first, with their support count and whether the person supports them."""
    queryset = (
        CourseRequest.objects.public()
        .select_related("theme", "track", "answered_by_course")
        .annotate(support_count=Count("supports", distinct=True))
        .order_by("-created_at", "-pk")
    )
    if person.is_authenticated:
        supported = CourseRequestSupport.objects.filter(course_request=OuterRef("pk"), person=person)
        return queryset.annotate(supported_by_me=Exists(supported))
    return queryset.annotate(supported_by_me=Value(False))


HOME_PUBLIC_REQUESTS = 3


def list_newest_public_requests(*, limit=HOME_PUBLIC_REQUESTS):
    """The newest public requests with their support count, for the home page (the same for
    everyone, so it can be cached)."""
    return list(list_public_requests(AnonymousUser())[:limit])


def get_public_request(pk):
    """The public request with this id; raise CourseRequest.DoesNotExist for any other."""
    return CourseRequest.objects.public().get(pk=pk)


def list_requests_for_admin():
    """Every request with what the steering group's listing shows, in a fixed number of queries."""
    return CourseRequest.objects.select_related("theme", "track", "partner_organisation").annotate(
        support_count=Count("supports", distinct=True)
    )
