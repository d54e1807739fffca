from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Rollen")

    def ready(self):
        from roles.admin_link import remember_admin_link

        user_logged_in.connect(remember_admin_link, dispatch_uid="roles.remember_admin_link")
