"""Add course material: the one place that writes it outside the admin's own forms."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape, linebreaks

from wagtail.documents import get_document_model
from wagtail.log_actions import log

from materials.exceptions import MaterialError, SessionOfAnotherCourse
from materials.models import CourseMaterial


def check_session_of_course(session, *, course):
    """Raise SessionOfAnotherCourse unless the session (if any) is one of the course's: the
    material of a session always belongs to that session's course."""
    if session is not None and session.edition.course_id != getattr(course, "pk", None):
        raise SessionOfAnotherCourse


def add_material(
    course,
    *,
    title: str,
    kind: str,
    visibility: str,
    by,
    session=None,
    text: str = "",
    upload=None,
    link_url: str = "",
    video_url: str = "",
) -> CourseMaterial:
    """Add material to the course, or to one session of one of its editions.

    Plain text becomes paragraphs. An uploaded file of public material goes to the document
    library (public by nature), that of participants-only material to the private storage.
    Raise SessionOfAnotherCourse for a session of another course, and MaterialError with the
    model's own message when the material is incomplete (a link without its address).
    Whether the user may add material to this course is the caller's to check.
    """
    check_session_of_course(session, course=course)
    public = visibility == CourseMaterial.Visibility.PUBLIC
    material = CourseMaterial(
        course=course,
        session=session,
        title=title.strip(),
        kind=kind,
        visibility=visibility,
        body=linebreaks(escape(text.strip())) if text.strip() else "",
        link_url=link_url if kind == CourseMaterial.Kind.LINK else "",
        video_url=video_url if kind == CourseMaterial.Kind.VIDEO else "",
    )
    with transaction.atomic():
        if kind == CourseMaterial.Kind.DOCUMENT and upload is not None:
            if public:
                material.document = get_document_model().objects.create(
                    title=material.title, file=upload, uploaded_by_user=by
                )
            else:
                material.file = upload
        try:
            material.full_clean()
        except ValidationError as error:
            raise MaterialError(" ".join(error.messages)) from error
        material.save()
        log(material, "wagtail.create", user=by)
    return material
