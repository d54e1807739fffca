"""The 429 page for allauth's rate limits (ACCOUNT_RATE_LIMITS): what is limited and for how long.

allauth answers a rate limit with ``ROOT_URLCONF.handler429(request)``, which knows only the
request: the page it came from names the limit.
"""

from allauth.account import app_settings as allauth_settings
from allauth.core.internal.ratelimit import get_rates

from django.utils.translation import gettext_lazy as _

from academy.error_pages import too_many_requests as render_too_many_requests

# allauth's URL name -> (its actions in ACCOUNT_RATE_LIMITS, what the person was doing).
LIMITED_PAGES = {
    "account_login": (("login",), _("Er werd te vaak geprobeerd in te loggen, met dit account of vanaf dit netwerk.")),
    "account_signup": (("signup",), _("Er werden vanaf dit netwerk te veel accounts aangemaakt.")),
    "account_reset_password": (("reset_password",), _("Er werd te vaak een nieuw wachtwoord aangevraagd.")),
    "account_reset_password_from_key": (
        ("reset_password_from_key",),
        _("Er werd te vaak een nieuw wachtwoord ingesteld."),
    ),
    "account_change_password": (("change_password",), _("Je wachtwoord werd te vaak gewijzigd.")),
    "account_email": (("manage_email",), _("Je e-mailadressen werden te vaak gewijzigd.")),
    "account_email_verification_sent": (("confirm_email",), _("Er werd te vaak een bevestigingsmail gevraagd.")),
    "account_confirm_email": (("confirm_email",), _("Er werd te vaak een bevestigingsmail gevraagd.")),
}


def too_many_requests(request, *, actions=None):
    """Answer 429 for an allauth rate limit, waiting the longest window of its actions' rates.

    Without actions, take those of the page the request is for.
    """
    match = getattr(request, "resolver_match", None)
    page_actions, what = LIMITED_PAGES.get(match.url_name if match else None, ((), None))
    actions = page_actions if actions is None else actions
    durations = [
        rate.duration
        for action in actions
        for rate in get_rates(app="allauth.account", action=action, config=allauth_settings.RATE_LIMITS)
    ]
    if durations:
        return render_too_many_requests(request, what=what, seconds=max(durations))
    return render_too_many_requests(request, what=what)
