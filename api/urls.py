from django.urls import path, re_path
from django.utils.translation import gettext as _

from . import feeds
from .delivery import json_error, public_read_only
from .endpoints import api


def _wrapped(patterns):
    """Ninja's URL patterns, each view served through public_read_only()."""
    for pattern in patterns:
        pattern.callback = public_read_only(pattern.callback)
    return patterns


def unknown(request, rest=""):
    return json_error(404, _("Deze URL bestaat niet in de API."))


api_patterns, _ninja_app, _ninja_namespace = api.urls

urlpatterns = [
    path("api/v1/", (_wrapped(api_patterns), "ninja", "api")),
    re_path(r"^api/(?P<rest>.*)$", public_read_only(unknown)),
    path("feeds/aanbod.atom", public_read_only(feeds.CatalogueAtomFeed()), name="catalogue_atom_feed"),
    path("feeds/aanbod.ics", public_read_only(feeds.catalogue_ical_feed), name="catalogue_ical_feed"),
]
