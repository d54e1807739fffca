from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from academy import page_cache

        # The embedded offer links through the partner named by ?via=.
        page_cache.vary_on_query_parameters("via")
