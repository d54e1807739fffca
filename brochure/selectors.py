"""Read what a brochure holds: the public offer of a programme year, grouped as it prints.

The offer is read in a fixed number of queries, whatever its size: the editions with their
courses, the sessions with their venues, the courses' partners, the tracks and the packages.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from academy.page_cache import get_for_generation
from brochure.models import Brochure
from courses.models import Edition, PackagePage, Session, TrackPage


@dataclass
class CourseEntry:
    course: object
    editions: list = field(default_factory=list)


@dataclass
class PackageSection:
    package: object
    courses: list[CourseEntry] = field(default_factory=list)


@dataclass
class TrackSection:
    track: object
    number: int
    packages: list[PackageSection] = field(default_factory=list)
    loose_courses: list[CourseEntry] = field(default_factory=list)

    @property
    def course_count(self):
        return sum(len(package.courses) for package in self.packages) + len(self.loose_courses)

    def entries(self):
        """The track's courses in print order: per package, then the loose ones."""
        for package in self.packages:
            yield from package.courses
        yield from self.loose_courses


@dataclass
class BrochureOffer:
    tracks: list[TrackSection]
    editions: list  # every edition in the brochure, by date

    @property
    def course_count(self):
        return sum(track.course_count for track in self.tracks)


def list_brochure_editions(brochure: Brochure):
    """The editions the brochure shows: public and approved (not cancelled) editions of the
    programme year, narrowed to the partner's courses or the province's editions."""
    editions = Edition.objects.public().approved().filter(programme_year_id=brochure.programme_year_id)
    if brochure.variant == Brochure.Variant.PARTNER:
        editions = editions.filter(course__partner_organisations=brochure.partner_id)
    elif brochure.variant == Brochure.Variant.PROVINCE:
        editions = editions.filter(province=brochure.province)
    return (
        editions.select_related("course")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.select_related("venue").order_by("starts_at")),
            "course__partner_organisations",
        )
        .order_by("starts_at", "pk")
    )


def get_brochure_offer(brochure: Brochure) -> BrochureOffer:
    """The brochure's courses per track and package in the editors' order (the page tree),
    each with its editions by date. A course outside any live package prints with its
    track's loose courses; one outside any live track is left out, as on the site."""
    editions = list(list_brochure_editions(brochure))
    entries = {}
    for edition in editions:
        entries.setdefault(edition.course_id, CourseEntry(edition.course)).editions.append(edition)
    courses = [entry.course for entry in entries.values()]
    tracks = TrackPage.objects.live().filter(pk__in={course.track_id for course in courses}).order_by("path")
    packages = PackagePage.objects.live().filter(pk__in={course.package_id for course in courses}).order_by("path")
    sections = {track.pk: TrackSection(track, number) for number, track in enumerate(tracks)}
    package_sections = {}
    for package in packages:
        track_id = next((pk for pk, section in sections.items() if package.path.startswith(section.track.path)), None)
        if track_id is not None:
            package_sections[package.pk] = PackageSection(package)
            sections[track_id].packages.append(package_sections[package.pk])
    for entry in sorted(entries.values(), key=lambda entry: entry.course.path):
        course = entry.course
        if course.track_id not in sections:
            continue
        if course.package_id in package_sections:
            package_sections[course.package_id].courses.append(entry)
        else:
            sections[course.track_id].loose_courses.append(entry)
    for section in sections.values():
        section.packages = [package for package in section.packages if package.courses]
    shown = {entry.course.pk for section in sections.values() for entry in section.entries()}
    return BrochureOffer(
        tracks=list(sections.values()),
        editions=[edition for edition in editions if edition.course_id in shown],
    )


def list_brochures_for_admin():
    return Brochure.objects.select_related("programme_year", "partner", "requested_by")


def get_brochure_for_admin(pk):
    return list_brochures_for_admin().filter(pk=pk).first()


def get_public_brochure(programme_year_name: str):
    """The public brochure of the programme year with this name, or None."""
    return (
        Brochure.objects.public()
        .select_related("programme_year")
        .filter(programme_year__name=programme_year_name)
        .first()
    )


def _build_current_download():
    brochure = Brochure.objects.public().select_related("programme_year").order_by("programme_year__starts_on").first()
    if brochure is None:
        return None
    return {"programme_year": brochure.programme_year.name, "page_count": brochure.page_count}


def get_current_public_download():
    """The brochure the public site links to: the public brochure of the earliest programme
    year not over yet, as {"programme_year", "page_count"}, or None. Kept until the offer
    changes (making a brochure and publishing a year both change it)."""
    return get_for_generation("programme-brochure", _build_current_download)
