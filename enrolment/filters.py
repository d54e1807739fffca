"""The staff listing of enrolments: every filter state is a plain, shareable query string."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.choices import Province
from courses.models import Edition, PartnerOrganisation, ProgrammeYear
from enrolment.models import Enrolment


class EnrolmentFilterSet(WagtailFilterSet):
    """Filter enrolments by edition, course, status, place, programme year, partner channel and date.

    ?edition=<id>&status=wachtlijst is the waitlist of one edition, linked from the listing.
    """

    edition = django_filters.ModelChoiceFilter(
        queryset=Edition.objects.select_related("course").order_by("-starts_at", "pk"), label=_("Editie")
    )
    course = django_filters.CharFilter(
        field_name="edition__course__title", lookup_expr="icontains", label=_("Vorming (titel bevat)"), max_length=255
    )
    status = django_filters.ChoiceFilter(choices=Enrolment.Status.choices, label=_("Status"))
    province = django_filters.ChoiceFilter(
        field_name="edition__province", choices=Province.choices, label=_("Provincie van de editie")
    )
    programme_year = django_filters.ModelChoiceFilter(
        field_name="edition__programme_year", queryset=ProgrammeYear.objects.all(), label=_("Werkjaar")
    )
    via_partner = django_filters.ModelChoiceFilter(
        queryset=PartnerOrganisation.objects.all(), label=_("Via het kanaal van partner"), null_label=_("Geen partner")
    )
    enrolled_on = django_filters.DateFromToRangeFilter(
        field_name="created_at", widget=DateRangePickerWidget, label=_("Ingeschreven op")
    )

    class Meta:
        model = Enrolment
        fields = []
