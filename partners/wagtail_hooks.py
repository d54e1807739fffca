from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from partners.admin_views import PartnerChannelReportView
from roles.rules import may_read_partner_channels


class PartnerChannelMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_partner_channels(request.user)


@hooks.register("register_admin_urls")
def register_partner_channel_url():
    return [path("partnerkanalen/", PartnerChannelReportView.as_view(), name="partner_channels")]


@hooks.register("register_admin_menu_item")
def register_partner_channel_menu_item():
    return PartnerChannelMenuItem(
        _("Inschrijvingen via partners"), reverse("partner_channels"), icon_name="group", order=232
    )
