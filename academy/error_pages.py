"""Dutch error pages in the site's layout, for every status a visitor can meet.

The templates get no request, so no context processor runs: an error page needs neither
the database nor the cache, and shows even when one of them is what failed. The menu they
show is therefore the one of a visitor who is not logged in.
"""

import math

from django_ratelimit.exceptions import Ratelimited

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from academy.branding import DEFAULT_LOGO

# What a limit that names no duration of its own asks a visitor to wait.
DEFAULT_RETRY_AFTER = 60


def render_error_page(template_name, status, context=None):
    """Render an error template without the request, with only the academy's name and the
    default logo."""
    template = loader.get_template(template_name)
    content = template.render(
        {
            "academy_settings": {"academy_name": settings.WAGTAIL_SITE_NAME},
            "academy_logo_url": static(DEFAULT_LOGO),
            **(context or {}),
        }
    )
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    return render_error_page("400.html", 400)


def permission_denied(request, exception=None):
    """Answer 403, or 429 when the refusal is django-ratelimit's (its Ratelimited is a PermissionDenied)."""
    if isinstance(exception, Ratelimited):
        return too_many_requests(request)
    return render_error_page("403.html", 403)


def csrf_failure(request, reason=""):
    """The form's CSRF token did not match, in practice because the page stood open too long."""
    return render_error_page("403_csrf.html", 403)


def page_not_found(request, exception=None):
    return render_error_page("404.html", 404)


def server_error(request):
    return render_error_page("500.html", 500)


def not_allowed(permitted_methods):
    """The 405 page for a URL that does not take this method, with its Allow header."""
    response = render_error_page("405.html", 405)
    response["Allow"] = ", ".join(permitted_methods)
    return response


def too_many_requests(request, *, what=None, seconds=DEFAULT_RETRY_AFTER):
    """The 429 page: say what is limited and how long to wait, and send that as Retry-After."""
    seconds = max(1, math.ceil(seconds))
    minutes = max(1, math.ceil(seconds / 60))
    wait = ngettext(
        "Wacht %(minutes)d minuut en probeer het dan opnieuw.",
        "Wacht %(minutes)d minuten en probeer het dan opnieuw.",
        minutes,
    ) % {"minutes": minutes}
    what = what or _("Er kwamen in korte tijd te veel aanvragen van jou of van dit netwerk.")
    response = render_error_page("429.html", 429, {"limited_what": what, "limited_wait": wait})
    response["Retry-After"] = str(seconds)
    return response


class ErrorPageMiddleware:
    """Give the bare answers of views the site's error pages.

    ``require_POST`` and its kin answer an empty ``HttpResponseNotAllowed``: it gets the 405
    page with its Allow header kept. A 429 without Retry-After (a view's own rate limit) gets
    the default one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed) and not response.content:
            return not_allowed([method.strip() for method in response["Allow"].split(",")])
        if response.status_code == 429 and not response.has_header("Retry-After"):
            response["Retry-After"] = str(DEFAULT_RETRY_AFTER)
        return response
