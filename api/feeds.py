"""The catalogue as feeds: Atom and iCalendar for any catalogue query string.

Both take the query string of /aanbod/ (read by courses.selectors.read_catalogue_query,
filtered by CatalogueFilterSet) and list the upcoming public editions it finds, in the
catalogue's order, linking to the course pages.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from calendars.ics import offer_calendar
from courses.filters import CatalogueFilterSet
from courses.selectors import get_offer_vocabulary, read_catalogue_query
from partners.embedding import via_path
from partners.selectors import get_channel

from . import selectors

FEED_SIZE = 100


def _refused(query):
    detail = " ".join(
        _("'%(value)s' is geen geldige waarde voor '%(param)s'.") % {"value": value[:200], "param": param}
        for param, value in query.rejected.items()
    )
    return HttpResponse(detail, status=400, content_type="text/plain; charset=utf-8")


def _describe_filters(query):
    """The query's filters in words: "Traject: Politieke vorming, Provincie: Limburg"."""
    vocabulary = get_offer_vocabulary()
    parts = []
    for name, value in query.cleaned.items():
        filter_ = CatalogueFilterSet.base_filters[name]
        if name == "sorteer":
            continue
        choices = dict(vocabulary.get(name) or filter_.extra.get("choices") or [])
        shown = choices.get(value, value)
        if hasattr(shown, "isoformat"):
            shown = shown.strftime("%d/%m/%Y")
        parts.append(f"{filter_.label}: {shown}")
    return ", ".join(parts)


def _describe_edition(edition):
    sessions = list(edition.sessions.all())
    lines = [edition.course.summary]
    for session in sessions:
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        place = f"{session.venue.name}, {session.venue.municipality}" if session.venue_id else _("online")
        lines.append(f"{start:%d/%m/%Y %H:%M}–{end:%H:%M}, {place}")
    if edition.free_places:
        lines.append(_("Nog %(count)s vrije plaatsen.") % {"count": edition.free_places})
    else:
        lines.append(_("Volzet."))
    return "\n".join(line for line in lines if line)


def _feed_name(query):
    described = _describe_filters(query)
    name = _("Aanbod van de Sociale en Politieke Academie")
    return f"{name}: {described}" if described else name


class CatalogueAtomFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        query = read_catalogue_query(request.GET)
        if query.rejected:
            return _refused(query)
        return super().__call__(request, query=query)

    def get_object(self, request, query):
        query.request = request
        return query

    def title(self, query):
        return _feed_name(query)

    def subtitle(self, query):
        return _("De komende vormingen, met hun data, plaats en vrije plaatsen.")

    def link(self, query):
        return selectors.catalogue_url(query, request=query.request)

    def feed_url(self, query):
        return query.request.get_full_path()

    def items(self, query):
        # Through the partner's via link when the feed is a partner's channel, so that an
        # enrolment that starts in a feed reader counts for that partner.
        channel = get_channel(query.request.GET, partner_filter=query.cleaned.get("partner", ""))
        editions = list(selectors.list_api_editions(query)[:FEED_SIZE])
        for edition in editions:
            path = f"{edition.course.url}#editie-{edition.pk}"
            edition.feed_link = via_path(channel, path) if channel else path
        return editions

    def item_title(self, edition):
        when = timezone.localtime(edition.starts_at).strftime("%d/%m/%Y")
        label = f" – {edition.label}" if edition.label else ""
        return f"{edition.course.title}{label} ({when})"

    def item_description(self, edition):
        return _describe_edition(edition)

    def item_link(self, edition):
        return edition.feed_link

    def item_pubdate(self, edition):
        return edition.created_at

    def item_updateddate(self, edition):
        return edition.updated_at


def catalogue_ical_feed(request):
    query = read_catalogue_query(request.GET)
    if query.rejected:
        return _refused(query)
    editions = selectors.list_api_editions(query)[:FEED_SIZE]
    content = offer_calendar(editions, name=_feed_name(query))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename="aanbod.ics")
    return response
