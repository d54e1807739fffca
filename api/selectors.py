"""Read what the public API shows: always through the offer's own definitions of public.

Editions come from courses.selectors (list_editions_with_places() for the places left,
EditionQuerySet.in_catalogue() / .public() for what may be shown, .with_booking_state()
for whether it can be booked); pages are live; nothing here reads a person.
"""

from django.db.models import Prefetch
from django.http import Http404

from courses.models import (
    CatalogueIndexPage,
    Edition,
    PackagePage,
    PartnerOrganisation,
    ProgrammeYear,
    Session,
    Theme,
    TrackPage,
    Venue,
)
from courses.selectors import (
    list_catalogue_editions,
    list_editions_with_places,
    list_offered_courses,
    list_upcoming_editions_of,
)

# Larger keys are no row of ours, and SQLite refuses them instead of finding nothing.
MAX_ID = 2**63 - 1


def get_or_404(queryset, pk):
    if not 0 < pk <= MAX_ID:
        raise Http404
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


def _sessions_with_venues():
    return Prefetch("sessions", queryset=Session.objects.select_related("venue").order_by("starts_at", "pk"))


def _with_edition_details(editions):
    return (
        editions.with_booking_state()
        .select_related("course", "programme_year")
        .prefetch_related(_sessions_with_venues())
    )


def list_api_editions(catalogue_query):
    """The catalogue's editions for an understood catalogue query (courses.selectors.read_catalogue_query),
    in the catalogue's order, with sessions, venues, places left and booking state."""
    return _with_edition_details(catalogue_query.filterset.qs)


def get_public_edition(pk):
    """A public edition (a cancelled one too, marked by its booking state), or Http404."""
    return get_or_404(_with_edition_details(list_editions_with_places().public()), pk)


def list_tracks():
    return TrackPage.objects.live().order_by("path")


def list_packages():
    return PackagePage.objects.live().order_by("path")


def list_courses():
    return list_offered_courses().prefetch_related("audiences", "themes", "partner_organisations").order_by("path")


def get_course_with_editions(pk):
    """An offered course with its public upcoming editions (course.upcoming_editions), or Http404."""
    course = get_or_404(list_courses(), pk)
    course.upcoming_editions = list(list_upcoming_editions_of(course).select_related("course", "programme_year"))
    return course


def list_venues():
    """Venues of the sessions of public editions; a venue only drafts use is not shown."""
    used = Session.objects.filter(edition__in=Edition.objects.public()).values("venue_id")
    return Venue.objects.filter(pk__in=used).order_by("name", "pk")


def list_partners():
    return PartnerOrganisation.objects.order_by("name", "pk")


def list_themes():
    return Theme.objects.order_by("name", "pk")


def list_programme_years():
    """Published programme years only: one in preparation is not public."""
    return ProgrammeYear.objects.filter(is_published=True).order_by("-starts_on", "pk")


def catalogue_url(catalogue_query, *, request=None):
    """The catalogue page (/aanbod/) with the query's understood filters."""
    page = CatalogueIndexPage.objects.live().first()
    url = page.get_url(request) if page is not None else "/"
    query = catalogue_query.data.urlencode()
    return f"{url}?{query}" if query else url


def list_catalogue_editions_by_pk(pks):
    """The catalogue editions with these keys, with what EditionOut shows."""
    return _with_edition_details(list_catalogue_editions().filter(pk__in=pks).order_by())
