"""Two-factor login for staff: who must use it, and who has it switched on."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from django.conf import settings


def is_two_factor_required(user):
    """Return whether the site requires this user to log in with an authenticator app."""
    return bool(settings.REQUIRE_2FA_FOR_STAFF and user.is_staff)


def uses_authenticator_app(user):
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])
