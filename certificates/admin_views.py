"""Staff views on certificates in the Wagtail admin: the listing, the PDF and the actions.

Certificates are never written by a generic create or edit view: issuing, revoking and
re-rendering each go through one service of certificates.services, with its log entry.
Permissions are the model's: view (the listing and the PDF), add (issue by hand and in
batches) and change (revoke, re-render).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache

from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import Button

from academy.admin_actions import ServiceActionView
from academy.admin_pages import PlainValuesInspectView
from certificates import selectors, services
from certificates.exceptions import NoteRequired
from certificates.forms import (
    ChooseEditionForm,
    IssueCertificateForm,
    IssueEditionCertificatesForm,
    IssueProgrammeYearCertificatesForm,
    RerenderCertificateForm,
    RevokeCertificateForm,
)
from certificates.models import Certificate
from certificates.rendering import verification_path
from courses.models import Edition


def local_date(value):
    return date_format(timezone.localtime(value), "d/m/Y") if value else ""


def status_label(certificate):
    return _("ingetrokken") if certificate.is_revoked else _("geldig")


def listing_url(**query):
    return reverse("certificates_admin:index") + ("?" + urlencode(query) if query else "")


def issue_for_edition_url(edition_id):
    return reverse("certificates_admin:issue_edition") + "?" + urlencode({"edition": edition_id})


def issue_by_hand_url(edition_id):
    return reverse("certificates_admin:add") + "?" + urlencode({"edition": edition_id})


def object_buttons(certificate, *, can_change):
    """The links and actions on one certificate, for the listing and its inspect view."""
    buttons = [
        Button(_("Verificatiepagina"), url=verification_path(certificate), icon_name="link-external", priority=10),
    ]
    if certificate.pdf:
        buttons.append(
            Button(
                _("Pdf downloaden"),
                url=reverse("certificates_admin:pdf", args=[certificate.pk]),
                icon_name="download",
                priority=20,
            )
        )
    if can_change and not certificate.is_holder_erased:
        buttons.append(
            Button(
                _("Pdf opnieuw maken"),
                url=reverse("certificates_admin:rerender", args=[certificate.pk]),
                icon_name="rotate",
                priority=30,
            )
        )
    if can_change and not certificate.is_revoked:
        buttons.append(
            Button(
                _("Intrekken"),
                url=reverse("certificates_admin:revoke", args=[certificate.pk]),
                icon_name="cross",
                priority=40,
            )
        )
    buttons.append(
        Button(
            _("Logboek"),
            url=reverse("certificates_admin:history", args=[certificate.pk]),
            icon_name="history",
            priority=50,
        )
    )
    return buttons


class CertificateIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.list_certificates_for_admin()

    def search_queryset(self, queryset):
        # Staff type the code over from paper, in groups of four with dashes.
        if self.is_searching:
            code = self.search_query.replace("-", "").replace(" ", "").lower()
            if code and code.isalnum() and len(code) >= 4:
                return super().search_queryset(queryset) | queryset.filter(code__startswith=code)
        return super().search_queryset(queryset)

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "holder_name",
                label=gettext_lazy("Op naam van"),
                get_url=self.get_inspect_url,
                sort_key="holder_name",
            ),
            Column("kind", label=gettext_lazy("Soort"), accessor="get_kind_display", sort_key="kind"),
            Column("title", label=gettext_lazy("Vorming of pakket"), accessor="title", sort_key="title"),
            Column(
                "issued_at",
                label=gettext_lazy("Uitgereikt op"),
                accessor=lambda certificate: local_date(certificate.issued_at),
                sort_key="issued_at",
            ),
            StatusTagColumn(
                "status",
                label=gettext_lazy("Status"),
                accessor=status_label,
                primary=lambda certificate: not certificate.is_revoked,
                sort_key="revoked_at",
            ),
            Column("code", label=gettext_lazy("Code"), accessor="readable_code", sort_key="code"),
        ]

    @cached_property
    def add_item_label(self):
        return _("Attest uitreiken")

    def _filtered_edition(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("edition")
        return None

    def get_add_url(self):
        url = super().get_add_url()
        edition = self._filtered_edition()
        return issue_by_hand_url(edition.pk) if url and edition else url

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.user_has_permission("add"):
            edition = self._filtered_edition()
            buttons.append(
                Button(
                    _("Attesten van een editie uitreiken"),
                    url=issue_for_edition_url(edition.pk) if edition else reverse("certificates_admin:issue_edition"),
                    icon_name="date",
                )
            )
            buttons.append(
                Button(
                    _("Attesten van een werkjaar uitreiken"),
                    url=reverse("certificates_admin:issue_programme_year"),
                    icon_name="calendar",
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + object_buttons(
            instance, can_change=self.user_has_permission("change")
        )


class CertificateInspectView(PlainValuesInspectView):
    fields = [
        "holder_name",
        "person",
        "kind",
        "title",
        "edition",
        "package",
        "track_title",
        "level",
        "first_day",
        "last_day",
        "sessions_attended",
        "sessions_total",
        "issued_at",
        "issued_by",
        "issue_note",
        "revoked_at",
        "revoked_by",
        "revocation_reason",
        "rendered_at",
    ]

    def get_object(self, queryset=None):
        certificate = selectors.get_certificate_for_admin(self.pk)
        if certificate is None:
            raise Http404
        return certificate

    def get_fields_context(self):
        return [{"label": _("Code"), "value": self.object.readable_code}, *super().get_fields_context()]

    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons.copy() + object_buttons(
            self.object, can_change=self.user_has_permission("change")
        )


class CertificateHistoryView(HistoryView):
    # Whoever may see the listing may read how a certificate came about.
    any_permission_required = ["add", "change", "delete", "view"]


@method_decorator(never_cache, name="dispatch")
class CertificatePdfView(PermissionCheckedMixin, View):
    """The PDF of any certificate, revoked ones included, for who may see the listing.

    The file is never served from a public URL: this view checks the permission first."""

    model = Certificate
    permission_required = "view"
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        certificate = selectors.get_certificate_for_admin(pk)
        if certificate is None or not certificate.pdf:
            raise Http404
        return FileResponse(
            certificate.pdf.open("rb"),
            content_type="application/pdf",
            as_attachment=True,
            filename=f"attest-{certificate.code[:8]}.pdf",
        )


class CertificateActionView(ServiceActionView):
    model = Certificate
    template_name = "certificates/admin/action_form.html"
    header_icon = "doc-full"
    listing_label = gettext_lazy("Attesten")
    certificate = None

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "certificate": self.certificate}


class CertificateObjectActionView(CertificateActionView):
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        self.certificate = selectors.get_certificate_for_admin(kwargs["pk"])
        if self.certificate is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.certificate)


class RevokeCertificateView(CertificateObjectActionView):
    page_title = gettext_lazy("Attest intrekken")
    submit_button_label = gettext_lazy("Intrekken")
    form_class = RevokeCertificateForm

    def perform(self, form):
        services.revoke_certificate(self.certificate, by=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(
            self.request,
            _("Het attest van %(person)s voor %(title)s is ingetrokken.")
            % {"person": self.certificate.holder_name, "title": self.certificate.title},
        )
        return listing_url()


class RerenderCertificateView(CertificateObjectActionView):
    page_title = gettext_lazy("Pdf opnieuw maken")
    submit_button_label = gettext_lazy("Pdf opnieuw maken")
    form_class = RerenderCertificateForm

    def perform(self, form):
        certificate = services.rerender_certificate(self.certificate, by=self.request.user)
        messages.success(
            self.request,
            _("De pdf van het attest van %(person)s is opnieuw gemaakt, onder dezelfde code.")
            % {"person": certificate.holder_name},
        )
        return listing_url()


def _edition_from(request):
    """The edition the action starts from (?edition=, or the posted one), if it exists."""
    value = request.POST.get("edition") or request.GET.get("edition")
    if not value or not value.isdigit():
        return None
    return Edition.objects.approved().filter(pk=value).first()


class EditionFirstActionView(CertificateActionView):
    """An action on an edition's participants that asks for the edition first (a GET form,
    which changes nothing) when none is given, and then shows its own form."""

    @cached_property
    def edition(self):
        return _edition_from(self.request)

    @property
    def choosing_edition(self):
        return self.request.method == "GET" and self.edition is None

    def get_template_names(self):
        if self.choosing_edition:
            return ["certificates/admin/choose_edition.html"]
        return super().get_template_names()

    def get_form_class(self):
        return ChooseEditionForm if self.choosing_edition else self.form_class

    def get_form_kwargs(self):
        if self.choosing_edition:
            return {"data": self.request.GET if "edition" in self.request.GET else None}
        return super().get_form_kwargs()

    def get_initial(self):
        return {"edition": self.edition.pk} if self.edition else {}


class IssueCertificateView(EditionFirstActionView):
    # The edition first, so that the next step offers its participants rather than
    # everyone with a confirmed enrolment anywhere.
    permission_required = "add"
    page_title = gettext_lazy("Attest uitreiken")
    submit_button_label = gettext_lazy("Uitreiken")
    form_class = IssueCertificateForm

    def get_form_kwargs(self):
        if self.choosing_edition:
            return super().get_form_kwargs()
        return {**super().get_form_kwargs(), "edition": self.edition}

    def describe_error(self, form, error):
        if isinstance(error, NoteRequired):
            form.add_error("note", error.message)
        super().describe_error(form, error)

    def perform(self, form):
        data = form.cleaned_data
        outcome = services.issue_certificate(data["enrolment"], by=self.request.user, note=data["note"])
        values = {"person": outcome.certificate.holder_name, "title": outcome.certificate.title}
        if outcome.created:
            messages.success(self.request, _("Het attest van %(person)s voor %(title)s is uitgereikt.") % values)
        else:
            messages.warning(
                self.request, _("%(person)s heeft al een attest voor %(title)s; er is geen tweede gemaakt.") % values
            )
        return listing_url(edition=data["edition"].pk)


class IssueEditionCertificatesView(EditionFirstActionView):
    """Issue an edition's certificates after a preview: who gets one, who already has one,
    and who misses it and why, so nobody is skipped silently."""

    permission_required = "add"
    page_title = gettext_lazy("Attesten van een editie uitreiken")
    submit_button_label = gettext_lazy("Uitreiken")
    form_class = IssueEditionCertificatesForm
    template_name = "certificates/admin/issue_edition.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.edition is not None and not self.choosing_edition:
            context.update(edition=self.edition, preview=selectors.get_issue_preview(self.edition))
        return context

    def perform(self, form):
        edition = form.cleaned_data["edition"]
        services.schedule_certificates_for_edition(edition, by=self.request.user)
        messages.success(
            self.request,
            _(
                "De attesten van %(edition)s worden op de achtergrond uitgereikt: wie de vorming voltooide, "
                "krijgt er één, en niemand twee."
            )
            % {"edition": edition},
        )
        return listing_url(edition=edition.pk)


class IssueProgrammeYearCertificatesView(CertificateActionView):
    permission_required = "add"
    page_title = gettext_lazy("Attesten van een werkjaar uitreiken")
    submit_button_label = gettext_lazy("Uitreiken")
    form_class = IssueProgrammeYearCertificatesForm

    def perform(self, form):
        programme_year = form.cleaned_data["programme_year"]
        services.schedule_certificates_for_programme_year(programme_year, by=self.request.user)
        messages.success(
            self.request,
            _("De attesten van werkjaar %(year)s worden op de achtergrond uitgereikt.") % {"year": programme_year},
        )
        return listing_url(programme_year=programme_year.pk)
