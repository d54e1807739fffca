import json

from django.http import HttpResponse
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


INDEX_RESOURCES = ("editions", "courses", "tracks", "packages", "venues", "partners", "themes", "programme-years")


def index(request):
    """/api/v1/: where the resources and their description are."""
    # Paths, not absolute URLs: the answer is stored once for every host name.
    base = "/api/v1/"
    body = {
        "description": _("De openbare, leesbare API van de academie. De beschrijving staat in openapi.json."),
        "openapi": f"{base}openapi.json",
        "docs": f"{base}docs/",
        "resources": {name: f"{base}{name}/" for name in INDEX_RESOURCES},
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8")


api_patterns, _ninja_app, _ninja_namespace = api.urls

urlpatterns = [
    # Before ninja's own root, which answers an HTML 404.
    path("api/v1/", public_read_only(index), name="api_index"),
    path("api/v1/", (_wrapped(api_patterns), "ninja", "api")),
    re_path(r"^api/(?P<rest>.*)$", public_read_only(unknown)),
    path("feeds/aanbod.atom", public_read_only(feeds.CatalogueAtomFeed()), name="catalogue_atom_feed"),
    path("feeds/aanbod.ics", public_read_only(feeds.catalogue_ical_feed), name="catalogue_ical_feed"),
]
