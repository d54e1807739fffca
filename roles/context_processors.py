from functools import partial

from roles.rules import may_use_admin


def role_links(request):
    """Tell the site's menu whether to link to the admin ("Beheer").

    A callable: the template asks only for people who are logged in, so anonymous pages
    never load the user's groups.
    """
    return {"may_use_admin": partial(may_use_admin, request.user)}
