"""The steering group's reports in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from roles.rules import may_read_signals
from steering.selectors import get_signals_report


class SignalsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "steering/signals_report.html"
    page_title = _("Signalen")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not may_read_signals(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(get_signals_report())
        if self.request.user.has_perm("steering.change_signalthresholds"):
            context["thresholds_url"] = reverse("wagtailsettings:edit", args=["steering", "signalthresholds"])
        return context
