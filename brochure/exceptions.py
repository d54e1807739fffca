"""Errors of the brochure services, each with a Dutch message."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class BrochureError(ServiceError):
    pass


class ProgrammeYearNotPublished(BrochureError):
    message = _("Dit werkjaar is nog niet gepubliceerd: maak de brochure nadat de stuurgroep het heeft gepubliceerd.")


class VariantIncomplete(BrochureError):
    message = _("Kies de partnerorganisatie of de provincie van deze versie van de brochure.")


class PdfNotWritten(BrochureError):
    message = _("De pdf van de brochure kon niet worden opgeslagen. Probeer het later opnieuw.")
