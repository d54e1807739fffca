"""Evaluation results in the Wagtail admin: for the steering group and staff every
edition and the totals, for a trainer the editions they teach (roles.rules)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from academy.admin_pages import AdminPageMixin
from evaluations import selectors
from roles import rules


class ResultsAdminView(AdminPageMixin, TemplateView):
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_read_some_evaluation_results(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ResultsView(ResultsAdminView):
    template_name = "evaluations/admin/results.html"
    page_title = _("Evaluaties")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        editions = selectors.list_editions_with_results(user)
        for edition in editions:
            edition.figures.label = str(edition)
            edition.figures.ends_at = edition.ends_at
            edition.figures.url = reverse("evaluation_edition_results", args=[edition.pk])
        context["editions"] = [edition.figures for edition in editions]
        context["min_responses"] = selectors.MIN_RESPONSES
        if rules.may_read_all_evaluation_results(user):
            overview = selectors.get_results_overview()
            context["overview"] = [
                (_("Per werkjaar"), _("Werkjaar"), overview["by_year"]),
                (_("Per traject"), _("Traject"), overview["by_track"]),
                (_("Per vorming"), _("Vorming"), overview["by_course"]),
                (_("Per lesgever"), _("Lesgever"), overview["by_trainer"]),
            ]
        return context


class EditionResultsView(ResultsAdminView):
    template_name = "evaluations/admin/edition_results.html"
    page_title = _("Evaluatie van een editie")

    def get(self, request, *args, **kwargs):
        # Another trainer's edition is a 404: whether it has results is not theirs to know.
        self.results = selectors.get_edition_results(request.user, kwargs["edition_id"])
        if self.results is None:
            raise Http404
        return super().get(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.results["edition"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.results, min_responses=selectors.MIN_RESPONSES)
        return context
