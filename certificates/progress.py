"""Progress through packages: which courses a person completed, and which packages.

A course counts as completed when the person's attendance completed one of its editions
(attendance.completion); a package by its required courses plus enough electives.
"""

from dataclasses import dataclass

from academy.page_cache import get_for_generation
from attendance.completion import get_completions, list_completed_enrolments
from certificates.models import Certificate
from certificates.selectors import list_certificates_in_dashboard
from courses.models import CoursePage, PackagePage
from enrolment.models import Enrolment, PackageExemption


def list_completed_course_ids(person):
    enrolments = list(Enrolment.objects.confirmed().filter(person=person).select_related("edition__course"))
    # A certificate staff issued by hand completes its course too, whatever the attendance.
    certified = Certificate.objects.valid().filter(person=person, kind=Certificate.Kind.EDITION)
    return {enrolment.edition.course_id for enrolment in list_completed_enrolments(enrolments)} | set(
        certified.values_list("edition__course_id", flat=True)
    )


@dataclass
class PackageProgress:
    package: PackagePage
    completed: int
    needed: int
    exempted: bool

    @property
    def is_complete(self):
        return self.exempted or self.completed >= self.needed


def _exempted_package_ids(person):
    return set(PackageExemption.objects.filter(person=person).values_list("package_id", flat=True))


def get_package_progress(person, packages, *, completed_course_ids=None, exempted_package_ids=None):
    """Progress per package: required courses plus the number of electives it asks."""
    done = list_completed_course_ids(person) if completed_course_ids is None else completed_course_ids
    exempted = _exempted_package_ids(person) if exempted_package_ids is None else exempted_package_ids
    by_package = get_for_generation("package-members", _list_members_by_package)
    progress = []
    for package in packages:
        members = by_package.get(package.pk, [])
        required = [course_id for course_id, is_required in members if is_required]
        electives = [course_id for course_id, is_required in members if not is_required]
        electives_needed = min(package.electives_required, len(electives))
        completed = sum(1 for course_id in required if course_id in done) + min(
            sum(1 for course_id in electives if course_id in done), electives_needed
        )
        progress.append(PackageProgress(package, completed, len(required) + electives_needed, package.pk in exempted))
    return progress


def _list_members_by_package():
    """(course pk, is_required) of each package's live courses, by package pk: part of the
    offer, so read once per offer generation."""
    courses = CoursePage.objects.live().exclude(package=None).values_list("package_id", "pk", "is_required")
    by_package = {}
    for package_id, course_id, is_required in courses.order_by("path"):
        by_package.setdefault(package_id, []).append((course_id, is_required))
    return by_package


def _list_packages():
    return list(PackagePage.objects.order_by("path"))


def has_completed_package(person, package):
    [progress] = get_package_progress(person, [package])
    return progress.is_complete


def list_progress_of(person, *, completed_course_ids=None, enrolments=None):
    """Progress in every package the person has at least one enrolment or exemption in.

    Pass the person's enrolments, with their editions' courses, when they are at hand.
    """
    if enrolments is None:
        enrolments = Enrolment.objects.filter(person=person).select_related("edition__course")
    exempted = _exempted_package_ids(person)
    package_ids = {enrolment.edition.course.package_id for enrolment in enrolments} - {None} | exempted
    packages = [package for package in get_for_generation("packages", _list_packages) if package.pk in package_ids]
    return get_package_progress(
        person, packages, completed_course_ids=completed_course_ids, exempted_package_ids=exempted
    )


def get_dashboard_progress(person, confirmed, *, enrolments=None):
    """Mijn academie's part of certificates: the completion of each confirmed enrolment (set
    on it as enrolment.completion), the person's certificates and their progress in packages.

    Pass all the person's enrolments, with their editions' courses, when they are at hand."""
    completions = get_completions(confirmed)
    for enrolment in confirmed:
        enrolment.completion = completions[enrolment.pk]
    certificates = list(list_certificates_in_dashboard(person))
    return {
        "certificates": certificates,
        "has_valid_certificates": any(not certificate.is_revoked for certificate in certificates),
        "package_progress": list_progress_of(
            person,
            completed_course_ids={
                enrolment.edition.course_id for enrolment in confirmed if enrolment.completion.is_completed
            }
            | {
                certificate.edition.course_id
                for certificate in certificates
                if certificate.kind == certificate.Kind.EDITION and not certificate.is_revoked
            },
            enrolments=enrolments,
        ),
    }
