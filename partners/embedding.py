"""Links and HTML that partners put on their own sites: the embedded offer, feeds, via links."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

# The feeds come from another part of the site; their links appear once their URLs exist.
FEEDS = (
    ("catalogue_atom_feed", "Atom"),
    ("catalogue_ical_feed", "iCal"),
)


CATALOGUE_PATH = "/aanbod/"


def with_query(path, query):
    return f"{path}?{query}" if query else path


def catalogue_path(partner_slug: str) -> str:
    """The catalogue filtered on the partner's courses."""
    return with_query(CATALOGUE_PATH, urlencode({"partner": partner_slug}))


def feed_links(query: str) -> list[dict]:
    """The Atom and iCal feeds of the catalogue for these filters."""
    return [{"label": label, "path": with_query(reverse(url_name), query)} for url_name, label in FEEDS]


def is_local_path(value: str) -> bool:
    """Tell whether value is a path on this site, never another site (no open redirect)."""
    return (
        value.startswith("/")
        and not value.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    )


def via_path(partner_slug: str, target: str) -> str:
    """The link that remembers the partner's channel and then opens target."""
    return f"{reverse('partners:via', args=[partner_slug])}?{urlencode({'naar': target})}"


def embed_path(query: str) -> str:
    return with_query(reverse("partners:embed_offer"), query)


def iframe_html(src: str) -> str:
    """The iframe a partner pastes into their site."""
    return format_html(
        '<iframe src="{}" title="{}" width="100%" height="600" style="border:0" loading="lazy"></iframe>',
        src,
        _("Vormingsaanbod van de academie"),
    )
