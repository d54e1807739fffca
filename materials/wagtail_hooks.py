from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from materials.models import CourseMaterial
from materials.selectors import get_restricted_courses_of_document


@hooks.register("before_serve_document")
def refuse_restricted_documents(document, request):
    """Wagtail's public document URL never serves participants-only material: only the
    checked view does, with private caching, for those who may read it.
    """
    if get_restricted_courses_of_document(document):
        raise Http404


class CourseMaterialViewSet(ModelViewSet):
    model = CourseMaterial
    icon = "doc-full"
    menu_label = _("Lesmateriaal")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["title", "course", "kind", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "course__title"]


@hooks.register("register_admin_viewset")
def register_material_viewset():
    return CourseMaterialViewSet("course_materials")
