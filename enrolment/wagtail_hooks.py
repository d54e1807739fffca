from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry

from academy.admin_actions import ServiceRecordViewSet
from academy.person_merge import MERGE_PEOPLE
from courses.models import Edition
from enrolment.admin_views import (
    CancelEditionView,
    CancelEnrolmentView,
    EnrolmentHistoryView,
    EnrolmentIndexView,
    EnrolmentInspectView,
    EnrolPersonView,
    MoveEnrolmentView,
)
from enrolment.eligibility import list_requirements
from enrolment.filters import EnrolmentFilterSet
from enrolment.merging import EnrolmentRecords
from enrolment.models import Enrolment, PackageExemption
from enrolment.selectors import annotate_places, list_enrolments_by_edition, list_held_edition_ids
from enrolment.services import CANCEL_BY_ACADEMY_ACTION, CANCEL_EDITION_ACTION, grant_exemption, save_edition


class EnrolmentViewSet(ServiceRecordViewSet):
    """Staff list, filter and export enrolments, and enrol, cancel or move people.

    There is no generic create, edit or delete view: every change goes through a service,
    with its log entry. Permissions are the model's: view (the listing, an enrolment and
    its history), add (enrol someone) and change (cancel, move). Enrolments are never deleted.
    """

    model = Enrolment
    icon = "list-ul"
    menu_label = _("Inschrijvingen")
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = EnrolmentIndexView
    inspect_view_class = EnrolmentInspectView
    history_view_class = EnrolmentHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = EnrolmentFilterSet
    ordering = "-created_at"
    list_per_page = 50
    list_export = [
        "person.get_full_name",
        "person.email",
        "edition",
        "edition.get_province_display",
        "get_status_display",
        "waitlist_position",
        "created_at",
        "enrolled_by",
        "via_partner",
    ]
    export_headings = {
        "person.get_full_name": _("Naam"),
        "person.email": _("E-mailadres"),
        "edition": _("Editie"),
        "edition.get_province_display": _("Provincie"),
        "get_status_display": _("Status"),
        "waitlist_position": _("Plaats op de wachtlijst"),
        "created_at": _("Ingeschreven op"),
        "enrolled_by": _("Ingeschreven door"),
        "via_partner": _("Via partner"),
    }
    export_filename = "inschrijvingen"

    @cached_property
    def add_view(self):
        return self.construct_view(EnrolPersonView)

    @cached_property
    def cancel_view(self):
        return self.construct_view(CancelEnrolmentView)

    @cached_property
    def move_view(self):
        return self.construct_view(MoveEnrolmentView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
            path("move/<int:pk>/", self.move_view, name="move"),
        ]


@hooks.register("register_admin_viewset")
def register_enrolment_viewset():
    return EnrolmentViewSet("enrolments")


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action("academy.enrolment.enrol", _("Inschrijving"), _("Ingeschreven"))
    actions.register_action("academy.enrolment.cancel", _("Annulering"), _("Inschrijving geannuleerd"))
    actions.register_action("academy.enrolment.promote", _("Van de wachtlijst"), _("Van de wachtlijst bevestigd"))
    actions.register_action("academy.enrolment.move", _("Verplaatsing"), _("Verplaatst naar een andere editie"))
    actions.register_action(
        CANCEL_BY_ACADEMY_ACTION, _("Annulering door de academie"), _("Geannuleerd: de academie annuleerde de editie")
    )
    actions.register_action(CANCEL_EDITION_ACTION, _("Editie geannuleerd"), _("Editie geannuleerd door de academie"))
    actions.register_action(
        "academy.edition.reschedule", _("Planning gewijzigd"), _("Sessies verplaatst of van locatie veranderd")
    )
    actions.register_action(
        "academy.person.create_without_account",
        _("Persoon zonder e-mailadres"),
        _("Persoon zonder e-mailadres aangemaakt"),
    )


@hooks.register("register_admin_urls")
def register_cancel_edition_url():
    return [path("editions/cancel/<int:pk>/", CancelEditionView.as_view(), name="cancel_edition")]


# The one function that saves an edition from the admin's form (courses.forms.EditionForm),
# and the seats that courses shows (courses.selectors.list_editions_with_places).
hooks.register("save_edition", save_edition)
hooks.register("annotate_places", annotate_places)
hooks.register("held_edition_ids", list_held_edition_ids)


@hooks.register("course_page_context")
def course_page_enrolments(page, request, context):
    """The visitor's enrolment in each edition on the course page, as edition.my_enrolment."""
    mine = list_enrolments_by_edition(request.user, context["editions"])
    for edition in context["editions"]:
        edition.my_enrolment = mine.get(edition.pk)


@hooks.register("register_edition_action_buttons")
def cancel_edition_button(user, edition, **kwargs):
    """Offer "Editie annuleren" on an edition that is not cancelled, for whoever may cancel it."""
    if edition.status == Edition.Status.CANCELLED:
        return None
    if not policy_registry.get_by_type(Edition).user_has_permission_for_instance(user, "cancel", edition):
        return None
    return Button(_("Editie annuleren"), url=reverse("cancel_edition", args=[edition.pk]), icon_name="cross", **kwargs)


class ExemptionCreateView(CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return grant_exemption(data["person"], package=data["package"], reason=data["reason"], by=self.request.user)


class PackageExemptionViewSet(ModelViewSet):
    model = PackageExemption
    icon = "tick-inverse"
    menu_label = _("Vrijstellingen (EVC)")
    menu_order = 231
    add_to_admin_menu = True
    form_fields = ["person", "package", "reason"]
    list_display = ["person", "package", "granted_by", "granted_at"]
    list_filter = ["package"]
    add_view_class = ExemptionCreateView


@hooks.register("register_admin_viewset")
def register_exemption_viewset():
    return PackageExemptionViewSet("exemptions")


@hooks.register("course_page_context")
def course_page_requirements(page, request, context):
    """The prerequisite and audiences of the course page, and whether the visitor meets them."""
    context["requirements"] = list_requirements(page, context["editions"], request.user, package=context.get("package"))


@hooks.register(MERGE_PEOPLE)
def enrolments_in_a_merge():
    return EnrolmentRecords()
