from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import passthrough_next_redirect_url
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from django.core.exceptions import ValidationError

from wagtail import hooks

from academy.mail_layout import add_html_alternative
from academy.sites import default_site_name, default_site_url
from accounts import services
from accounts.rate_limits import too_many_requests
from accounts.two_factor import is_two_factor_required

# Apps above accounts register hook(user) -> a URL or None: where that user lands after
# logging in without a "next" address (teaching sends trainers to their own page).
LOGIN_REDIRECT_HOOK = "login_redirect_url"


def on_academy_address(url):
    """Move an absolute URL that allauth built from the request onto the academy's address."""
    base = urlsplit(default_site_url())
    if not base.netloc:
        return url
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, base.path.rstrip("/") + parts.path, parts.query, parts.fragment))


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        """Save the new account and its profile with the consent given on the sign-up form."""
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.create_profile(user, consent_given=form.cleaned_data.get("consent", False))
        return user

    def get_login_redirect_url(self, request):
        """The first start page a login_redirect_url hook gives the user, else LOGIN_REDIRECT_URL."""
        for hook in hooks.get_hooks(LOGIN_REDIRECT_HOOK):
            url = hook(request.user)
            if url:
                return url
        return super().get_login_redirect_url(request)

    def populate_username(self, request, user):
        """Make the e-mail address the username: it is the login, and Wagtail's audit log and
        reports name people without a full name by their username."""
        user.username = user.email

    def format_email_subject(self, subject):
        return f"[{default_site_name()}] {subject}"

    def render_mail(self, template_prefix, email, context, headers=None):
        """Render allauth's plain-text mail with its HTML part in the academy's layout."""
        return add_html_alternative(super().render_mail(template_prefix, email, context, headers=headers))

    def send_mail(self, template_prefix, email, context):
        """Send allauth's mails with the academy's name and public address.

        allauth names the site after the host the request came in on ("Hallo van 127.0.0.1");
        the academy's mails all take its name from its settings and its address from the
        default Wagtail site.
        """
        site = SimpleNamespace(name=default_site_name(), domain=urlsplit(default_site_url()).netloc)
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    def get_email_confirmation_url(self, request, emailconfirmation):
        """Link to the confirmation on the academy's address, carrying where the person was going.

        Confirming in the browser that signed up logs the person in and resumes the sign-up's
        ``next``; a link opened elsewhere (the mail app's own browser) has no such session, and
        the ``next`` it carries brings the person to the same place after one login.
        """
        url = super().get_email_confirmation_url(request, emailconfirmation)
        if request is not None:
            url = passthrough_next_redirect_url(request, url, "next")
        return on_academy_address(url)

    def get_reset_password_from_key_url(self, key):
        return on_academy_address(super().get_reset_password_from_key_url(key))

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
