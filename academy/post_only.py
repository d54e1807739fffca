"""POST-only views that answer a GET by going back to the page their form is on.

A form posted after the session expired goes to the login page with ?next=<the POST-only
URL>, and logging in then GETs that URL: without this, the person ends on an empty 405.
"""

from functools import wraps

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _


def require_post_or_go_back(back):
    """Allow only POST; answer GET and HEAD with a redirect to back(request, *args, **kwargs),
    the URL of the page the view's form is on, with a message to try again."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                if request.method == "GET":
                    messages.info(request, _("Je sessie was verlopen. Probeer opnieuw."))
                return redirect(back(request, *args, **kwargs))
            if request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
