from django.urls import reverse

from wagtail.admin.ui.components import Component


class ProposalsAwaitingDecisionPanel(Component):
    """The dashboard's list of course proposals, each opening the steering group's review screen."""

    name = "proposals_awaiting_decision"
    template_name = "steering/proposals_panel.html"
    # Before Wagtail's own "awaiting your review" (220), whose decisions hide in a menu.
    order = 219

    def __init__(self, proposals):
        self.proposals = proposals

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = [
            {"proposal": proposal, "review_url": reverse("steering_proposal_review", args=[proposal.pk])}
            for proposal in self.proposals
        ]
        context["listing_url"] = reverse("steering_proposals")
        return context
