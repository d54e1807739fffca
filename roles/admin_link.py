"""Whether the site shows someone the way into the admin: "Beheer" in the menu and Wagtail's
user bar.

Noted in the session at login: the header is on every page, and the session is loaded anyway
for someone logged in, the groups are not. It only shows the way: the admin checks its own
permissions.
"""

from roles.rules import may_use_admin

SESSION_KEY = "academy_may_use_admin"


def remember_admin_link(sender, request, user, **kwargs):
    """At login (user_logged_in), note whether the user's role opens the admin."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = may_use_admin(user)


def shows_admin_link(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if SESSION_KEY not in request.session:
        # A session from before this was noted at login.
        request.session[SESSION_KEY] = may_use_admin(user)
    return request.session[SESSION_KEY]
