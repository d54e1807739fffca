"""Staff see failed and stuck background tasks in the admin and retry them; nobody else may."""

from datetime import timedelta

import pytest
from django_tasks_db.models import DBTaskResult

from django.contrib.auth.models import Group
from django.core import mail
from django.tasks import TaskResultStatus
from django.utils import timezone

from wagtail.models import ModelLogEntry

from curation.tasks import send_request_received
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests import factories
from tests.curation.factories import make_request

pytestmark = pytest.mark.usefixtures("database_tasks")

URL = "/admin/achtergrondtaken/"


def member_of(group_name):
    ensure_role_permissions()
    person = factories.make_person()
    person.groups.add(Group.objects.get(name=group_name))
    return person


def failed_task(course_request, *, attempts=5):
    result = send_request_received.enqueue(course_request.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.FAILED,
        started_at=timezone.now() - timedelta(minutes=2),
        finished_at=timezone.now() - timedelta(minutes=1),
        worker_ids=["w"] * attempts,
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback (most recent call last):\n"
        "smtplib.SMTPServerDisconnected: Connection unexpectedly closed\n",
    )
    return result.id


def stuck_task(course_request):
    result = send_request_received.enqueue(course_request.pk)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - timedelta(hours=2), worker_ids=["killed"]
    )
    return result.id


@pytest.fixture
def staff_client(client):
    client.force_login(member_of(STAFF))
    return client


def test_staff_see_failed_and_stuck_tasks_with_their_error_and_attempts(staff_client):
    failed_task(make_request())
    stuck_task(make_request())
    done = send_request_received.enqueue(make_request().pk)
    DBTaskResult.objects.filter(pk=done.id).update(status=TaskResultStatus.SUCCESSFUL)

    response = staff_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "send_request_received" in page
    assert "Mislukt" in page
    assert "Vastgelopen" in page
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert page.count("Opnieuw proberen</button>") == 2
    assert "Alle 2 mislukte of vastgelopen taken opnieuw proberen" in page
    assert URL in staff_client.get("/admin/").content.decode()


def test_staff_retry_a_failed_task_which_then_runs_and_mails(staff_client, run_worker):
    task_id = failed_task(make_request())

    response = staff_client.post(f"{URL}{task_id}/opnieuw/", follow=True)

    assert "De taak staat opnieuw in de wachtrij." in response.content.decode()
    row = DBTaskResult.objects.get(pk=task_id)
    assert row.status == TaskResultStatus.READY
    assert row.worker_ids == []
    assert ModelLogEntry.objects.filter(action="academy.task.retry", object_id=str(task_id)).exists()

    run_worker()

    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.SUCCESSFUL
    assert [message.to for message in mail.outbox] == [["ann@example.org"]]


def test_staff_retry_all_failed_and_stuck_tasks_at_once(staff_client):
    failed = failed_task(make_request())
    stuck = stuck_task(make_request())

    response = staff_client.post(f"{URL}opnieuw/", follow=True)

    assert "2 taken staan opnieuw in de wachtrij." in response.content.decode()
    assert set(DBTaskResult.objects.filter(pk__in=[failed, stuck]).values_list("status", flat=True)) == {
        TaskResultStatus.READY
    }


def test_retrying_a_task_that_did_not_fail_changes_nothing(staff_client):
    result = send_request_received.enqueue(make_request().pk)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.SUCCESSFUL)

    response = staff_client.post(f"{URL}{result.id}/opnieuw/", follow=True)

    assert response.status_code == 200
    assert "niet mislukt of vastgelopen" in response.content.decode()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_a_retry_is_a_post(staff_client):
    task_id = failed_task(make_request())

    assert staff_client.get(f"{URL}{task_id}/opnieuw/").status_code == 405
    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.FAILED


@pytest.mark.parametrize("group_name", [TRAINERS, STEERING_GROUP])
def test_trainers_and_the_steering_group_are_refused_and_see_no_menu_item(client, group_name):
    task_id = failed_task(make_request())
    client.force_login(member_of(group_name))

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    assert client.get(URL)["Location"] == "/admin/"
    assert client.post(f"{URL}{task_id}/opnieuw/")["Location"] == "/admin/"
    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.FAILED
    assert URL not in client.get("/admin/").content.decode()


def test_participants_are_refused(client):
    task_id = failed_task(make_request())
    client.force_login(factories.make_person())

    response = client.post(f"{URL}{task_id}/opnieuw/")

    # Without access to the admin at all: sent to its login page.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert DBTaskResult.objects.get(pk=task_id).status == TaskResultStatus.FAILED
