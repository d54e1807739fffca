"""Who may enrol in what, besides seats and dates: the package to complete first and the
audiences an edition is reserved for.

The one home of both rules. enrol() refuses with PrerequisiteMissing or NotForThisAudience
when these functions say so, and the course page shows the same answers before anyone
presses a button (list_requirements()).
"""

from dataclasses import dataclass

from academy.page_cache import get_for_generation
from courses.models import Audience, Edition
from enrolment.extensions import has_completed_package


def get_required_package(course, *, package=None):
    """The package a person must complete before enrolling in the course, or None.

    A course in a package that requires another one (an advanced package that requires
    the basic one) needs that package first; a loose course needs nothing. Pass the
    course's package when it is at hand.
    """
    package = package if package is not None else course.package
    if package is None or package.required_package_id is None:
        return None
    return package.required_package


def get_missing_package(course, person):
    """The package the person still has to complete (or be exempted from) before enrolling
    in the course, or None when nothing is missing."""
    required = get_required_package(course)
    if required is None or has_completed_package(person, required):
        return None
    return required


def list_person_audience_ids(person):
    """The audiences (roles) the person gave in their profile, as a set of primary keys."""
    if not person.is_authenticated:
        return set()
    return set(Audience.objects.filter(profiles__user=person).values_list("pk", flat=True))


def list_restricted_audiences_by_edition():
    """{edition primary key: [Audience]} for the editions reserved for some audiences, kept
    until the offer changes (an edition's audiences are set with the edition)."""

    def build():
        by_edition = {}
        rows = Edition.restricted_to_audiences.through.objects.select_related("audience").order_by("audience_id")
        for row in rows:
            by_edition.setdefault(row.edition_id, []).append(row.audience)
        return by_edition

    return get_for_generation("restricted-audiences", build)


def is_in_audience(edition, audience_ids):
    """Whether someone with these audiences may enrol in the edition: it is reserved for
    none, or for at least one of them. Reads edition.restricted_audiences when
    list_requirements() set it, else the edition's restricted_to_audiences."""
    restricted = getattr(edition, "restricted_audiences", None)
    if restricted is None:
        restricted = edition.restricted_to_audiences.all()
    allowed = {audience.pk for audience in restricted}
    return not allowed or bool(allowed & audience_ids)


@dataclass
class Requirements:
    """What a course page says about a course's prerequisite for the person looking.

    met is None for an anonymous visitor, whose progress is unknown.
    """

    required_package: object = None
    met: bool | None = None


def list_requirements(course, editions, person, *, package=None):
    """Say what the course and each of its editions ask before enrolling, and whether the
    person meets it.

    Give each edition restricted_audiences (a list, empty when open to all) and, for a
    logged-in person, in_audience and unmet_package (the package still to complete, or
    None); anonymous visitors get None for both. Return the course's Requirements. A
    fixed number of queries, whatever the number of editions.
    """
    restricted = list_restricted_audiences_by_edition()
    required = get_required_package(course, package=package)
    missing = None
    if person.is_authenticated and required is not None and not has_completed_package(person, required):
        missing = required
    for edition in editions:
        edition.restricted_audiences = restricted.get(edition.pk, [])
    # A person's audiences matter only where an edition is reserved.
    audience_ids = set()
    if person.is_authenticated and any(edition.restricted_audiences for edition in editions):
        audience_ids = list_person_audience_ids(person)
    for edition in editions:
        if person.is_authenticated:
            edition.in_audience = is_in_audience(edition, audience_ids)
            edition.unmet_package = missing
        else:
            edition.in_audience = None
            edition.unmet_package = None
    return Requirements(required, None if not person.is_authenticated or required is None else missing is None)
