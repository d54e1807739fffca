from django.core.cache import cache

from academy.models import SiteSettings
from academy.page_cache import current_generation


def academy_settings(request):
    """Expose the academy's SiteSettings, cached until anything on the site changes.

    Every public page shows the academy's name and contact details; reading them from the
    shared cache saves two queries per page.
    """
    key = f"site-settings:{current_generation()}"
    site_settings = cache.get(key)
    if site_settings is None:
        site_settings = SiteSettings.for_request(request)
        cache.set(key, site_settings, 3600)
    return {"academy_settings": site_settings}
