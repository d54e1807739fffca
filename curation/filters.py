"""The steering group's listing of course requests: every filter state is a plain query string."""

import django_filters

from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from courses.choices import Province
from courses.models import Theme, TrackPage
from curation.models import CourseRequest


class CourseRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=CourseRequest.Status.choices, label=_("Status"))
    province = django_filters.ChoiceFilter(choices=Province.choices, label=_("Provincie"))
    theme = django_filters.ModelChoiceFilter(queryset=Theme.objects.order_by("name"), label=_("Thema"))
    track = django_filters.ModelChoiceFilter(queryset=TrackPage.objects.order_by("title"), label=_("Traject"))
    created = django_filters.DateFromToRangeFilter(
        field_name="created_at", widget=DateRangePickerWidget, label=_("Ingediend op")
    )

    class Meta:
        model = CourseRequest
        fields = []
