from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from academy.errors import ServiceError
from courses import services
from courses.admin_views import EditionInspectView, ReviewEditionView, SubmitEditionView
from courses.forms import EditionForm
from courses.models import Edition, PartnerOrganisation, ProgrammeYear, Theme, Trainer, Venue
from courses.panels import EditionApprovalPanel, EditionsAwaitingApprovalPanel
from courses.selectors import get_home_overview, list_editions_awaiting_approval


def edition_action_buttons(user, edition, **kwargs):
    """The buttons that apps above courses offer on an edition (the hook
    "register_edition_action_buttons": a function of user, edition and Button kwargs that
    returns a Button or None), so courses names no upper module."""
    return [
        button
        for hook in hooks.get_hooks("register_edition_action_buttons")
        if (button := hook(user, edition, **kwargs)) is not None
    ]


def edition_edit_buttons(user, edition):
    """The buttons that apps above courses offer on an edition's edit page only (the hook
    "register_edition_edit_buttons": a function of user and edition that returns a Button
    or None)."""
    return [
        button
        for hook in hooks.get_hooks("register_edition_edit_buttons")
        if (button := hook(user, edition)) is not None
    ]


def edition_listing_buttons(user):
    """The buttons that apps above courses offer on each row of the edition listing (the hook
    "register_edition_listing_buttons": a function of user, asked once per listing so that
    it reads what it needs once, that returns a function of edition giving a Button or None)."""
    return [hook(user) for hook in hooks.get_hooks("register_edition_listing_buttons")]


class EditionEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        buttons += edition_edit_buttons(self.request.user, self.object)
        return buttons + edition_action_buttons(self.request.user, self.object)

    def form_valid(self, form):
        # The save service refuses what only the edition lock can tell, such as a capacity
        # below the confirmed enrolments: show it on the form, nothing saved.
        try:
            return super().form_valid(form)
        except ServiceError as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, error.message)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_object(self, queryset=None):
        edition = super().get_object(queryset)
        # The registered permission policy may narrow 'change' to some editions (a
        # trainer's own); the generic view only checks the model permission.
        if not self.user_has_permission_for_instance("change", edition):
            raise PermissionDenied
        return edition


class EditionIndexView(IndexView):
    def get_base_queryset(self):
        # The registered permission policy narrows 'view' to the editions a trainer
        # teaches, the only ones they may open.
        visible = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        # Each row's title is its course's.
        return super().get_base_queryset().filter(pk__in=visible.values("pk")).select_related("course")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status == Edition.Status.SUBMITTED and instance.pk in self.edition_ids_for("approve"):
            buttons.append(
                Button(
                    _("Beoordelen"), url=reverse("editions:review", args=[instance.pk]), icon_name="tick", priority=5
                )
            )
        elif instance.status == Edition.Status.DRAFT and instance.pk in self.edition_ids_for("submit"):
            buttons.append(
                Button(
                    _("Ter goedkeuring indienen"),
                    url=reverse("editions:submit", args=[instance.pk]),
                    icon_name="resubmit",
                    priority=5,
                )
            )
        buttons += [button for buttons_for in self.listing_buttons if (button := buttons_for(instance)) is not None]
        if instance.status == Edition.Status.APPROVED and self.request.user.has_perm("certificates.add_certificate"):
            query = urlencode({"edition": instance.pk})
            buttons += [
                Button(
                    _("Attesten uitreiken"),
                    url=reverse("certificates_admin:issue_edition") + "?" + query,
                    icon_name="doc-full",
                    priority=60,
                ),
                Button(
                    _("Attest met de hand uitreiken"),
                    url=reverse("certificates_admin:add") + "?" + query,
                    icon_name="doc-full",
                    priority=61,
                ),
            ]
        buttons += edition_action_buttons(self.request.user, instance, priority=70)
        if self.request.user.has_perm("certificates.view_certificate"):
            buttons.append(
                Button(
                    _("Attesten van deze editie"),
                    url=reverse("certificates_admin:index") + "?" + urlencode({"edition": instance.pk}),
                    icon_name="doc-full",
                    priority=62,
                )
            )
        return buttons

    # Asked once per listing, not once per row.
    def edition_ids_for(self, action):
        if not hasattr(self, "_edition_ids_for"):
            self._edition_ids_for = {}
        if action not in self._edition_ids_for:
            editions = self.permission_policy.instances_user_has_permission_for(self.request.user, action)
            self._edition_ids_for[action] = set(editions.values_list("pk", flat=True))
        return self._edition_ids_for[action]

    @cached_property
    def listing_buttons(self):
        return edition_listing_buttons(self.request.user)


class EditionViewSet(ModelViewSet):
    model = Edition
    icon = "date"
    menu_label = gettext_lazy("Edities")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["__str__", "starts_at", "province", "capacity", "status"]
    list_filter = ["status", "province", "scope", "programme_year"]
    search_fields = ["label", "course__title"]
    ordering = ["starts_at"]
    edit_handler = ObjectList([EditionApprovalPanel(), *Edition.panels], base_form_class=EditionForm)
    edit_view_class = EditionEditView
    index_view_class = EditionIndexView
    inspect_view_enabled = True
    inspect_view_class = EditionInspectView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("submit/<int:pk>/", SubmitEditionView.as_view(), name="submit"),
            path("review/<int:pk>/", ReviewEditionView.as_view(), name="review"),
        ]


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    list_display = ["name", "kind"]
    list_filter = ["kind"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    list_display = ["name", "municipality", "province", "step_free"]
    list_filter = ["province", "step_free", "hearing_loop", "public_transport"]


class ProgrammeYearViewSet(SnippetViewSet):
    model = ProgrammeYear
    icon = "calendar"
    list_display = ["name", "starts_on", "ends_on", "is_published"]


class TrainerViewSet(SnippetViewSet):
    model = Trainer
    icon = "user"
    list_display = ["name", "organisation"]


class OfferSnippetGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Referentiegegevens")
    menu_icon = "folder-open-inverse"
    menu_order = 220
    items = (PartnerOrganisationViewSet, ThemeViewSet, VenueViewSet, ProgrammeYearViewSet, TrainerViewSet)


register_snippet(OfferSnippetGroup)


@hooks.register("register_admin_viewset")
def register_edition_viewset():
    return EditionViewSet("editions")


@hooks.register("before_delete_page")
def refuse_deleting_courses_with_editions(request, page):
    """Editions are PROTECTed; say so in the admin instead of failing on delete."""
    if Edition.objects.filter(course__path__startswith=page.path).exists():
        messages.error(
            request,
            _(
                "‘%(title)s’ heeft edities en kan niet verwijderd worden. "
                "Trek de pagina in om ze uit het aanbod te halen; inschrijvingen en attesten blijven bewaard."
            )
            % {"title": page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("after_copy_page")
def sync_placement_of_copied_page(request, page, new_page):
    """A draft copy sends no signal, and the courses below a copied package keep the
    original's track and package until derived again."""
    services.sync_course_placement(new_page)


@hooks.register("construct_homepage_panels")
def add_editions_awaiting_approval(request, panels):
    """Show the editions waiting for a decision to those who may take it, next to the
    pages Wagtail's workflow puts before them."""
    # The registered permission policy leaves out the editions the user teaches: nobody
    # approves their own.
    approvable = policy_registry.get_by_type(Edition).instances_user_has_permission_for(request.user, "approve")
    editions = list(list_editions_awaiting_approval().filter(pk__in=approvable.values("pk")))
    if editions:
        panels.append(EditionsAwaitingApprovalPanel(editions))


@hooks.register("register_log_actions")
def register_edition_log_actions(actions):
    actions.register_action(
        services.SUBMIT_ACTION,
        gettext_lazy("Editie ingediend"),
        gettext_lazy("Editie ter goedkeuring ingediend bij de stuurgroep"),
    )
    actions.register_action(
        services.PROPOSE_ACTION,
        gettext_lazy("Editie voorgesteld"),
        gettext_lazy("Editie voorgesteld samen met een nieuwe vorming"),
    )
    actions.register_action(
        services.APPROVE_ACTION,
        gettext_lazy("Editie goedgekeurd"),
        gettext_lazy("Editie goedgekeurd door de stuurgroep"),
    )
    actions.register_action(
        services.REQUEST_CHANGES_ACTION,
        gettext_lazy("Wijzigingen gevraagd"),
        gettext_lazy("De stuurgroep vroeg wijzigingen aan de editie"),
    )


@hooks.register("home_page_context")
def home_page_offer(request, home):
    return get_home_overview(home)
