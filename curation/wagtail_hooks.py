from django.contrib.auth import get_permission_codename
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from curation.admin_views import (
    CourseRequestEditView,
    CourseRequestHistoryView,
    CourseRequestIndexView,
    CourseRequestInspectView,
)
from curation.filters import CourseRequestFilterSet
from curation.forms import CourseRequestTriageForm
from curation.models import CourseRequest
from curation.selectors import list_newest_public_requests


def _read_only(*names):
    return [FieldPanel(name, read_only=True) for name in names]


class CourseRequestViewSet(ModelViewSet):
    """The steering group triages course requests: status, notes and what answers them.

    Requests come in through the public form only: there is no create or copy view.
    Deleting is kept for spam that got past the honeypot.
    """

    model = CourseRequest
    icon = "help"
    menu_label = _("Vormingsvragen")
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = CourseRequestIndexView
    edit_view_class = CourseRequestEditView
    inspect_view_class = CourseRequestInspectView
    history_view_class = CourseRequestHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CourseRequestFilterSet
    search_fields = ["subject", "description", "organisation", "municipality", "contact_name"]
    search_backend_name = None
    ordering = "-created_at"
    list_per_page = 50
    list_export = [
        "subject",
        "organisation_label",
        "municipality",
        "get_province_display",
        "period",
        "group_size",
        "get_status_display",
        "support_count",
        "created_at",
    ]
    export_headings = {
        "subject": _("Onderwerp"),
        "organisation_label": _("Organisatie"),
        "municipality": _("Gemeente"),
        "get_province_display": _("Provincie"),
        "period": _("Periode"),
        "group_size": _("Groepsgrootte"),
        "get_status_display": _("Status"),
        "support_count": _("Steunbetuigingen"),
        "created_at": _("Ingediend op"),
    }
    export_filename = "vormingsvragen"
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                _read_only(
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
                ),
                heading=_("De vraag"),
            ),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("status_note"), FieldPanel("notes")],
                heading=_("Behandeling"),
            ),
            MultiFieldPanel(
                [FieldPanel("answered_by_course"), FieldPanel("answered_by_edition")],
                heading=_("Antwoord op de vraag"),
            ),
        ],
        base_form_class=CourseRequestTriageForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{"add_url_name": None, "usage_url_name": None, **kwargs})

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().exclude(codename=get_permission_codename("add", self.model_opts))

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in ("add", "usage")]


@hooks.register("register_admin_viewset")
def register_course_request_viewset():
    return CourseRequestViewSet("course_requests")


@hooks.register("register_log_actions")
def register_course_request_log_actions(actions):
    actions.register_action(
        "academy.course_request.status", _("Status van een vormingsvraag"), _("Status van de vormingsvraag gewijzigd")
    )


@hooks.register("home_page_context")
def home_page_course_requests(request, home):
    return {"course_requests": list_newest_public_requests()}
