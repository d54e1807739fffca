from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from courses.models import Session
from enrolment import extensions
from materials.exceptions import SessionOfAnotherCourse
from materials.models import CourseMaterial
from materials.selectors import list_course_page_materials, list_session_ids_with_material
from materials.services import check_session_of_course
from roles.permission_policies import CourseMaterialPermissionPolicy
from roles.rules import courses_with_material_editable_by, editions_taught_by, is_limited_to_own_offer

register_permission_policy(CourseMaterial, CourseMaterialPermissionPolicy(CourseMaterial), exact_class=True)


def session_label(session):
    """A session as people find it in a list of many: course, edition, date."""
    edition = session.edition
    name = f"{edition.course.title} ({edition.label})" if edition.label else edition.course.title
    return f"{name} – {date_format(timezone.localtime(session.starts_at), 'D j F Y, H:i')}"


class CourseMaterialForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = Session.objects.select_related("edition__course").order_by("-starts_at", "pk")
        if self.for_user is not None and is_limited_to_own_offer(self.for_user):
            # A trainer adds material to the courses they teach, and to the sessions of
            # the editions they teach, and to no other.
            self.fields["course"].queryset = courses_with_material_editable_by(self.for_user)
            sessions = sessions.filter(edition__in=editions_taught_by(self.for_user).values("pk"))
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = session_label

    def clean(self):
        cleaned_data = super().clean()
        course, session = cleaned_data.get("course"), cleaned_data.get("session")
        if course is not None:
            try:
                check_session_of_course(session, course=course)
            except SessionOfAnotherCourse as error:
                self.add_error("session", str(error.message))
        return cleaned_data


class CourseMaterialEditView(EditView):
    def get_object(self, queryset=None):
        material = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", material):
            raise PermissionDenied
        return material


class CourseMaterialViewSet(ModelViewSet):
    model = CourseMaterial
    icon = "doc-full"
    menu_label = _("Lesmateriaal")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["title", "course", "kind", "visibility"]
    list_filter = ["kind", "visibility"]
    search_fields = ["title", "course__title"]
    edit_view_class = CourseMaterialEditView
    edit_handler = ObjectList(CourseMaterial.panels, base_form_class=CourseMaterialForm)


@hooks.register("register_admin_viewset")
def register_material_viewset():
    return CourseMaterialViewSet("course_materials")


@hooks.register("course_page_context")
def course_page_materials(page, request, context):
    """The course's material on its page, and which of its editions' sessions have some."""
    session_ids = {session.pk for edition in context["editions"] for session in edition.sessions.all()}
    context["materials"], context["has_hidden_materials"], context["sessions_with_material"] = (
        list_course_page_materials(request.user, page, session_ids)
    )


@hooks.register(extensions.DASHBOARD_CONTEXT)
def dashboard_sessions_with_material(person, dashboard, *, confirmed, enrolments):
    dashboard["sessions_with_material"] = list_session_ids_with_material(
        session.pk for session, _ in dashboard["upcoming_sessions"]
    )
