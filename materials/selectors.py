"""Who may read a course's participants-only material, and what they see."""

from django.db.models import F, Q

from courses.models import Edition, Session
from materials.models import CourseMaterial
from roles import rules


def can_read_restricted_material(user, course) -> bool:
    """Whether the user reads the course's participants-only material
    (roles.rules.may_read_restricted_material)."""
    return rules.may_read_restricted_material(user, course)


def list_course_page_materials(user, course, session_ids):
    """What the course page shows: the course's material this user may see, whether
    restricted items were left out, and which of these sessions have material of their own
    (a session's material always belongs to its course: materials.services), in one query."""
    materials = list(CourseMaterial.objects.filter(course=course).select_related("document", "session"))
    with_material = {material.session_id for material in materials if material.session_id in session_ids}
    return (*_visible_to(user, course, materials), with_material)


def _visible_to(user, course, materials):
    """The materials this user may see, with whether restricted items were left out."""
    if any(material.is_restricted for material in materials) and not can_read_restricted_material(user, course):
        visible = [material for material in materials if not material.is_restricted]
        return visible, True
    return materials, False


def get_session_with_material_page(session_id):
    """The session of an approved edition of a live course, with its edition and course, or
    raise Session.DoesNotExist: only such sessions have a material page."""
    return Session.objects.select_related("edition__course", "venue").get(
        pk=session_id, edition__status=Edition.Status.APPROVED, edition__course__live=True
    )


def list_session_materials_for(user, session):
    """The session's own material this user may see, with whether restricted items were left out.

    The same rule as the course's material: restricted items only for who may read the course's.
    """
    materials = list(CourseMaterial.objects.filter(session=session).select_related("document"))
    if any(material.is_restricted for material in materials) and not can_read_restricted_material(
        user, session.edition.course
    ):
        return [material for material in materials if not material.is_restricted], True
    return materials, False


def list_session_ids_with_material(session_ids):
    """The ids among these sessions that have material of their own, in one query."""
    session_ids = list(session_ids)
    if not session_ids:
        return set()
    return set(
        CourseMaterial.objects.filter(session_id__in=session_ids).values_list("session_id", flat=True).distinct()
    )


def list_material_of_edition(edition):
    """The material of the edition's course as a whole and of the edition's own sessions,
    session by session after the course's, with their sessions and documents loaded."""
    return (
        CourseMaterial.objects.filter(course_id=edition.course_id)
        .filter(Q(session__isnull=True) | Q(session__edition=edition))
        .select_related("session", "document")
        .order_by(F("session__starts_at").asc(nulls_first=True), "sort_order", "pk")
    )
