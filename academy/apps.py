from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Academie")

    def ready(self):
        from academy import task_recovery  # noqa: F401  (connects the retry of failed tasks)
        from academy.private_storage import check_private_media_root
        from academy.sites import check_admin_base_url
        from academy.view_restrictions import connect_invalidation

        checks.register(check_private_media_root)
        checks.register(check_admin_base_url, checks.Tags.security, deploy=True)
        # Wagtail's own models: a restriction saved or deleted renews the offer pages.
        connect_invalidation()
