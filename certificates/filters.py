"""The staff listing of certificates: every filter state is a plain, shareable query string."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from certificates.models import Certificate
from courses.models import Edition, PackagePage, ProgrammeYear


class CertificateFilterSet(WagtailFilterSet):
    """Filter certificates by kind, validity, edition, package, programme year and issue date."""

    VALID = "geldig"
    REVOKED = "ingetrokken"

    kind = django_filters.ChoiceFilter(choices=Certificate.Kind.choices, label=_("Soort"))
    status = django_filters.ChoiceFilter(
        choices=[(VALID, _("Geldig")), (REVOKED, _("Ingetrokken"))], method="filter_status", label=_("Status")
    )
    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.select_related("course").order_by("-starts_at", "pk"), label=_("Editie")
    )
    package = django_filters.ModelChoiceFilter(queryset=PackagePage.objects.order_by("path"), label=_("Pakket"))
    programme_year = django_filters.ModelChoiceFilter(
        field_name="edition__programme_year", queryset=ProgrammeYear.objects.all(), label=_("Werkjaar")
    )
    issued_on = django_filters.DateFromToRangeFilter(
        field_name="issued_at", widget=DateRangePickerWidget, label=_("Uitgereikt op")
    )

    class Meta:
        model = Certificate
        fields = []

    def filter_status(self, queryset, name, value):
        if value == self.VALID:
            return queryset.filter(revoked_at__isnull=True)
        if value == self.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset
