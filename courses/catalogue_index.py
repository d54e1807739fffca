"""An in-memory index of the catalogue: one flat row per edition, rebuilt per offer generation.

The catalogue selects, filters and counts facets over a few hundred to a few thousand
editions on every request. Doing that with one grouped SQL query per facet costs more in
query compilation than in the database; holding the offer as flat rows (built in five
queries whenever the offer changes) lets every request select the results and count all
facets from them in one pass in Python.

The places left change with every enrolment, far more often than the offer: they are not
part of the offer generation. One query reads them for every edition of the catalogue; that
snapshot is shared for PLACES_LEFT_SECONDS at most and forgotten as soon as an enrolment
commits (forget_places_left), and each process lays it over its index when it changed.
"""

import logging
import time
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Site

from academy.page_cache import CACHE_ERRORS, current_generation, get_for_generation, process_memo
from courses.choices import CourseFormat, PackageLevel, Province, Scope, track_colour_hex
from courses.models import CoursePage, Session

logger = logging.getLogger(__name__)

# Bump when IndexedEdition changes, so servers never unpickle an index of another shape.
INDEX_FORMAT = 7
FACET_ORDER = ("traject", "niveau", "vorm", "reikwijdte", "provincie", "plaatsen", "doelgroep", "partner", "thema")
PLACES_FACET = FACET_ORDER.index("plaatsen")
# The longest a snapshot of the places left is shared when no enrolment commits in between
# (one that is built while an enrolment commits may miss it).
PLACES_LEFT_SECONDS = 5
PLACES_LEFT_KEY = "catalogue-places-left"


@dataclass(frozen=True, slots=True)
class IndexedEdition:
    pk: int
    course_id: int
    course_title: str
    course_url: str
    format: str
    format_label: str
    track_slug: str
    track_title: str
    # The track's colour as a hex value (courses.choices.track_colour_hex).
    track_colour: str
    level: str
    level_label: str
    label: str
    scope: str
    scope_label: str
    province: str
    province_label: str
    starts_at: datetime
    ends_at: datetime
    starts_on: date
    capacity: int
    confirmed_count: int
    # From courses.selectors.list_editions_with_places(): none while anyone waits.
    places_left: int
    price: Decimal
    # From EditionQuerySet.with_rates().
    reduced_rate: Decimal
    free_for_partner_volunteers: bool
    session_count: int
    venue_name: str
    venue_municipality: str
    # The edition's values for each facet of the catalogue, in FACET_ORDER, each a tuple or
    # frozenset: precomputed because the catalogue reads them for every edition per request.
    facet_values: tuple
    # The same as (position, value) pairs, so counting a matching row is one C-level update.
    facet_pairs: tuple

    @property
    def is_full(self):
        return self.places_left == 0

    @property
    def is_online(self):
        return not self.venue_name


def get_catalogue_index():
    """Return the index for the current offer generation, with the places left as of the
    current snapshot (get_places_left())."""
    index = get_for_generation(f"catalogue-index-v{INDEX_FORMAT}", build_catalogue_index)
    stamp, places = get_places_left()
    memo = process_memo("catalogue-index-with-places")
    if memo.get("stamp") != stamp or memo.get("index_id") != id(index):
        memo["index"] = _with_places(index, places)
        memo["stamp"], memo["index_id"] = stamp, id(index)
    return memo["index"]


def get_places_left():
    """Return (stamp, {edition pk: (confirmed_count, places_left)}) for the catalogue's
    editions: the shared snapshot, or a new one. The stamp changes with every snapshot."""
    key = f"{PLACES_LEFT_KEY}:{current_generation()}"
    snapshot = cache.get(key)
    if snapshot is None:
        from courses.selectors import list_catalogue_editions

        rows = list_catalogue_editions().values_list("pk", "confirmed_count", "free_places")
        snapshot = (time.time_ns(), {pk: (confirmed, places) for pk, confirmed, places in rows})
        cache.set(key, snapshot, PLACES_LEFT_SECONDS)
    return snapshot


def forget_places_left(**kwargs):
    """Drop the snapshot of the places left once the current transaction commits, so the
    next catalogue rendered anywhere reads them anew (connected to enrolment changes).

    Never raise: the seat change is committed, and a cache that is down must not keep the
    callbacks after it (the mails) from running. The snapshot then ages out by itself.
    """

    def forget():
        try:
            cache.delete(f"{PLACES_LEFT_KEY}:{current_generation()}")
        except CACHE_ERRORS:
            logger.warning("Could not drop the places left of the catalogue: the cache is unreachable.", exc_info=True)

    transaction.on_commit(forget)


def _facets_with_places(facet_values, places_left):
    places = ("ja" if places_left > 0 else "nee",)
    facet_values = (*facet_values[:PLACES_FACET], places, *facet_values[PLACES_FACET + 1 :])
    pairs = tuple((position, value) for position, values in enumerate(facet_values) for value in values)
    return facet_values, pairs


def _with_places(index, places):
    rows = []
    for row in index:
        confirmed, places_left = places.get(row.pk, (row.confirmed_count, row.places_left))
        if (confirmed, places_left) != (row.confirmed_count, row.places_left):
            facet_values, facet_pairs = _facets_with_places(row.facet_values, places_left)
            row = replace(
                row,
                confirmed_count=confirmed,
                places_left=places_left,
                facet_values=facet_values,
                facet_pairs=facet_pairs,
            )
        rows.append(row)
    return tuple(rows)


def _relative_url(url_path, root_paths):
    for root_path in root_paths:
        if url_path.startswith(root_path):
            return "/" + url_path[len(root_path) :]
    return url_path


def build_catalogue_index():
    from courses.selectors import list_catalogue_editions

    editions = list(
        list_catalogue_editions().values(
            "pk",
            "course_id",
            "label",
            "scope",
            "province",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed_count",
            "free_places",
            "price",
            "reduced_rate",
            "free_for_partner_volunteers",
            course_title=F("course__title"),
            course_url_path=F("course__url_path"),
            course_format=F("course__format"),
            track_slug=F("course__track__slug"),
            track_title=F("course__track__title"),
            track_colour=F("course__track__colour"),
            level=F("course__package__level"),
        )
    )
    edition_ids = [edition["pk"] for edition in editions]
    course_ids = {edition["course_id"] for edition in editions}
    sessions = {}
    for edition_id, venue_name, municipality in (
        Session.objects.filter(edition_id__in=edition_ids)
        .order_by("edition_id", "starts_at")
        .values_list("edition_id", "venue__name", "venue__municipality")
    ):
        count, first_venue = sessions.get(edition_id, (0, None))
        sessions[edition_id] = (count + 1, first_venue or ((venue_name, municipality) if venue_name else None))
    relations = {}
    for name, through, lookup in (
        ("audiences", CoursePage.audiences.through, "audience__code"),
        ("partners", CoursePage.partner_organisations.through, "partnerorganisation__slug"),
        ("themes", CoursePage.themes.through, "theme__slug"),
    ):
        by_course = relations.setdefault(name, {})
        for course_id, value in through.objects.filter(coursepage_id__in=course_ids).values_list(
            "coursepage_id", lookup
        ):
            by_course.setdefault(course_id, set()).add(value)
    root_paths = sorted((root.root_path for root in Site.get_site_root_paths()), key=len, reverse=True)
    labels = {
        "format": dict(CourseFormat.choices),
        "level": dict(PackageLevel.choices),
        "scope": dict(Scope.choices),
        "province": dict(Province.choices),
    }
    index = []
    for edition in editions:
        session_count, venue = sessions.get(edition["pk"], (0, None))
        course_id = edition["course_id"]
        audiences = frozenset(relations["audiences"].get(course_id, ()))
        partners = frozenset(relations["partners"].get(course_id, ()))
        themes = frozenset(relations["themes"].get(course_id, ()))
        facet_values, facet_pairs = _facets_with_places(
            (
                (edition["track_slug"] or "",),
                (edition["level"] or "",),
                (edition["course_format"],),
                (edition["scope"],),
                (edition["province"],),
                (),
                audiences,
                partners,
                themes,
            ),
            edition["free_places"],
        )
        index.append(
            IndexedEdition(
                pk=edition["pk"],
                course_id=course_id,
                course_title=edition["course_title"],
                course_url=_relative_url(edition["course_url_path"], root_paths),
                format=edition["course_format"],
                format_label=str(labels["format"].get(edition["course_format"], "")),
                track_slug=edition["track_slug"] or "",
                track_title=edition["track_title"] or "",
                track_colour=track_colour_hex(edition["track_colour"]),
                level=edition["level"] or "",
                level_label=str(labels["level"].get(edition["level"], "")),
                label=edition["label"],
                scope=edition["scope"],
                scope_label=str(labels["scope"][edition["scope"]]),
                province=edition["province"],
                province_label=str(labels["province"][edition["province"]]),
                starts_at=edition["starts_at"],
                ends_at=edition["ends_at"],
                starts_on=timezone.localtime(edition["starts_at"]).date(),
                capacity=edition["capacity"],
                confirmed_count=edition["confirmed_count"],
                places_left=edition["free_places"],
                price=edition["price"],
                reduced_rate=edition["reduced_rate"],
                free_for_partner_volunteers=edition["free_for_partner_volunteers"],
                session_count=session_count,
                venue_name=venue[0] if venue else "",
                venue_municipality=venue[1] if venue else "",
                facet_values=facet_values,
                facet_pairs=facet_pairs,
            )
        )
    return tuple(index)
