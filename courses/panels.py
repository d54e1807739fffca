"""Admin panels of the offer."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from courses.models import Edition
from courses.selectors import get_requested_changes


class EditionApprovalPanel(Panel):
    """Where an edition stands in its approval round, the steering group's request for
    changes, and the next step this user may take."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Goedkeuring"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "courses/admin/edition_approval_panel.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            edition, user = self.instance, self.request.user
            policy = policy_registry.get_by_type(Edition)
            can_submit = edition.status == Edition.Status.DRAFT and policy.user_has_permission_for_instance(
                user, "submit", edition
            )
            can_review = edition.status == Edition.Status.SUBMITTED and policy.user_has_permission_for_instance(
                user, "approve", edition
            )
            context.update(
                edition=edition,
                requested_changes=get_requested_changes(edition),
                submit_url=reverse("editions:submit", args=[edition.pk]) if can_submit else "",
                review_url=reverse("editions:review", args=[edition.pk]) if can_review else "",
                waiting=edition.status == Edition.Status.SUBMITTED,
            )
            return context


class EditionsAwaitingApprovalPanel(Component):
    """The dashboard's list of submitted editions for those who decide on them."""

    name = "editions_awaiting_approval"
    template_name = "courses/admin/editions_awaiting_approval.html"
    # Right after Wagtail's own "awaiting your review" of pages (220).
    order = 221

    def __init__(self, editions):
        self.editions = editions

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = [
            {"edition": edition, "review_url": reverse("editions:review", args=[edition.pk])}
            for edition in self.editions
        ]
        context["listing_url"] = reverse("editions:index") + "?status=" + Edition.Status.SUBMITTED
        return context
