"""How django-axes recognises a login attempt and what it tells a locked-out person."""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import ngettext


def get_login_name(request, credentials):
    """Return the name a login attempt was made for: the e-mail address or the username.

    allauth passes the e-mail address as ``email``, the Wagtail admin passes ``username``.
    Case is ignored, so that changing it does not buy more attempts.
    """
    credentials = credentials or {}
    name = credentials.get("email") or credentials.get("username")
    if not name and request is not None and request.method == "POST":
        name = request.POST.get("login") or request.POST.get("username")
    return name.strip().lower() if name else None


def lockout_response(request, original_response=None, credentials=None):
    """Tell the person in Dutch that logging in is blocked for a while, and how to get back in."""
    seconds = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds())
    minutes = max(1, math.ceil(seconds / 60))
    message = ngettext(
        "Je hebt te vaak een verkeerd wachtwoord ingegeven. Inloggen met dit account is vanaf deze "
        "computer %(minutes)d minuut geblokkeerd.",
        "Je hebt te vaak een verkeerd wachtwoord ingegeven. Inloggen met dit account is vanaf deze "
        "computer %(minutes)d minuten geblokkeerd.",
        minutes,
    ) % {"minutes": minutes}
    response = render(
        request,
        "accounts/lockout.html",
        {"lockout_message": message},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    return response
