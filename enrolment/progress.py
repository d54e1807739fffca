"""Progress through packages: which courses a person completed, and which packages.

Until attendance is kept, a course counts as completed when the person had a confirmed
enrolment in one of its editions that has ended; attendance thresholds will refine this.
"""

from dataclasses import dataclass

from django.utils import timezone

from courses.models import CoursePage, PackagePage
from enrolment.models import Enrolment, PackageExemption


def list_completed_course_ids(person, *, now=None):
    now = now or timezone.now()
    return set(
        Enrolment.objects.confirmed()
        .filter(person=person, edition__ends_at__lt=now)
        .values_list("edition__course_id", flat=True)
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


def get_package_progress(person, packages, *, now=None):
    """Progress per package: required courses plus the number of electives it asks."""
    done = list_completed_course_ids(person, now=now)
    exempted = set(PackageExemption.objects.filter(person=person).values_list("package_id", flat=True))
    courses = CoursePage.objects.live().filter(package__in=packages).values_list("package_id", "pk", "is_required")
    by_package = {}
    for package_id, course_id, is_required in courses:
        by_package.setdefault(package_id, []).append((course_id, is_required))
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


def has_completed_package(person, package, *, now=None):
    [progress] = get_package_progress(person, [package], now=now)
    return progress.is_complete


def list_progress_of(person):
    """Progress in every package the person has at least one enrolment or exemption in."""
    package_ids = set(
        Enrolment.objects.filter(person=person)
        .exclude(edition__course__package=None)
        .values_list("edition__course__package_id", flat=True)
    ) | set(PackageExemption.objects.filter(person=person).values_list("package_id", flat=True))
    packages = list(PackagePage.objects.filter(pk__in=package_ids).order_by("path"))
    return get_package_progress(person, packages)
