"""The steering group's reports in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.models import Page

from academy.admin_pages import AdminPageMixin
from roles.rules import may_read_signals, may_review_proposals
from steering.exceptions import AlreadyDecided, ChangesNotSaid, ProposalDecisionError
from steering.forms import ProposalDecisionForm
from steering.selectors import get_proposal_changes, get_signals_report, list_proposals_awaiting
from steering.services import decide_on_proposal


class SignalsReportView(AdminPageMixin, TemplateView):
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


class ProposalListView(AdminPageMixin, TemplateView):
    """The course proposals that wait for the user's decision."""

    template_name = "steering/proposal_list.html"
    page_title = _("Voorstellen beoordelen")
    header_icon = "tick"

    def dispatch(self, request, *args, **kwargs):
        if not may_review_proposals(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "proposals": list_proposals_awaiting(self.request.user)}


class ProposalReviewView(AdminPageMixin, FormView):
    """One proposal: what changed since the published version, and the two decisions."""

    template_name = "steering/proposal_review.html"
    page_title = _("Voorstel beoordelen")
    header_icon = "tick"
    form_class = ProposalDecisionForm

    def dispatch(self, request, *args, **kwargs):
        if not may_review_proposals(request.user):
            raise PermissionDenied
        self.page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.page.current_workflow_task_state is None:
            messages.info(request, AlreadyDecided.message)
            return redirect("steering_proposals")
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("steering_proposals"), "label": _("Voorstellen beoordelen")},
            {"url": "", "label": self.page.get_admin_display_title()},
        ]

    def get_context_data(self, **kwargs):
        task_state = self.page.current_workflow_task_state
        workflow_state = task_state.workflow_state if task_state else None
        return {
            **super().get_context_data(**kwargs),
            "proposal": self.page,
            "is_new": self.page.live_revision_id is None,
            "changes": get_proposal_changes(self.page, request=self.request),
            "submitted_by": workflow_state.requested_by if workflow_state else None,
            "submitted_at": task_state.started_at if task_state else None,
            "parent": self.page.get_parent(),
        }

    def form_valid(self, form):
        approve = form.cleaned_data["decision"] == ProposalDecisionForm.APPROVE
        try:
            decide_on_proposal(self.page, by=self.request.user, approve=approve, comment=form.cleaned_data["comment"])
        except ProposalDecisionError as error:
            form.add_error("comment" if isinstance(error, ChangesNotSaid) else None, error.message)
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        title = self.page.get_admin_display_title()
        if approve:
            message = gettext("‘%(title)s’ is goedgekeurd en staat op de site.")
        else:
            message = gettext("Je vroeg wijzigingen aan ‘%(title)s’; de lesgever krijgt je opmerking per e-mail.")
        messages.success(self.request, message % {"title": title})
        return redirect("steering_proposals")
