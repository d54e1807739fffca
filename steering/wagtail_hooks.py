from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from roles.rules import may_read_signals, may_review_proposals
from steering.panels import ProposalsAwaitingDecisionPanel
from steering.selectors import list_proposals_awaiting
from steering.views import ProposalListView, ProposalReviewView, SignalsReportView


class SignalsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_signals(request.user)


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review_proposals(request.user)


@hooks.register("register_admin_urls")
def register_steering_urls():
    return [
        path("signalen/", SignalsReportView.as_view(), name="steering_signals"),
        path("voorstellen/", ProposalListView.as_view(), name="steering_proposals"),
        path("voorstellen/<int:page_id>/", ProposalReviewView.as_view(), name="steering_proposal_review"),
    ]


@hooks.register("register_admin_menu_item")
def register_proposals_menu_item():
    return ProposalsMenuItem(_("Voorstellen beoordelen"), reverse("steering_proposals"), icon_name="tick", order=225)


@hooks.register("register_admin_menu_item")
def register_signals_menu_item():
    return SignalsMenuItem(_("Signalen"), reverse("steering_signals"), icon_name="warning", order=230)


@hooks.register("construct_homepage_panels")
def add_proposals_awaiting_decision(request, panels):
    if may_review_proposals(request.user):
        proposals = list_proposals_awaiting(request.user)
        if proposals:
            panels.append(ProposalsAwaitingDecisionPanel(proposals))
