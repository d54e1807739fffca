"""A partner organisation's contact's pages: their members' participation, and its exports.

An organisation the person may not see (another one, or one that does not exist) gets
the same refusal, in the site's layout.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from partner_contacts import exports, selectors
from roles import rules

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refuse(request):
    return render(request, "partner_contacts/not_allowed.html", status=403)


def _organisation(request, slug):
    return rules.organisations_with_visible_members(request.user).filter(slug=slug).first()


def _download(content, *, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@login_required
def own_organisation(request):
    """Send a contact to their organisation's page."""
    organisation = selectors.get_contact_organisation(request.user)
    if organisation is None or not rules.may_view_members_of(request.user, organisation):
        return _refuse(request)
    return redirect("partner_contacts:participation", slug=organisation.slug)


@require_safe
@login_required
@cache_control(private=True, no_store=True)
def participation(request, slug):
    organisation = _organisation(request, slug)
    if organisation is None:
        return _refuse(request)
    report = selectors.get_participation_report(organisation)
    return render(request, "partner_contacts/participation.html", {"report": report, "organisation": organisation})


@require_safe
@login_required
@cache_control(private=True, no_store=True)
def export(request, slug, part, extension):
    organisation = _organisation(request, slug)
    if organisation is None:
        return _refuse(request)
    report = selectors.get_participation_report(organisation)
    if extension == "xlsx":
        return _download(exports.render_xlsx(report), content_type=XLSX, filename=f"deelname-{organisation.slug}.xlsx")
    rows = exports.count_rows(report) if part == "cijfers" else exports.member_rows(report)
    return _download(
        exports.render_csv(rows),
        content_type="text/csv; charset=utf-8",
        filename=f"deelname-{part}-{organisation.slug}.csv",
    )
