"""The approval round of editions in the Wagtail admin: submitting and reviewing.

The edit form never approves: each step here checks the user's right on this very
edition, calls one service of courses.services and shows its refusal as a message.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from academy.admin_actions import ServiceActionView
from academy.admin_pages import PlainValuesInspectView
from courses import services
from courses.forms import EditionReviewForm, EditionSubmitForm
from courses.models import Edition
from courses.selectors import get_requested_changes


class EditionStepView(ServiceActionView):
    """One step of the approval round on one edition, for whoever has `action` on it."""

    model = Edition
    # The right is checked on the edition itself, in dispatch(), for this step's action.
    permission_required = None
    action = None
    template_name = "courses/admin/edition_step.html"
    header_icon = "date"

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
        return {
            **super().get_context_data(**kwargs),
            "edition": self.edition,
            "sessions": list(self.edition.sessions.select_related("venue")),
            "requested_changes": get_requested_changes(self.edition),
        }

    def get_success_url(self):
        return reverse("editions:edit", args=[self.edition.pk])


class SubmitEditionView(EditionStepView):
    action = "submit"
    page_title = gettext_lazy("Ter goedkeuring indienen")
    submit_button_label = gettext_lazy("Indienen bij de stuurgroep")
    form_class = EditionSubmitForm

    def perform(self, form):
        services.submit_edition(self.edition, by=self.request.user)
        messages.success(
            self.request,
            _("‘%(edition)s’ is ingediend. De stuurgroep beslist of ze in het aanbod komt.")
            % {"edition": self.edition},
        )
        return self.get_success_url()


class ReviewEditionView(EditionStepView):
    action = "approve"
    page_title = gettext_lazy("Editie beoordelen")
    submit_button_label = gettext_lazy("Beslissing bewaren")
    form_class = EditionReviewForm

    def perform(self, form):
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        if decision == EditionReviewForm.APPROVE:
            services.approve_edition(self.edition, by=self.request.user, comment=comment)
            messages.success(
                self.request, _("‘%(edition)s’ is goedgekeurd en staat in het aanbod.") % {"edition": self.edition}
            )
        else:
            services.request_edition_changes(self.edition, by=self.request.user, comment=comment)
            messages.success(
                self.request,
                _("‘%(edition)s’ staat terug in concept; de lesgevers krijgen je opmerking.")
                % {"edition": self.edition},
            )
        return self.get_success_url()

    def get_success_url(self):
        return reverse("editions:index") + "?status=" + Edition.Status.SUBMITTED


class EditionInspectView(PlainValuesInspectView):
    """An edition read-only, for whoever may see it: the steering group's links land here."""

    fields = [
        "course",
        "label",
        "status",
        "starts_at",
        "ends_at",
        "enrolment_opens_at",
        "enrolment_closes_at",
        "cancellation_deadline",
        "capacity",
        "scope",
        "province",
        "programme_year",
        "price",
        "trainers",
    ]

    def get_object(self, queryset=None):
        edition = super().get_object(queryset)
        # The registered permission policy narrows 'view' to the editions a trainer teaches.
        if not self.user_has_permission_for_instance("view", edition):
            raise PermissionDenied
        return edition
