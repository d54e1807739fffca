"""Read the offer for pages and the catalogue, with a query count that does not grow with it."""

import copy
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.images import get_image_model

from academy.models import MAX_FEATURED_COURSES, FeaturedCourse
from academy.page_cache import get_for_generation, process_memo
from courses.catalogue_index import FACET_ORDER, get_catalogue_index, get_places_left
from courses.choices import AudienceCode, CourseFormat, PackageLevel, Province, Scope, track_colour_hex
from courses.filters import CatalogueFilterSet
from courses.models import (
    BookingState,
    CoursePage,
    Edition,
    EditionReview,
    PackagePage,
    PartnerOrganisation,
    Session,
    Theme,
    TrackPage,
)
from courses.structured_data import course_json_ld

PAGE_SIZE = 20


def list_editions_with_places():
    """Editions annotated with confirmed_count and free_places, the base of every seat display,
    and with reduced_rate (EditionQuerySet.with_rates()) for the prices every card shows.

    The places come from the one function registered with the hook "annotate_places"
    (enrolment.selectors.annotate_places, the one home of "places left"): enrolments are
    enrolment's, above courses.
    """
    [annotate_places] = hooks.get_hooks("annotate_places")
    return annotate_places(Edition.objects.with_rates())


def list_catalogue_editions():
    return list_editions_with_places().in_catalogue().order_by("starts_at", "pk")


def _sessions_with_venues():
    return Prefetch("sessions", queryset=Session.objects.select_related("venue").order_by("starts_at"))


def _images_with_renditions(lookup):
    """Prefetch course images with their renditions, so a list of cards that show them takes
    two queries whatever its length."""
    return Prefetch(lookup, queryset=get_image_model().objects.prefetch_renditions())


def get_offer_vocabulary():
    """Tracks, partner organisations and themes by slug, kept until the offer changes."""
    return get_for_generation("offer-vocabulary", _build_offer_vocabulary)


def _build_offer_vocabulary():
    vocabulary = {"traject": [], "partner": [], "thema": []}
    tracks = (
        TrackPage.objects.live()
        .annotate(vocabulary=Value("traject"))
        .values_list("vocabulary", "slug", "title", "path")
    )
    partners = PartnerOrganisation.objects.annotate(vocabulary=Value("partner")).values_list(
        "vocabulary", "slug", "name", "name"
    )
    themes = Theme.objects.annotate(vocabulary=Value("thema")).values_list("vocabulary", "slug", "name", "name")
    # One query for the three lists; tracks keep their tree order, the rest sort by name.
    rows = tracks.order_by().union(partners.order_by(), themes.order_by(), all=True)
    for kind, slug, name, _sort_key in sorted(rows, key=lambda row: row[3].lower()):
        vocabulary[kind].append((slug, name))
    return vocabulary


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetGroup:
    param: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_option(self):
        return next((option for option in self.options if option.selected), None)


@dataclass
class Catalogue:
    page: object
    count: int
    facets: list
    errors: list
    active_filters: list
    query_without_page: str
    sort: str
    query: str
    date_from: str
    date_to: str


FACET_PARAMS = FACET_ORDER
FACET_LABELS = {
    "traject": _("Traject"),
    "niveau": _("Niveau"),
    "vorm": _("Vorm"),
    "reikwijdte": _("Reikwijdte"),
    "provincie": _("Provincie"),
    "doelgroep": _("Doelgroep"),
    "partner": _("Partnerorganisatie"),
    "thema": _("Thema"),
    "plaatsen": _("Plaatsen"),
}
NON_FILTER_PARAMS = ("pagina", "sorteer")


def _search_course_ids():
    results = {}

    def search(text):
        if text not in results:
            found = CoursePage.objects.live().search(text, operator="and", order_by_relevance=False)
            results[text] = [page.pk for page in found]
        return results[text]

    return search


def _data_without(data, params):
    reduced = data.copy()
    for param in params:
        reduced.pop(param, None)
    return reduced


def _rows_matching_non_facet_filters(index, cleaned, search):
    now = timezone.now()
    rows = [edition for edition in index if edition.ends_at >= now]
    if cleaned.get("q", "").strip():
        course_ids = set(search(cleaned["q"].strip()))
        rows = [edition for edition in rows if edition.course_id in course_ids]
    if cleaned.get("van"):
        rows = [edition for edition in rows if edition.starts_on >= cleaned["van"]]
    if cleaned.get("tot"):
        rows = [edition for edition in rows if edition.starts_on <= cleaned["tot"]]
    return rows


def _select_and_count(rows, selected):
    """Select the rows that match every selected facet, and count, per facet option, the
    rows that match every other selected facet.

    The one home of the catalogue's results: the count of an option is the number of
    results once it is chosen, because both come from this pass. A row that misses no
    selection is a result and counts everywhere; a row that misses exactly one counts only
    for the facet it misses, as that facet ignores its own selection.
    """
    selections = [(position, selected[param]) for position, param in enumerate(FACET_PARAMS) if param in selected]
    pairs = []
    results = []
    for row in rows:
        values = row.facet_values
        missed = [position for position, value in selections if value not in values[position]]
        if not missed:
            results.append(row)
            pairs.extend(row.facet_pairs)
        elif len(missed) == 1:
            position = missed[0]
            pairs.extend((position, value) for value in values[position])
    counted = Counter(pairs)
    counts = [{} for _ in FACET_PARAMS]
    for (position, value), count in counted.items():
        counts[position][value] = count
    return results, dict(zip(FACET_PARAMS, counts, strict=True))


def _sorted_results(results, sort):
    # The index is in date order (starts_at, pk) already.
    if sort == "titel":
        return sorted(results, key=lambda row: (row.course_title, row.starts_at, row.pk))
    return results


@dataclass
class CatalogueQuery:
    """A catalogue query string as understood: the parameters kept, their cleaned values,
    and what was left out."""

    data: QueryDict
    cleaned: dict
    search: object
    errors: list
    # Parameter name -> the value that was not understood (the errors say it in Dutch).
    rejected: dict

    @cached_property
    def filterset(self):
        """The CatalogueFilterSet over the catalogue's editions, for who selects in SQL (the
        API). Built on first use: the catalogue page selects from its index, and building
        the annotated queryset it never ran cost it about a quarter of its time."""
        return CatalogueFilterSet(self.data, queryset=list_catalogue_editions(), search=self.search)


def read_catalogue_query(params):
    """Read a catalogue query string: one value per filter (a repeated parameter keeps the
    first), each value checked by CatalogueFilterSet and, for tracks, partners and themes,
    against the offer. Return a CatalogueQuery; what is not understood is left out of it,
    never fatal. The one home of what a catalogue query string means (page, API, feeds).
    """
    data = QueryDict(mutable=True)
    for key in CatalogueFilterSet.base_filters:
        values = params.getlist(key) if hasattr(params, "getlist") else [params.get(key)]
        values = [value for value in values if value not in (None, "")]
        if values:
            # One value per filter: a repeated parameter is a tampered link, keep the first.
            data[key] = values[0]
    search = _search_course_ids()
    vocabulary = get_offer_vocabulary()
    errors = []
    rejected = {}
    # Only its form checks the values here: no need for the catalogue's queryset.
    validation = CatalogueFilterSet(data.copy(), queryset=Edition.objects.all(), search=search)
    validation.form.is_valid()
    for name in validation.form.errors:
        errors.append(
            _("'%(value)s' begrijpen we niet voor '%(filter)s'; die filter is genegeerd.")
            % {"value": data[name], "filter": validation.filters[name].label}
        )
        rejected[name] = data.pop(name)[0]
    cleaned = {key: value for key, value in validation.form.cleaned_data.items() if value not in (None, "")}
    for param in ("traject", "partner", "thema"):
        if param in cleaned and cleaned[param] not in dict(vocabulary[param]):
            errors.append(
                _("'%(value)s' bestaat niet als '%(filter)s'; die filter is genegeerd.")
                % {"value": cleaned[param], "filter": FACET_LABELS[param]}
            )
            rejected[param] = data.pop(param)[0]
            del cleaned[param]
    return CatalogueQuery(data=data, cleaned=cleaned, search=search, errors=errors, rejected=rejected)


def get_catalogue(params, *, page_number=None):
    """Filter, count and paginate the catalogue for a query string.

    Return a Catalogue whose errors say, in Dutch, which parts of the query string were
    not understood; those parts are ignored, never fatal.
    """
    query = read_catalogue_query(params)
    data, cleaned, search, errors = query.data, query.cleaned, query.search, query.errors
    vocabulary = get_offer_vocabulary()
    selected = {param: str(cleaned[param]) for param in FACET_PARAMS if param in cleaned}

    rows = _rows_matching_non_facet_filters(get_catalogue_index(), cleaned, search)
    results, facet_counts = _select_and_count(rows, selected)
    choices = {
        "traject": vocabulary["traject"],
        "niveau": PackageLevel.choices,
        "vorm": CourseFormat.choices,
        "reikwijdte": Scope.choices,
        "provincie": Province.choices,
        "plaatsen": [("ja", _("Nog plaatsen vrij"))],
        "doelgroep": AudienceCode.choices,
        "partner": vocabulary["partner"],
        "thema": vocabulary["thema"],
    }
    facets = [_facet_group(param, choices[param], facet_counts[param], selected.get(param)) for param in FACET_PARAMS]

    # The FilterSet only checks the query string (read_catalogue_query()); the results and
    # the facet counts both come from the index, so they cannot disagree.
    page = Paginator(_sorted_results(results, cleaned.get("sorteer", "datum")), PAGE_SIZE).get_page(page_number)

    active_filters = []
    for group in facets:
        option = group.selected_option
        if option is not None:
            active_filters.append(
                {
                    "label": f"{group.label}: {option.label}",
                    "remove_query": _data_without(data, (group.param, "pagina")).urlencode(),
                }
            )
    for param, label in (("q", _("Zoekterm")), ("van", _("Vanaf")), ("tot", _("Tot en met"))):
        if param in cleaned:
            active_filters.append(
                {"label": f"{label}: {data[param]}", "remove_query": _data_without(data, (param, "pagina")).urlencode()}
            )
    return Catalogue(
        page=page,
        count=len(results),
        facets=facets,
        errors=errors,
        active_filters=active_filters,
        query_without_page=_data_without(data, ("pagina",)).urlencode(),
        sort=cleaned.get("sorteer", "datum"),
        query=data.get("q", ""),
        date_from=data.get("van", ""),
        date_to=data.get("tot", ""),
    )


def _facet_group(param, choices, counts, selected_value):
    group = FacetGroup(param=param, label=FACET_LABELS[param])
    for value, label in choices:
        count = counts.get(value, 0)
        if count or value == selected_value:
            group.options.append(FacetOption(str(value), str(label), count, value == selected_value))
    return group


def get_booking_state(edition, *, now=None):
    """Return the edition's BookingState at now, read through the same queryset as every
    listing, so a page and a service never disagree about one edition."""
    return Edition.objects.filter(pk=edition.pk).with_booking_state(now).values_list("booking_state", flat=True).get()


def list_upcoming_editions_of(course, *, person=None, now=None):
    """The course's public upcoming editions, each annotated with its booking_state.

    Approved and cancelled editions both appear; a cancelled one is shown as such. With a
    person, also the upcoming editions they hold an active enrolment in, so who enrolled
    still finds their way (in a course retired since, for example).
    """
    visible = Q(pk__in=Edition.objects.public().values("pk"))
    if person is not None and person.is_authenticated:
        visible |= _held_by(person)
    return (
        list_editions_with_places()
        .with_booking_state(now)
        .upcoming()
        .filter(visible, course=course)
        .order_by("starts_at", "pk")
        .prefetch_related(_sessions_with_venues(), "trainers")
    )


def get_course_detail(course, *, person=None):
    """What a course page shows. Decide per edition whether it is public (is_public), shown
    as cancelled (is_cancelled) and bookable (is_bookable: the "Inschrijven" button).

    The public editions, with their places left and booking state, are read once per
    snapshot of the places left (get_places_left()) in each process: at most
    PLACES_LEFT_SECONDS old, and read anew everywhere once an enrolment commits, so who
    just enrolled sees the truth. Each request gets its own copy of every edition, as the
    apps above courses mark them for the visitor (edition.my_enrolment).
    """
    public_editions, json_ld = _public_editions_of(course)
    editions = [copy.copy(edition) for edition in public_editions]
    if person is not None and person.is_authenticated:
        editions = _with_held_editions(course, editions, person)
    return {"editions": editions, **_course_relations(course), "json_ld": json_ld}


def _public_editions_of(course):
    stamp, _places = get_places_left()
    memo = process_memo("course-public-editions")
    found = memo.get(course.pk)
    if found is None or found[0] != stamp:
        editions = list(list_upcoming_editions_of(course))
        for edition in editions:
            _mark_booking_state(edition, course)
        json_ld = (
            json.dumps(
                course_json_ld(course, [edition for edition in editions if edition.is_public]), ensure_ascii=False
            )
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )
        found = memo[course.pk] = (stamp, editions, json_ld)
    return found[1], found[2]


def _with_held_editions(course, editions, person):
    """Add the upcoming editions of the course that the person holds a place in and the
    public does not see (an edition of a retired course, for example): rare, so a cheap
    query asks first."""
    shown = [edition.pk for edition in editions]
    held = _held_by(person)
    if not held or not Edition.objects.upcoming().filter(held, course=course).exclude(pk__in=shown).exists():
        return editions
    editions = list(list_upcoming_editions_of(course, person=person))
    for edition in editions:
        _mark_booking_state(edition, course)
    return editions


def _held_by(person):
    """The editions the person holds a place in (enrolment.selectors.list_held_edition_ids),
    as a condition on editions."""
    held = Q()
    for held_by in hooks.get_hooks("held_edition_ids"):
        held |= Q(pk__in=held_by(person))
    return held


def _mark_booking_state(edition, course):
    # The page's own course: without it every edition would read it again.
    edition.course = course
    edition.is_public = edition.booking_state != BookingState.NOT_PUBLIC
    edition.is_cancelled = edition.booking_state == BookingState.CANCELLED
    edition.is_bookable = edition.booking_state == BookingState.OPEN


def _course_relations(course):
    """The course's audiences, themes, partner organisations and trainers, its track and
    package, and its image with its renditions, read once per offer generation in each
    process: none of them changes without a new generation (a page published, a snippet
    saved)."""
    memo = process_memo("course-relations")
    if course.pk not in memo:
        course_with_relations = (
            CoursePage.objects.filter(pk=course.pk)
            .select_related("track", "package")
            .prefetch_related(
                "audiences",
                "themes",
                "partner_organisations",
                "trainers__organisation",
                # With their renditions: Wagtail then asks neither the cache nor the database.
                _images_with_renditions("trainers__photo"),
                _images_with_renditions("image"),
            )
            .get()
        )
        memo[course.pk] = {
            "audiences": list(course_with_relations.audiences.all()),
            "themes": list(course_with_relations.themes.all()),
            "partner_organisations": list(course_with_relations.partner_organisations.all()),
            "trainers": list(course_with_relations.trainers.all()),
            "track": course_with_relations.track,
            "package": course_with_relations.package,
            "image": course_with_relations.image,
        }
    return memo[course.pk]


def _courses_with_next_edition(courses):
    in_catalogue = Edition.objects.in_catalogue().filter(course=OuterRef("pk"))
    next_start = in_catalogue.order_by("starts_at").values("starts_at")[:1]
    edition_count = in_catalogue.order_by().values("course").annotate(n=Count("pk")).values("n")
    return courses.annotate(
        next_edition_at=Subquery(next_start),
        upcoming_edition_count=Coalesce(Subquery(edition_count, output_field=IntegerField()), Value(0)),
    ).prefetch_related(_images_with_renditions("image"))


def attach_courses(editions):
    """Set edition.course on each of these editions from the courses this process read in
    the current offer generation, reading the others in one query.

    For pages that list a person's editions (Mijn academie): cheaper than joining every
    row to the course's two tables, as each course changes only with a new generation.
    """
    known = process_memo("courses-by-pk")
    missing = {edition.course_id for edition in editions} - known.keys()
    if missing:
        known.update((course.pk, course) for course in CoursePage.objects.filter(pk__in=missing))
    for edition in editions:
        edition.course = known[edition.course_id]
    return editions


def attach_editions(rows):
    """Set row.edition on each of these rows (enrolments, invitations, certificates: anything
    with an edition_id) from the editions this process read in the current offer generation,
    with their course and their sessions and venues; the others are read in two queries.

    For pages that list a person's rows (Mijn academie): an edition, its sessions and its
    venues change only with a new generation, and joining every row to the edition's wide
    table cost more than the rest of the query. Each row gets its own shallow copy, so what
    a page sets on an edition stays with its request.
    """
    known = process_memo("editions-by-pk")
    missing = {row.edition_id for row in rows if row.edition_id is not None} - known.keys()
    if missing:
        editions = list(Edition.objects.filter(pk__in=missing).prefetch_related(_sessions_with_venues()))
        known.update((edition.pk, edition) for edition in attach_courses(editions))
    for row in rows:
        # An edition deleted since the row was read is left to the row's own lookup.
        edition = known.get(row.edition_id)
        if edition is not None:
            row.edition = copy.copy(edition)
    return rows


def list_offered_courses():
    """Live courses the steering group has not retired."""
    return CoursePage.objects.live().filter(is_retired=False)


def get_track_colours_by_title():
    """The hex colour of each track by its title: certificates keep the track's title as
    it was when they were issued."""
    return {title: track_colour_hex(colour) for title, colour in TrackPage.objects.values_list("title", "colour")}


def get_track_overview(track):
    packages = list(PackagePage.objects.child_of(track).live().order_by("path"))
    courses = list(_courses_with_next_edition(list_offered_courses().descendant_of(track)).order_by("path"))
    by_package = {package.pk: [] for package in packages}
    loose = []
    for course in courses:
        if course.package_id in by_package:
            by_package[course.package_id].append(course)
        else:
            loose.append(course)
    return {
        "packages": [{"package": package, "courses": by_package[package.pk]} for package in packages],
        "loose_courses": loose,
    }


def list_courses_of_partner(partner):
    """The offered courses the partner organisation co-organises, by title, each with its
    next edition in the catalogue and how many are coming."""
    courses = list_offered_courses().filter(partner_organisations=partner)
    return _courses_with_next_edition(courses).order_by("title", "pk")


def get_package_overview(package):
    courses = list(_courses_with_next_edition(list_offered_courses().child_of(package)).order_by("path"))
    return {
        "required_courses": [course for course in courses if course.is_required],
        "elective_courses": [course for course in courses if not course.is_required],
        "required_package": package.required_package if package.required_package_id else None,
        "track": TrackPage.objects.ancestor_of(package).first(),
    }


def list_featured_courses(home):
    """The courses featured on the home page, in the steering group's order.

    A retired or unpublished course drops out, so the list may be shorter than chosen.
    One query, whatever the number of featured courses.
    """
    position = FeaturedCourse.objects.filter(home_page=home, course=OuterRef("pk")).order_by("sort_order")
    courses = (
        _courses_with_next_edition(list_offered_courses())
        .annotate(featured_position=Subquery(position.values("sort_order")[:1]))
        .filter(featured_position__isnull=False)
        .order_by("featured_position", "pk")
    )
    return list(courses[:MAX_FEATURED_COURSES])


HOME_UPCOMING_EDITIONS = 6


def list_starting_soon(*, now=None, limit=HOME_UPCOMING_EDITIONS):
    """The first editions that take enrolments now (EditionQuerySet.bookable()), soonest
    first, with what a card shows: places left, course, track, package and its prerequisite,
    sessions and venues. A fixed number of queries."""
    return list(
        list_editions_with_places()
        .bookable(now)
        .order_by("starts_at", "pk")
        .select_related("course__track", "course__package__required_package")
        .prefetch_related(_sessions_with_venues(), _images_with_renditions("course__image"))[:limit]
    )


def get_home_overview(home):
    """What the home page shows of the offer: the tracks, what starts soon, the featured courses."""
    return {
        "tracks": list(TrackPage.objects.live().order_by("path")),
        "featured_courses": list_featured_courses(home),
        "upcoming_editions": list_starting_soon(),
    }


def list_editions_awaiting_approval():
    """Submitted editions, the longest waiting first, with when they were submitted."""
    submitted_at = (
        EditionReview.objects.filter(edition=OuterRef("pk"), step=EditionReview.Step.SUBMITTED)
        .order_by("-created_at", "-pk")
        .values("created_at")[:1]
    )
    return (
        Edition.objects.filter(status=Edition.Status.SUBMITTED)
        .select_related("course")
        .annotate(submitted_at=Subquery(submitted_at))
        .order_by("submitted_at", "pk")
    )


def get_requested_changes(edition):
    """The steering group's last request for changes while the edition is back in draft, or None."""
    if edition.pk is None or edition.status != Edition.Status.DRAFT:
        return None
    last = edition.reviews.select_related("by").first()
    if last is None or last.step != EditionReview.Step.CHANGES_REQUESTED:
        return None
    return last


def list_review_recipients(review):
    """The addresses to tell about a decision: whoever teaches the edition and whoever submitted it."""
    from django.contrib.auth import get_user_model

    submitters = EditionReview.objects.filter(edition_id=review.edition_id, step=EditionReview.Step.SUBMITTED)
    users = get_user_model().objects.filter(
        Q(pk__in=review.edition.teacher_user_ids()) | Q(pk__in=submitters.values("by")), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def list_approver_addresses(edition):
    """The addresses of those who may approve the edition: everyone with
    courses.approve_edition (the steering group) except its own trainers, who may not."""
    from django.contrib.auth import get_user_model

    approvers = (
        get_user_model()
        .objects.with_perm(
            "courses.approve_edition",
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(pk__in=edition.teacher_user_ids())
    )
    return sorted({email for email in approvers.values_list("email", flat=True) if email})
