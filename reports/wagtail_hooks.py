"""The reports in the admin's menu: each one an item of Wagtail's own "Rapporten" submenu.

A menu item of their own named "Rapporten" would sit beside Wagtail's submenu of the same
name; inside it, the steering group and staff find them where Wagtail puts reports.
"""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from reports.definitions import REPORTS
from roles.rules import may_read_reports


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read_reports(request.user)


def _menu_item(order, report):
    return lambda: ReportMenuItem(
        report.title, reverse("reports:report", args=[report.slug]), icon_name="table", order=order
    )


for _order, _report in enumerate(REPORTS.values(), start=1):
    hooks.register("register_reports_menu_item", _menu_item(_order, _report))
