from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from django.core.exceptions import ValidationError

from accounts import services
from accounts.rate_limits import too_many_requests
from accounts.two_factor import is_two_factor_required


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save the new account and its profile with the consent given on the sign-up form."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.create_profile(user, consent_given=form.cleaned_data.get("consent", False))
        return user

    def pre_authenticate(self, request, **credentials):
        """Answer the 429 page when failed logins hit their limit (per address or per account).

        allauth shows a form error there, which leaves the person retrying and does not say
        for how long.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(too_many_requests(request, actions=("login_failed",))) from error
            raise


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Keep staff from switching off the authenticator app when the site requires it."""
        if authenticator.type == Authenticator.Type.TOTP and is_two_factor_required(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
