from roles.rules import may_use_admin

ADMIN_LINK_SESSION_KEY = "academy_may_use_admin"


def remember_admin_link(sender, request, user, **kwargs):
    """At login, note in the session whether the site's menu links to the admin.

    The header is on every page; the session is loaded anyway for someone logged in, the
    groups are not. The link only shows the way: the admin checks its own permissions.
    """
    if request is not None and hasattr(request, "session"):
        request.session[ADMIN_LINK_SESSION_KEY] = may_use_admin(user)


def role_links(request):
    """Tell the site's menu whether to link to the admin ("Beheer").

    A callable: the template asks only for people who are logged in.
    """

    def admin_link():
        if ADMIN_LINK_SESSION_KEY not in request.session:
            # A session from before this was noted at login.
            request.session[ADMIN_LINK_SESSION_KEY] = may_use_admin(request.user)
        return request.session[ADMIN_LINK_SESSION_KEY]

    return {"may_use_admin": admin_link}
