"""The academy's one logo: the one set in the site settings, or the mark shipped in static."""

from django.templatetags.static import static

from wagtail.models import Site

from academy.models import SiteSettings
from academy.page_cache import get_for_generation

DEFAULT_LOGO = "img/logo.svg"
# Twice the header's 3rem, for sharp raster logos on high-density screens.
HEADER_LOGO_RENDITION = "height-96"


def default_logo_url() -> str:
    return static(DEFAULT_LOGO)


def logo_url_of(site_settings) -> str:
    """The logo's URL for the web: an SVG as uploaded, a raster image as a small rendition."""
    logo = site_settings.logo
    if logo is None:
        return default_logo_url()
    if logo.is_svg():
        return logo.file.url
    return logo.get_rendition(HEADER_LOGO_RENDITION).url


def _build_logo():
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"url": default_logo_url(), "site_url": ""}
    site_settings = SiteSettings.objects.select_related("logo").filter(site=site).first()
    return {
        "url": logo_url_of(site_settings) if site_settings else default_logo_url(),
        "site_url": site.root_url,
    }


def get_logo_url(*, absolute: bool = False) -> str:
    """The logo of the default site, kept until anything on the site changes. With absolute,
    a full address for mails (a relative URL prefixed with the site's root URL)."""
    logo = get_for_generation("site-logo", _build_logo)
    url = logo["url"]
    if absolute and url.startswith("/"):
        return f"{logo['site_url']}{url}"
    return url
