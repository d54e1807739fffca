"""The reports in the admin: an index, each report with its chart and table, and its exports.

Mounted under /admin/rapporten/ by academy.urls rather than through Wagtail's
register_admin_urls: Wagtail sends everyone it refuses to its login page or dashboard,
while a trainer or participant who opens a report's link must get the site's 403 page.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from academy.admin_pages import AdminPageMixin
from courses.models import ProgrammeYear
from reports.charts import render_chart
from reports.definitions import REPORTS
from reports.exports import render_csv, render_xlsx
from reports.forms import ALL_YEARS, ReportForm
from reports.numbers import format_figure
from roles.rules import may_read_reports


class ReportAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=reverse("wagtailadmin_login"))
        if not may_read_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _report(slug):
    try:
        return REPORTS[slug]
    except KeyError:
        raise Http404(_("Dit rapport bestaat niet.")) from None


def _form(request, report):
    return ReportForm(request.GET, report=report, years=list(ProgrammeYear.objects.order_by("-starts_on")))


def _subtitle(report, form):
    year = form.year.name if form.year else _("alle werkjaren")
    return _("%(report)s per %(dimension)s, %(year)s") % {
        "report": report.title,
        "dimension": str(form.dimension.label).lower(),
        "year": year,
    }


class ReportIndexView(ReportAccessMixin, AdminPageMixin, TemplateView):
    template_name = "reports/index.html"
    page_title = gettext_lazy("Rapporten")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=REPORTS.values(), **kwargs)


class ReportView(ReportAccessMixin, AdminPageMixin, TemplateView):
    template_name = "reports/report.html"
    header_icon = "table"

    def get_page_title(self):
        return self.report.title

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items()[:-1],
            {"url": reverse("reports:index"), "label": _("Rapporten")},
            {"label": self.report.title},
        ]

    def get(self, request, slug):
        self.report = _report(slug)
        form = _form(request, self.report)
        context = self.get_context_data(report=self.report, form=form)
        if not form.is_valid():
            return self.render_to_response(context, status=400)
        figures = self.report.selector(form.dimension, form.year)
        subtitle = _subtitle(self.report, form)
        context.update(
            subtitle=subtitle,
            chart=render_chart(subtitle, figures),
            dimension=form.dimension,
            columns=figures.columns,
            rows=[(name, [format_figure(values[c.key], c) for c in figures.columns]) for name, values in figures.rows],
            total=[format_figure(figures.total[c.key], c) for c in figures.columns],
            query_string=form.query_string(),
        )
        return self.render_to_response(context)


class ReportExportView(ReportAccessMixin, View):
    def get(self, request, slug, file_format):
        report = _report(slug)
        form = _form(request, report)
        if not form.is_valid():
            messages = [str(error) for errors in form.errors.values() for error in errors]
            return HttpResponse("\n".join(messages), status=400, content_type="text/plain; charset=utf-8")
        figures = report.selector(form.dimension, form.year)
        options = {"dimension": form.dimension, "total_label": _("Totaal")}
        year = form.year.name if form.year else ALL_YEARS
        filename = f"rapport-{report.slug}-{form.cleaned_data['dimensie']}-{slugify(year)}.{file_format}"
        if file_format == "csv":
            body, content_type = render_csv(figures, **options), "text/csv; charset=utf-8"
        else:
            body = render_xlsx(
                figures, title=_subtitle(report, form), explanation=[report.summary, *report.definitions], **options
            )
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
