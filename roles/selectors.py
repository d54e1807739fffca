"""Read who a user is in the academy's roles and what they teach."""

from django.db.models import Q

from courses.models import CoursePage, Edition
from roles.groups import STAFF, STEERING_GROUP, TRAINERS


def is_limited_to_own_offer(user):
    """Tell whether the user is a trainer and nothing more: such a user edits only the
    courses and editions they teach."""
    if not user.is_active or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRAINERS in names and not names & {STEERING_GROUP, STAFF}


def list_courses_taught_by(user):
    """Return the courses whose trainers include the user, or that the user created."""
    return CoursePage.objects.filter(Q(trainers__user=user) | Q(owner=user)).distinct()


def list_editions_taught_by(user):
    """Return the editions the user teaches, or that belong to a course the user teaches."""
    return Edition.objects.filter(Q(trainers__user=user) | Q(course__trainers__user=user)).distinct()
