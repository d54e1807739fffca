"""English strings of allauth and Django that the academy words differently in Dutch.

Their own Dutch catalogues say "Aanmelden"/"Afmelden" for logging in and out (which the
academy keeps apart from "Inchecken" at a session) and "Uw"/"u" in Django's password
messages, where every other page says "je". The academy's catalogue (locale/nl_BE, first
in LOCALE_PATHS) translates these msgids with "Inloggen", "Uitloggen" and "je".

``makemessages`` keeps only msgids it finds in the academy's own sources: this module is
where it finds these, so regenerating the catalogue keeps the overrides. Nothing imports
it. Copy a msgid here exactly as the package has it (curly apostrophes, placeholders), then
give it its Dutch msgstr in locale/nl_BE/LC_MESSAGES/django.po.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

ALLAUTH = [
    gettext_noop("Sign In"),
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You have signed out."),
    gettext_noop("Signed out of all other sessions."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Other sign-in options"),
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Your sign-in code is listed below. Please enter it in your open browser window."),
    gettext_noop("You will receive a special code for a password-free sign-in."),
    gettext_noop("Too many failed login attempts. Try again later."),
    # allauth's Dutch says "a.u.b." ("als het u belieft") here.
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. "
        "Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup "
        "process. If you do not see the verification email in your main inbox, check your spam folder. "
        "Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop(
        "We have sent an email to you for\n"
        "verification. Please click on the link inside that email. If you do not see the verification "
        "email in your main inbox, check your spam folder. Otherwise\n"
        "contact us if you do not receive it within a few minutes."
    ),
]

DJANGO_PASSWORDS = [
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
    ),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("Your password can’t be entirely numeric."),
]
