"""The academy's address, for the links in mails, and the site of each request."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.http.request import split_domain_port

from wagtail import views as wagtail_views
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

from academy.models import SiteSettings
from academy.page_cache import process_memo

# More distinct hosts than this are looked up per request rather than kept (ALLOWED_HOSTS
# may be a wildcard, and every Host header would otherwise stay in memory).
MAX_REMEMBERED_HOSTS = 50


def default_site_url() -> str:
    """The root URL of the default site, without a trailing slash; empty without a site."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def default_site_name() -> str:
    """The academy's name as editors set it in the default site's settings."""
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).academy_name if site else settings.WAGTAIL_SITE_NAME


def site_from_base_url(base_url) -> dict:
    """The hostname and port of a Wagtail Site at base_url (``https://academie.example.org``)."""
    parts = urlsplit(base_url)
    return {"hostname": parts.hostname, "port": parts.port or (443 if parts.scheme == "https" else 80)}


def default_site_logo_url() -> str:
    """The absolute URL of the logo in the default site's settings as a PNG for mails (which
    mostly do not show SVG); empty without a site, a logo, or its file."""
    site = Site.objects.filter(is_default_site=True).first()
    logo = SiteSettings.for_site(site).logo if site else None
    if logo is None or logo.is_svg():
        return ""
    try:
        url = logo.get_rendition("height-96|format-png").url
    except SourceImageIOError:
        return ""
    return f"{site.root_url}{url}" if url.startswith("/") else url


def check_admin_base_url(app_configs, **kwargs):
    """Warn on deploy when Wagtail's mails would link to a local address.

    Wagtail writes WAGTAILADMIN_BASE_URL into its moderation and password mails; unset in
    production, it links to the development default.
    """
    host = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").hostname or ""
    if host in {"", "localhost", "127.0.0.1", "::1"} or host.endswith(".localhost"):
        return [
            checks.Warning(
                "WAGTAILADMIN_BASE_URL is not the academy's public address.",
                hint="Set the environment variable WAGTAILADMIN_BASE_URL, e.g. https://academie.example.org.",
                id="academy.W001",
            )
        ]
    return []


class KnownSiteMiddleware:
    """Find the Wagtail site of each page request once per offer generation in each process.

    Wagtail asks the database for the site, its root page and that page's specific type on
    every page it serves; the sites change with the offer generation (a Site saved starts a
    new one). Only for Wagtail's page view: on any other view the lookup (a cache round
    trip for the generation) would cost more than the view itself. Placed after
    CommonMiddleware, which has validated the host.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            request._wagtail_site = find_site(request)


def find_site(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    sites = process_memo("sites-by-host")
    if key in sites:
        return sites[key]
    # Its root page, once Wagtail has read it, stays on the remembered site.
    site = Site.find_for_request(request)
    if len(sites) < MAX_REMEMBERED_HOSTS:
        sites[key] = site
    return site
