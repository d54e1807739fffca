from academy.branding import logo_url_of
from academy.models import SiteSettings
from academy.page_cache import get_for_generation


def academy_settings(request):
    """Expose the academy's SiteSettings and logo, kept until anything on the site changes.

    Every public page shows the academy's name, logo and contact details; keeping them per
    generation saves two queries per page. The logo's URL comes from the same settings: no
    query at all for the default logo.
    """
    site_settings = get_for_generation("site-settings", lambda: SiteSettings.for_request(request))
    return {
        "academy_settings": site_settings,
        "academy_logo_url": get_for_generation("site-logo-url", lambda: logo_url_of(site_settings)),
    }
