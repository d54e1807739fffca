"""Calendar downloads and the personal feed: thin views over calendars.ics and the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from academy.post_only import require_post_or_go_back

from .ics import edition_calendar, person_calendar
from .selectors import get_feed_for_token, list_calendar_editions
from .services import get_or_create_feed, renew_feed_token

DASHBOARD_URL = "/mijn/"


def _calendar_response(content, *, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response


@require_safe
def edition_calendar_download(request, edition_id):
    edition = get_object_or_404(list_calendar_editions(), pk=edition_id)
    return _calendar_response(edition_calendar(edition), filename=f"{edition.course.slug}-editie-{edition.pk}.ics")


@never_cache
@require_safe
def personal_feed(request, token):
    feed = get_feed_for_token(token)
    if feed is None:
        raise Http404
    response = _calendar_response(person_calendar(feed.person), filename="mijn-academie.ics")
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@login_required
@require_safe
def calendar_feed(request):
    feed = get_or_create_feed(request.user)
    feed_url = request.build_absolute_uri(reverse("calendars:personal_feed", kwargs={"token": feed.token}))
    context = {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.partition("://")[2]}
    return TemplateResponse(request, "calendars/calendar_feed.html", context)


def _feed_page(request):
    return reverse("calendars:calendar_feed")


@require_post_or_go_back(_feed_page)
@login_required
def renew_calendar_feed(request):
    renew_feed_token(request.user)
    messages.success(
        request,
        _(
            "Je hebt een nieuwe agendalink. De oude link werkt niet meer: "
            "voeg de nieuwe link opnieuw toe in je agenda-app."
        ),
    )
    return redirect(DASHBOARD_URL)
