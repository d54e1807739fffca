from functools import partial

from django.db import transaction
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from academy.admin_actions import ServiceRecordViewSet
from academy.person_merge import MERGE_PEOPLE
from certificates import tasks
from certificates.admin_views import (
    CertificateHistoryView,
    CertificateIndexView,
    CertificateInspectView,
    CertificatePdfView,
    IssueCertificateView,
    IssueEditionCertificatesView,
    IssueProgrammeYearCertificatesView,
    RerenderCertificateView,
    RevokeCertificateView,
)
from certificates.filters import CertificateFilterSet
from certificates.merging import CertificateRecords
from certificates.models import Certificate
from certificates.progress import get_dashboard_progress, has_completed_package
from certificates.services import schedule_rerender_of_renamed_certificates
from enrolment import extensions


class CertificateViewSet(ServiceRecordViewSet):
    """Staff list, filter and search certificates, download their PDFs, issue, revoke and
    re-render them.

    There is no generic create, edit or delete view: every change goes through a service,
    with its log entry. Certificates are never deleted: a wrong one is revoked.
    """

    model = Certificate
    icon = "doc-full"
    menu_label = _("Attesten")
    menu_order = 216
    add_to_admin_menu = True
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    history_view_class = CertificateHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CertificateFilterSet
    search_fields = ["holder_name", "code", "person__email", "title"]
    search_backend_name = None
    ordering = "-issued_at"
    list_per_page = 50

    @cached_property
    def add_view(self):
        return self.construct_view(IssueCertificateView)

    @cached_property
    def revoke_view(self):
        return self.construct_view(RevokeCertificateView)

    @cached_property
    def rerender_view(self):
        return self.construct_view(RerenderCertificateView)

    @cached_property
    def issue_edition_view(self):
        return self.construct_view(IssueEditionCertificatesView)

    @cached_property
    def issue_programme_year_view(self):
        return self.construct_view(IssueProgrammeYearCertificatesView)

    @cached_property
    def pdf_view(self):
        return self.construct_view(CertificatePdfView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("edition/", self.issue_edition_view, name="issue_edition"),
            path("programme-year/", self.issue_programme_year_view, name="issue_programme_year"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("history/<int:pk>/", self.history_view, name="history"),
            path("history-results/<int:pk>/", self.history_results_view, name="history_results"),
            path("pdf/<int:pk>/", self.pdf_view, name="pdf"),
            path("revoke/<int:pk>/", self.revoke_view, name="revoke"),
            path("rerender/<int:pk>/", self.rerender_view, name="rerender"),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates_admin", url_prefix="certificates")


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("academy.certificate.issue", _("Attest uitgereikt"), _("Attest uitgereikt"))
    actions.register_action(
        "academy.certificate.issue_batch",
        _("Attesten op de achtergrond uitgereikt"),
        _("Attesten op de achtergrond uitgereikt"),
    )
    actions.register_action("academy.certificate.revoke", _("Attest ingetrokken"), _("Attest ingetrokken"))
    actions.register_action(
        "academy.certificate.rerender", _("Attest opnieuw gemaakt"), _("Pdf van het attest opnieuw gemaakt")
    )


@hooks.register("after_edit_user")
def rerender_certificates_of_renamed_user(request, user):
    # A name an administrator corrects in the user editor re-renders the certificates too.
    schedule_rerender_of_renamed_certificates(user)


@hooks.register(MERGE_PEOPLE)
def certificates_in_a_merge():
    return CertificateRecords()


@hooks.register(extensions.DASHBOARD_CONTEXT)
def dashboard_progress(person, dashboard, *, confirmed, enrolments):
    dashboard.update(get_dashboard_progress(person, confirmed, enrolments=enrolments))


@hooks.register(extensions.PACKAGE_COMPLETED)
def package_completed(person, package):
    return has_completed_package(person, package)


@hooks.register("after_attendance_recorded")
def issue_earned_certificates_after_commit(enrolment_ids):
    transaction.on_commit(partial(tasks.issue_earned_certificates.enqueue, enrolment_ids))
