"""The public read-only API at /api/v1/ (django-ninja): thin operations over api.selectors."""

import json

from ninja import Field, NinjaAPI, Query, Router, Schema, Swagger
from ninja.errors import HttpError, ValidationError

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from courses.selectors import read_catalogue_query

from . import selectors
from .rendering import serialize_editions
from .schemas import (
    CatalogueFilters,
    CourseDetailOut,
    CourseOut,
    EditionOut,
    Error,
    PackageOut,
    Paged,
    PartnerOut,
    ProgrammeYearOut,
    ThemeOut,
    TrackOut,
    VenueOut,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 100_000

api = NinjaAPI(
    title="Sociale en Politieke Academie – open API",
    version="1",
    description=(
        "Het openbare aanbod van de academie, om te lezen (GET), voor de sites van partnerorganisaties. "
        "De filters van /api/v1/editions/ zijn die van de catalogus /aanbod/, met dezelfde namen en waarden. "
        "Antwoorden hebben een ETag en Last-Modified (stuur If-None-Match of If-Modified-Since voor een 304) "
        "en Access-Control-Allow-Origin: *. Te veel aanvragen krijgen 429 met Retry-After."
    ),
    urls_namespace="api",
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

ERRORS = {400: Error, 404: Error, 422: Error}


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Niet gevonden, of niet openbaar.")}, status=404)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    names = sorted({str(error["loc"][-1]) for error in exc.errors if error.get("loc")})
    detail = _("Deze parameters kloppen niet: %(names)s.") % {"names": ", ".join(names)}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


def _paged(request, count, rows, *, limit, offset):
    def link(new_offset):
        query = request.GET.copy()
        query["limit"] = str(limit)
        query["offset"] = str(new_offset)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < count else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
        "results": rows,
    }


def _page(request, queryset, *, limit, offset):
    """One page of the queryset: count, the rows, and links to the pages around it."""
    return _paged(request, queryset.count(), list(queryset[offset : offset + limit]), limit=limit, offset=offset)


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Hoeveel resultaten (ten hoogste 100).")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Hoeveel resultaten overslaan.")


editions = Router(tags=["edities"])
catalogue = Router(tags=["aanbod"])
reference = Router(tags=["referentiegegevens"])


@editions.get("/editions/", response={200: Paged[EditionOut], **ERRORS}, summary="Komende edities, gefilterd")
def list_editions(request, filters: Query[CatalogueFilters], paging: Query[Paging]):
    """The catalogue's upcoming public editions, with the same filters as /aanbod/."""
    query = read_catalogue_query(request.GET)
    if query.rejected:
        detail = " ".join(
            _("'%(value)s' is geen geldige waarde voor '%(param)s'.") % {"value": value[:200], "param": param}
            for param, value in query.rejected.items()
        )
        raise HttpError(400, detail)
    editions = query.filterset.qs
    keys = list(editions.values_list("pk", flat=True)[paging.offset : paging.offset + paging.limit])
    page = _paged(request, editions.count(), serialize_editions(keys, request), **paging.model_dump())
    # Already in the shape of Paged[EditionOut] (tests/api check every answer against the schema).
    return HttpResponse(json.dumps(page, ensure_ascii=False), content_type=api.get_content_type())


@editions.get("/editions/{int:edition_id}/", response={200: EditionOut, **ERRORS}, summary="Eén editie")
def get_edition(request, edition_id: int):
    return selectors.get_public_edition(edition_id)


@catalogue.get("/tracks/", response={200: Paged[TrackOut], **ERRORS}, summary="Trajecten")
def list_tracks(request, paging: Query[Paging]):
    return _page(request, selectors.list_tracks(), **paging.model_dump())


@catalogue.get("/tracks/{int:track_id}/", response={200: TrackOut, **ERRORS}, summary="Eén traject")
def get_track(request, track_id: int):
    return selectors.get_or_404(selectors.list_tracks(), track_id)


@catalogue.get("/packages/", response={200: Paged[PackageOut], **ERRORS}, summary="Pakketten")
def list_packages(request, paging: Query[Paging]):
    return _page(request, selectors.list_packages(), **paging.model_dump())


@catalogue.get("/packages/{int:package_id}/", response={200: PackageOut, **ERRORS}, summary="Eén pakket")
def get_package(request, package_id: int):
    return selectors.get_or_404(selectors.list_packages(), package_id)


@catalogue.get("/courses/", response={200: Paged[CourseOut], **ERRORS}, summary="Vormingen")
def list_courses(request, paging: Query[Paging]):
    return _page(request, selectors.list_courses(), **paging.model_dump())


@catalogue.get(
    "/courses/{int:course_id}/", response={200: CourseDetailOut, **ERRORS}, summary="Eén vorming met haar edities"
)
def get_course(request, course_id: int):
    return selectors.get_course_with_editions(course_id)


@reference.get("/venues/", response={200: Paged[VenueOut], **ERRORS}, summary="Locaties, met hun toegankelijkheid")
def list_venues(request, paging: Query[Paging]):
    return _page(request, selectors.list_venues(), **paging.model_dump())


@reference.get("/venues/{int:venue_id}/", response={200: VenueOut, **ERRORS}, summary="Eén locatie")
def get_venue(request, venue_id: int):
    return selectors.get_or_404(selectors.list_venues(), venue_id)


@reference.get("/partners/", response={200: Paged[PartnerOut], **ERRORS}, summary="Partnerorganisaties")
def list_partners(request, paging: Query[Paging]):
    return _page(request, selectors.list_partners(), **paging.model_dump())


@reference.get("/partners/{int:partner_id}/", response={200: PartnerOut, **ERRORS}, summary="Eén partnerorganisatie")
def get_partner(request, partner_id: int):
    return selectors.get_or_404(selectors.list_partners(), partner_id)


@reference.get("/themes/", response={200: Paged[ThemeOut], **ERRORS}, summary="Thema's")
def list_themes(request, paging: Query[Paging]):
    return _page(request, selectors.list_themes(), **paging.model_dump())


@reference.get("/themes/{int:theme_id}/", response={200: ThemeOut, **ERRORS}, summary="Eén thema")
def get_theme(request, theme_id: int):
    return selectors.get_or_404(selectors.list_themes(), theme_id)


@reference.get("/programme-years/", response={200: Paged[ProgrammeYearOut], **ERRORS}, summary="Werkjaren")
def list_programme_years(request, paging: Query[Paging]):
    return _page(request, selectors.list_programme_years(), **paging.model_dump())


@reference.get(
    "/programme-years/{int:year_id}/", response={200: ProgrammeYearOut, **ERRORS}, summary="Eén gepubliceerd werkjaar"
)
def get_programme_year(request, year_id: int):
    return selectors.get_or_404(selectors.list_programme_years(), year_id)


api.add_router("", editions)
api.add_router("", catalogue)
api.add_router("", reference)
