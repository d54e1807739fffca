from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Aanbod")

    def ready(self):
        from academy import page_cache

        page_cache.connect_invalidation()
