"""Staff views on brochures in the Wagtail admin: the listing, making one and the download.

Brochures are written only by brochure.services; who may make or download them is asked
of roles.rules."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button

from academy.admin_actions import ServiceActionView
from brochure import selectors, services
from brochure.forms import MakeBrochureForm, RemakeBrochureForm
from brochure.models import Brochure
from roles import rules


def _local_moment(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def object_buttons(brochure, *, user):
    buttons = []
    if brochure.pdf and rules.may_download_brochures(user):
        buttons.append(
            Button(
                _("Pdf downloaden"),
                url=reverse("brochure_admin:pdf", args=[brochure.pk]),
                icon_name="download",
                priority=10,
            )
        )
    if rules.may_make_brochures(user):
        buttons.append(
            Button(
                _("Opnieuw maken"),
                url=reverse("brochure_admin:remake", args=[brochure.pk]),
                icon_name="rotate",
                priority=20,
            )
        )
    return buttons


class BrochureIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.list_brochures_for_admin()

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "programme_year", label=gettext_lazy("Werkjaar"), accessor="programme_year", get_url=lambda obj: None
            ),
            Column("subject", label=gettext_lazy("Versie"), accessor="subject_label"),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor="get_status_display",
                primary=lambda brochure: brochure.status == Brochure.Status.READY,
            ),
            Column("page_count", label=gettext_lazy("Pagina's"), accessor="page_count"),
            Column(
                "rendered_at",
                label=gettext_lazy("Gemaakt op"),
                accessor=lambda brochure: _local_moment(brochure.rendered_at),
            ),
        ]

    @cached_property
    def add_item_label(self):
        return _("Brochure maken")

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + object_buttons(instance, user=self.request.user)


@method_decorator(never_cache, name="dispatch")
class BrochurePdfView(PermissionCheckedMixin, View):
    """The PDF of any brochure, for who may download brochures (roles.rules); never from a
    public URL."""

    model = Brochure
    permission_required = "view"
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        if not rules.may_download_brochures(request.user):
            raise PermissionDenied
        brochure = selectors.get_brochure_for_admin(pk)
        if brochure is None or not brochure.pdf:
            raise Http404
        return FileResponse(
            brochure.pdf.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"{brochure.file_slug()}.pdf",
        )


class BrochureActionView(ServiceActionView):
    model = Brochure
    permission_required = "add"
    template_name = "brochure/admin/action_form.html"
    header_icon = "doc-full-inverse"
    index_url_name = "brochure_admin:index"
    listing_label = gettext_lazy("Brochures")

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_make_brochures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def queued_message(self, brochure):
        messages.success(
            self.request,
            _(
                "De brochure %(brochure)s wordt op de achtergrond gemaakt. Ververs deze pagina over een minuut; "
                "tot dan blijft de vorige versie te downloaden."
            )
            % {"brochure": brochure},
        )


class MakeBrochureView(BrochureActionView):
    page_title = gettext_lazy("Brochure maken")
    submit_button_label = gettext_lazy("Brochure maken")
    form_class = MakeBrochureForm

    def perform(self, form):
        data = form.cleaned_data
        brochure = services.request_brochure(
            data["programme_year"], partner=data["partner"], province=data["province"], by=self.request.user
        )
        self.queued_message(brochure)
        return reverse("brochure_admin:index")


class RemakeBrochureView(BrochureActionView):
    page_title = gettext_lazy("Brochure opnieuw maken")
    submit_button_label = gettext_lazy("Opnieuw maken")
    form_class = RemakeBrochureForm

    def dispatch(self, request, *args, **kwargs):
        # Who may not make brochures learns nothing of which exist.
        if not rules.may_make_brochures(request.user):
            raise PermissionDenied
        self.brochure = selectors.get_brochure_for_admin(kwargs["pk"])
        if self.brochure is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.brochure)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "brochure": self.brochure}

    def perform(self, form):
        brochure = services.request_brochure(
            self.brochure.programme_year,
            partner=self.brochure.partner,
            province=self.brochure.province,
            by=self.request.user,
        )
        self.queued_message(brochure)
        return reverse("brochure_admin:index")
