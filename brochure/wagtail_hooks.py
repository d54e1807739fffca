from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from academy.admin_actions import ServiceRecordViewSet
from brochure.admin_views import BrochureIndexView, BrochurePdfView, MakeBrochureView, RemakeBrochureView
from brochure.models import Brochure
from brochure.selectors import get_current_public_download


class BrochureViewSet(ServiceRecordViewSet):
    """Staff have the programme brochure made per year and variant, and download it."""

    model = Brochure
    icon = "doc-full-inverse"
    menu_label = _("Brochures")
    menu_order = 217
    add_to_admin_menu = True
    index_view_class = BrochureIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_per_page = 50

    @cached_property
    def add_view(self):
        return self.construct_view(MakeBrochureView)

    @cached_property
    def remake_view(self):
        return self.construct_view(RemakeBrochureView)

    @cached_property
    def pdf_view(self):
        return self.construct_view(BrochurePdfView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("remake/<int:pk>/", self.remake_view, name="remake"),
            path("pdf/<int:pk>/", self.pdf_view, name="pdf"),
        ]


@hooks.register("register_admin_viewset")
def register_brochure_viewset():
    return BrochureViewSet("brochure_admin", url_prefix="brochures")


@hooks.register("register_log_actions")
def register_brochure_log_actions(actions):
    actions.register_action("academy.brochure.request", _("Brochure gevraagd"), _("Brochure gevraagd"))


@hooks.register("catalogue_page_context")
def programme_download(request):
    return {"programme_download": get_current_public_download()}
