"""Background work of brochures: laying out their PDFs."""

from django.tasks import task

from brochure import services
from brochure.models import Brochure


@task
def make_brochure_pdf(brochure_id: int):
    services.make_brochure(Brochure.objects.get(pk=brochure_id))
    # A file a worker wrote before it died, or whose transaction failed in its commit.
    services.delete_orphan_brochure_files()
