"""The shape of the project's own admin pages: Wagtail's header with the page's own name."""

from django.utils.translation import gettext as _

from wagtail.admin.views.generic import InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminPageMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin template with the page's title as the last breadcrumb.

    Wagtail's mixin gives only "Home" as the breadcrumb trail, and its slim header shows
    the last breadcrumb as the heading: every custom page was headed "Home".
    """

    def get_breadcrumbs_items(self):
        items = list(super().get_breadcrumbs_items())
        title = self.get_page_title()
        if title and items[-1].get("label") != title:
            items.append({"url": "", "label": title, "sublabel": self.get_page_subtitle()})
        return items


class PlainValuesInspectView(InspectView):
    """Wagtail's inspect view with empty values as "—" and yes/no fields as "Ja"/"Nee".

    Wagtail prints the Python values ("None", "True") of fields without a display class.
    """

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if value is True:
            return _("Ja")
        if value is False:
            return _("Nee")
        return value
