"""The approval round of editions in the Wagtail admin: submitting and reviewing.

The edit form never approves: each step here checks the user's right on this very
edition, calls one service of courses.services and shows its refusal as a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from courses import services
from courses.exceptions import EditionApprovalError
from courses.forms import EditionReviewForm, EditionSubmitForm
from courses.models import Edition
from courses.selectors import get_requested_changes


class EditionStepView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """One step of the approval round on one edition, for whoever has `action` on it."""

    model = Edition
    action = None
    template_name = "courses/admin/edition_step.html"
    header_icon = "date"
    submit_button_label = gettext_lazy("Bevestigen")

    def dispatch(self, request, *args, **kwargs):
        self.edition = get_object_or_404(Edition.objects.select_related("course"), pk=kwargs["pk"])
        if not self.user_has_permission_for_instance(self.action, self.edition):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.edition)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("editions:index"), "label": _("Edities")},
            {"url": reverse("editions:edit", args=[self.edition.pk]), "label": str(self.edition)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            edition=self.edition,
            sessions=list(self.edition.sessions.select_related("venue")),
            requested_changes=get_requested_changes(self.edition),
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
        )
        return context

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except EditionApprovalError as error:
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        if form.errors:
            messages.error(self.request, _("Het formulier bevat fouten. Verbeter ze en probeer opnieuw."))
        return super().form_invalid(form)

    def get_success_url(self):
        return reverse("editions:edit", args=[self.edition.pk])

    def perform(self, form):
        """Call the service and return the message of its success."""
        raise NotImplementedError


class SubmitEditionView(EditionStepView):
    action = "submit"
    page_title = gettext_lazy("Ter goedkeuring indienen")
    submit_button_label = gettext_lazy("Indienen bij de stuurgroep")
    form_class = EditionSubmitForm

    def perform(self, form):
        services.submit_edition(self.edition, by=self.request.user)
        return _("‘%(edition)s’ is ingediend. De stuurgroep beslist of ze in het aanbod komt.") % {
            "edition": self.edition
        }


class ReviewEditionView(EditionStepView):
    action = "approve"
    page_title = gettext_lazy("Editie beoordelen")
    submit_button_label = gettext_lazy("Beslissing bewaren")
    form_class = EditionReviewForm

    def perform(self, form):
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        if decision == EditionReviewForm.APPROVE:
            services.approve_edition(self.edition, by=self.request.user, comment=comment)
            return _("‘%(edition)s’ is goedgekeurd en staat in het aanbod.") % {"edition": self.edition}
        services.request_edition_changes(self.edition, by=self.request.user, comment=comment)
        return _("‘%(edition)s’ staat terug in concept; de lesgevers krijgen je opmerking.") % {"edition": self.edition}

    def get_success_url(self):
        return reverse("editions:index") + "?status=" + Edition.Status.SUBMITTED
