"""The partner channel report in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from academy.admin_pages import AdminPageMixin
from partners.selectors import get_partner_channel_report
from roles.rules import may_read_partner_channels


class PartnerChannelReportView(AdminPageMixin, TemplateView):
    template_name = "partners/admin/channel_report.html"
    page_title = _("Inschrijvingen via partners")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_partner_channels(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = get_partner_channel_report()
        return context
