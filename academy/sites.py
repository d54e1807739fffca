"""The academy's address, for the links in mails."""

from wagtail.models import Site


def default_site_url() -> str:
    """The root URL of the default site, without a trailing slash; empty without a site."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""
