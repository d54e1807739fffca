"""The steering group's views on course requests in the Wagtail admin.

The generic edit view would write the request directly; here the status goes through
change_request_status() (history, log entry, mail) and the rest through update_request_triage().
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView, HistoryView, IndexView

from academy.admin_pages import PlainValuesInspectView
from academy.spreadsheets import BelgianCsvExportMixin
from curation import services
from curation.exceptions import CourseRequestError
from curation.selectors import list_requests_for_admin


def local_datetime(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


class CourseRequestIndexView(BelgianCsvExportMixin, IndexView):
    def get_base_queryset(self):
        return list_requests_for_admin()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        ordering = list(queryset.query.order_by)
        descending = bool(ordering) and str(ordering[0]).startswith("-")
        return queryset.order_by(*ordering, "-pk" if descending else "pk")

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "subject", label=gettext_lazy("Onderwerp"), get_url=self.get_edit_url, sort_key="subject"
            ),
            Column("organisation", label=gettext_lazy("Organisatie"), accessor="organisation_label"),
            Column("province", label=gettext_lazy("Provincie"), accessor="get_province_display", sort_key="province"),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
            Column(
                "support_count",
                label=gettext_lazy("Steunbetuigingen"),
                accessor="support_count",
                sort_key="support_count",
            ),
            Column(
                "created_at",
                label=gettext_lazy("Ingediend op"),
                accessor=lambda course_request: local_datetime(course_request.created_at),
                sort_key="created_at",
            ),
        ]


class CourseRequestEditView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        user = self.request.user
        instance = self.form.instance
        course_request = services.update_request_triage(
            instance,
            notes=data["notes"],
            answered_by_course=data["answered_by_course"],
            answered_by_edition=data["answered_by_edition"],
            by=user,
        )
        if "status" in self.form.changed_data:
            course_request = services.change_request_status(
                course_request, status=data["status"], by=user, note=data["status_note"]
            )
        return course_request

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CourseRequestError as error:
            # The transaction of form_valid() is rolled back: nothing has changed.
            form.add_error(None, ValidationError(error.message))
            messages.error(self.request, error.message)
            return self.form_invalid(form)


class CourseRequestInspectView(PlainValuesInspectView):
    fields = [
        "subject",
        "description",
        "theme",
        "track",
        "format",
        "audience",
        "municipality",
        "province",
        "group_size",
        "period",
        "organisation",
        "partner_organisation",
        "contact_name",
        "contact_email",
        "contact_phone",
        "is_public",
        "status",
        "notes",
        "answered_by_course",
        "answered_by_edition",
        "created_at",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(list_requests_for_admin(), pk=self.pk)

    def get_fields_context(self):
        context = super().get_fields_context()
        context.append({"label": gettext_lazy("Steunbetuigingen"), "value": self.object.support_count})
        return context


class CourseRequestHistoryView(HistoryView):
    any_permission_required = ["add", "change", "delete", "view"]
