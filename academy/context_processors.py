from academy.branding import get_logo_url
from academy.models import SiteSettings
from academy.page_cache import get_for_generation


def academy_settings(request):
    """Expose the academy's SiteSettings and logo, kept until anything on the site changes.

    Every public page shows the academy's name, logo and contact details; keeping them per
    generation saves two queries per page.
    """
    return {
        "academy_settings": get_for_generation("site-settings", lambda: SiteSettings.for_request(request)),
        "academy_logo_url": get_logo_url(),
    }
