"""Course pages go through the steering group's approval before they reach the public site."""

import pytest

from django.test import Client

from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import rich_text

from courses.models import CoursePage
from roles.groups import STEERING_GROUP, TRAINERS

# Wagtail 8.0's moderation notifications still call django.core.mail.get_connection(),
# deprecated in Django 6.1; the mail itself goes out.
pytestmark = pytest.mark.filterwarnings(
    "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
)


@pytest.fixture
def trainer_client(client, roles, make_member):
    client.force_login(make_member("lesgever@example.org", TRAINERS, trainer=True))
    return client


def course_form_data(title, **extra):
    return {
        "title": title,
        "slug": "nieuwe-vorming",
        "summary": "Een voorstel van een lesgever.",
        "description": rich_text("<p>Uitleg</p>"),
        "learning_goals": rich_text(""),
        "format": "studiedag",
        "attendance_threshold": "80",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }


def submit_course(client, parent):
    response = client.post(
        f"/admin/pages/add/courses/coursepage/{parent.pk}/",
        course_form_data("Nieuwe vorming", **{"action-submit": "Ter moderatie indienen"}),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return CoursePage.objects.get(slug="nieuwe-vorming")


def moderate(client, course, action, comment=""):
    task_state = course.current_workflow_task_state
    return client.post(
        f"/admin/pages/workflow/action/{course.pk}/{action}/{task_state.pk}/",
        {"comment": comment},
    )


def test_trainer_cannot_publish_a_new_course(trainer_client, roles):
    response = trainer_client.post(
        f"/admin/pages/add/courses/coursepage/{roles['basic'].pk}/",
        course_form_data("Nieuwe vorming", **{"action-publish": "Publiceren"}),
    )

    assert response.status_code == 302
    course = CoursePage.objects.get(slug="nieuwe-vorming")
    assert not course.live
    edit_page = trainer_client.get(f"/admin/pages/{course.pk}/edit/").content.decode()
    assert 'name="action-submit"' in edit_page
    assert 'name="action-publish"' not in edit_page


def test_submitted_course_waits_for_the_steering_group_off_the_public_site(trainer_client, roles):
    course = submit_course(trainer_client, roles["basic"])

    assert not course.live
    assert course.workflow_in_progress
    assert course.current_workflow_task.name == "Goedkeuring door de stuurgroep"
    public = Client()
    assert public.get(course.url).status_code == 404
    assert "Nieuwe vorming" not in public.get("/aanbod/").content.decode()
    assert "Nieuwe vorming" not in public.get(roles["basic"].url).content.decode()


def test_trainer_cannot_approve_their_own_course(trainer_client, roles):
    course = submit_course(trainer_client, roles["basic"])

    moderate(trainer_client, course, "approve")

    course.refresh_from_db()
    assert not course.live
    assert course.workflow_in_progress


def test_steering_group_approves_and_the_course_goes_live(trainer_client, roles, make_member, client):
    course = submit_course(trainer_client, roles["basic"])
    trainer_client.logout()
    client.force_login(make_member("stuurgroep@example.org", STEERING_GROUP))

    response = moderate(client, course, "approve")

    assert response.status_code == 302
    course.refresh_from_db()
    assert course.live
    assert course.current_workflow_state is None
    assert course.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert Client().get(course.url).status_code == 200


def test_requested_changes_keep_the_course_off_the_public_site(trainer_client, roles, make_member, client):
    course = submit_course(trainer_client, roles["basic"])
    trainer_client.logout()
    client.force_login(make_member("stuurgroep@example.org", STEERING_GROUP))

    response = moderate(client, course, "reject", comment="Graag de leerdoelen invullen.")

    assert response.status_code == 302
    course.refresh_from_db()
    assert not course.live
    assert TaskState.objects.get(workflow_state__in=course.workflow_states.all()).status == (TaskState.STATUS_REJECTED)
    public = Client()
    assert public.get(course.url).status_code == 404
    assert "Nieuwe vorming" not in public.get("/aanbod/").content.decode()
