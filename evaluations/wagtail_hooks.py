from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.views.snippets import SnippetViewSet

from evaluations import selectors
from evaluations.admin_views import EditionResultsView, ResultsView
from evaluations.models import QuestionSet
from roles import rules


class QuestionSetViewSet(SnippetViewSet):
    model = QuestionSet
    icon = "help"
    menu_label = _("Evaluatievragen")
    menu_name = "evaluation_questions"
    add_to_admin_menu = True
    menu_order = 232
    url_prefix = "evaluatievragen"
    list_display = ["__str__"]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.may_read_some_evaluation_results(request.user)


@hooks.register("register_admin_viewset")
def register_question_set_viewset():
    return QuestionSetViewSet()


@hooks.register("register_admin_urls")
def register_results_urls():
    return [
        path("evaluaties/", ResultsView.as_view(), name="evaluation_results"),
        path("evaluaties/editie/<int:edition_id>/", EditionResultsView.as_view(), name="evaluation_edition_results"),
    ]


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(_("Evaluaties"), reverse("evaluation_results"), icon_name="comment", order=231)


@hooks.register("mijn_academie_section")
def open_evaluations_section(person, *, now, enrolments):
    """'Geef je mening over …' in Mijn academie, for each evaluation the person may still give."""
    invitations = selectors.list_open_invitations(person)
    if not invitations:
        return None
    return {
        "template": "evaluations/dashboard_section.html",
        "evaluations": [
            {
                "invitation": invitation,
                "url": reverse("evaluations:answer", args=[selectors.evaluation_token(invitation)]),
            }
            for invitation in invitations
        ],
    }
