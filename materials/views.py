from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from courses.models import Session
from materials.models import CourseMaterial
from materials.selectors import (
    can_read_restricted_material,
    get_session_with_material_page,
    list_session_materials_for,
)


@require_safe
def session_material(request, session_id):
    """The material of one session, with the course's access rules for restricted items."""
    try:
        session = get_session_with_material_page(session_id)
    except Session.DoesNotExist:
        raise Http404 from None
    materials, has_hidden_materials = list_session_materials_for(request.user, session)
    response = render(
        request,
        "materials/session_material.html",
        {
            "session": session,
            "edition": session.edition,
            "course": session.edition.course,
            "materials": materials,
            "has_hidden_materials": has_hidden_materials,
        },
    )
    # What this page shows depends on who asks: never in a shared cache or a search index.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def serve_restricted_document(request, material_id, filename):
    """Serve the document of participants-only material to those who may read it, else 404.

    A 404 rather than a 403: a guessed or shared URL must not even confirm the file exists.
    """
    material = get_object_or_404(
        CourseMaterial.objects.select_related("course").exclude(file=""),
        pk=material_id,
        visibility=CourseMaterial.Visibility.PARTICIPANTS,
    )
    if material.filename != filename or not can_read_restricted_material(request.user, material.course):
        raise Http404
    response = FileResponse(material.file.open("rb"), as_attachment=True, filename=material.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
