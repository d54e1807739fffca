from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from accounts.two_factor import is_two_factor_required, uses_authenticator_app


class AdminTwoFactorMiddleware:
    """Keep the Wagtail admin behind two-factor login where it applies.

    The Wagtail admin has a login form of its own that knows nothing of authenticator
    apps: a session started there by someone who has one is ended and sent to the
    academy's login, which asks for the code. With REQUIRE_2FA_FOR_STAFF, whoever's role
    requires it (roles.rules.requires_two_factor) is sent to set up an authenticator app
    before they reach the admin, the trainer's pages or a partner contact's pages, which show
    other people's data.
    Only requests for those pages pay for the check.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    @cached_property
    def guarded_paths(self):
        # Reversed once per process, on the first request, when the URLconf is complete.
        return (
            reverse("wagtailadmin_home"),
            reverse("teaching:editions"),
            reverse("partner_contacts:own_organisation"),
        )

    @cached_property
    def unguarded_paths(self):
        return (reverse("wagtailadmin_login"), reverse("wagtailadmin_logout"))

    def check(self, request):
        # The path first: reading request.user loads the session and the user, which the
        # other pages may never need.
        path = request.path_info
        if not path.startswith(self.guarded_paths) or path.startswith(self.unguarded_paths):
            return None
        user = request.user
        if not user.is_authenticated:
            return None
        logged_in_here = bool(get_authentication_records(request, user))
        required = is_two_factor_required(user)
        if logged_in_here and not required:
            return None
        has_app = uses_authenticator_app(user)
        if has_app and not logged_in_here:
            logout(request)
            messages.info(request, _("Meld je aan met je e-mailadres, je wachtwoord en de code uit je app."))
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
        if required and not has_app:
            messages.warning(
                request,
                _("Stel eerst twee-factor-authenticatie in. Daarna kun je de beheeromgeving gebruiken."),
            )
            return redirect("mfa_activate_totp")
        return None
