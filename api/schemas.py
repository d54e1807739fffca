"""The shapes of the public API's answers: what partner sites may rely on.

Field names are English, labels (the *_label fields) Dutch, as the site shows them.
"""

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import create_model

from django.urls import reverse

from courses.filters import CatalogueFilterSet
from courses.models import BookingState, PartnerOrganisation


def _page_url(obj, context):
    return obj.get_full_url(context["request"]) or ""


class Paged[T](Schema):
    count: int = Field(description="Het totale aantal resultaten.")
    limit: int
    offset: int
    next: str | None = Field(description="De volgende pagina, of null.")
    previous: str | None = Field(description="De vorige pagina, of null.")
    results: list[T]


class Error(Schema):
    detail: str = Field(description="Wat er mis is, in het Nederlands.")


class Accessibility(Schema):
    step_free: bool = Field(description="Rolstoeltoegankelijk (drempelvrij).")
    hearing_loop: bool = Field(description="Ringleiding.")
    public_transport: bool = Field(description="Bereikbaar met het openbaar vervoer.")
    notes: str


class VenueOut(Schema):
    id: int
    name: str
    street: str
    postcode: str
    municipality: str
    province: str
    province_label: str
    accessibility: Accessibility

    @staticmethod
    def resolve_province_label(obj):
        return str(obj.get_province_display())

    @staticmethod
    def resolve_accessibility(obj):
        return {
            "step_free": obj.step_free,
            "hearing_loop": obj.hearing_loop,
            "public_transport": obj.public_transport,
            "notes": obj.accessibility_notes,
        }


class SessionOut(Schema):
    id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    online: bool = Field(description="Online sessie; de link krijgen alleen de deelnemers.")
    venue: VenueOut | None

    @staticmethod
    def resolve_online(obj):
        return obj.venue_id is None


class CourseRef(Schema):
    id: int
    title: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(obj, context)


BookingStateValue = Literal[tuple(BookingState.values)]


class EditionOut(Schema):
    id: int
    course: CourseRef
    label: str
    programme_year: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    enrolment_opens_at: datetime
    enrolment_closes_at: datetime
    capacity: int
    places_left: int = Field(description="Vrije plaatsen; 0 zolang er iemand op de wachtlijst staat.")
    booking_state: BookingStateValue
    booking_state_label: str
    price: str = Field(description="Prijs in euro, bijvoorbeeld '25.00'.")
    scope: str
    scope_label: str
    province: str
    province_label: str
    region: str
    sessions: list[SessionOut]
    url: str = Field(description="De pagina van de vorming, bij deze editie.")
    calendar_url: str = Field(description="De sessies als iCalendar-bestand.")

    @staticmethod
    def resolve_programme_year(obj):
        return obj.programme_year.name if obj.programme_year_id else None

    @staticmethod
    def resolve_places_left(obj):
        return obj.free_places

    @staticmethod
    def resolve_booking_state_label(obj):
        return str(BookingState(obj.booking_state).label)

    @staticmethod
    def resolve_price(obj):
        return f"{obj.price:.2f}"

    @staticmethod
    def resolve_scope_label(obj):
        return str(obj.get_scope_display())

    @staticmethod
    def resolve_province_label(obj):
        return str(obj.get_province_display())

    @staticmethod
    def resolve_sessions(obj):
        return list(obj.sessions.all())

    @staticmethod
    def resolve_url(obj, context):
        url = _page_url(obj.course, context)
        return f"{url}#editie-{obj.pk}" if url else ""

    @staticmethod
    def resolve_calendar_url(obj, context):
        return context["request"].build_absolute_uri(reverse("calendars:edition_calendar", args=[obj.pk]))


class TrackOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(obj, context)


class PackageOut(Schema):
    id: int
    title: str
    slug: str
    level: str
    level_label: str
    summary: str
    electives_required: int
    required_package_id: int | None
    track_id: int
    url: str

    @staticmethod
    def resolve_level_label(obj):
        return str(obj.get_level_display())

    @staticmethod
    def resolve_track_id(obj):
        return obj.get_parent().pk

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(obj, context)


class CourseOut(Schema):
    id: int
    title: str
    slug: str
    summary: str
    format: str
    format_label: str
    track_id: int | None
    package_id: int | None
    is_required: bool
    audiences: list[str]
    themes: list[str] = Field(description="Slugs van de thema's.")
    partners: list[str] = Field(description="Slugs van de partnerorganisaties.")
    url: str

    @staticmethod
    def resolve_format_label(obj):
        return str(obj.get_format_display())

    @staticmethod
    def resolve_audiences(obj):
        return [audience.code for audience in obj.audiences.all()]

    @staticmethod
    def resolve_themes(obj):
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_partners(obj):
        return [partner.slug for partner in obj.partner_organisations.all()]

    @staticmethod
    def resolve_url(obj, context):
        return _page_url(obj, context)


class CourseDetailOut(CourseOut):
    editions: list[EditionOut] = Field(description="De openbare komende edities, geannuleerde gemarkeerd.")

    @staticmethod
    def resolve_editions(obj):
        return obj.upcoming_editions


class PartnerOut(Schema):
    id: int
    name: str
    slug: str
    kind: Literal[tuple(PartnerOrganisation.Kind.values)]
    kind_label: str
    website: str

    @staticmethod
    def resolve_kind_label(obj):
        return str(obj.get_kind_display())


class ThemeOut(Schema):
    id: int
    name: str
    slug: str


class ProgrammeYearOut(Schema):
    id: int
    name: str
    starts_on: date
    ends_on: date


def _filter_field(name, filter_):
    choices = getattr(filter_, "extra", {}).get("choices")
    extra = {"enum": [str(value) for value, _label in choices]} if choices else None
    description = str(filter_.label or name)
    return (str | None, Field(None, description=description, json_schema_extra=extra))


# The catalogue's query-string filters, read from CatalogueFilterSet itself so the API
# documents exactly what /aanbod/ understands; the FilterSet validates the values.
CatalogueFilters = create_model(
    "CatalogueFilters",
    __base__=Schema,
    **{name: _filter_field(name, filter_) for name, filter_ in CatalogueFilterSet.base_filters.items()},
)
