from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from materials.models import CourseMaterial
from materials.selectors import can_read_restricted_material


@require_safe
def serve_restricted_document(request, material_id, filename):
    """Serve the document of participants-only material to those who may read it, else 404.

    A 404 rather than a 403: a guessed or shared URL must not even confirm the file exists.
    """
    material = get_object_or_404(
        CourseMaterial.objects.select_related("document", "course"),
        pk=material_id,
        visibility=CourseMaterial.Visibility.PARTICIPANTS,
        document__isnull=False,
    )
    if material.document.filename != filename or not can_read_restricted_material(request.user, material.course):
        raise Http404
    response = FileResponse(material.document.file.open("rb"), as_attachment=True, filename=material.document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
