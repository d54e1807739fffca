"""The public download of the programme brochure."""

from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from brochure.selectors import get_public_brochure


@require_safe
def download(request, programme_year):
    """The main brochure of a published programme year, for anyone; 404 for any other."""
    brochure = get_public_brochure(programme_year)
    if brochure is None:
        raise Http404
    return FileResponse(brochure.pdf.open("rb"), content_type="application/pdf", filename=f"{brochure.file_slug()}.pdf")
