from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from roles.rules import may_read_signals
from steering.views import SignalsReportView


class SignalsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_signals(request.user)


@hooks.register("register_admin_urls")
def register_signals_url():
    return [path("signalen/", SignalsReportView.as_view(), name="steering_signals")]


@hooks.register("register_admin_menu_item")
def register_signals_menu_item():
    return SignalsMenuItem(_("Signalen"), reverse("steering_signals"), icon_name="warning", order=230)
