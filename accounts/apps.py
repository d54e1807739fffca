from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from wagtail.users import apps as wagtail_users


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")


class UsersAdminConfig(wagtail_users.WagtailUsersAppConfig):
    """wagtail.users, with the users listing of accounts.users_admin."""

    default = False
    user_viewset = "accounts.users_admin.UserViewSet"
