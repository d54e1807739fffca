"""Two-factor login: who must use it, and who has it switched on."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled

from roles.rules import requires_two_factor


def is_two_factor_required(user):
    """Return whether the site requires this user to log in with an authenticator app
    (roles.rules.requires_two_factor)."""
    return requires_two_factor(user)


def uses_authenticator_app(user):
    return is_mfa_enabled(user, [Authenticator.Type.TOTP])
