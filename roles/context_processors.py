from functools import partial

from roles.admin_link import shows_admin_link


def role_links(request):
    """Tell the site's menu whether to link to the admin ("Beheer"): a callable, asked only
    where the template shows it."""
    return {"may_use_admin": partial(shows_admin_link, request)}
