"""The roll call in the Wagtail admin: staff and the edition's trainers, nobody else."""

import pytest

from django.contrib.auth.models import Group

from attendance.models import Attendance
from courses.models import Trainer
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.attendance.conftest import confirm
from tests.factories import make_course, make_edition, make_person

PRESENT = Attendance.Status.PRESENT


@pytest.fixture
def roles(offer):
    ensure_role_permissions()
    return offer


def member(email, group_name):
    person = make_person(email)
    person.groups.add(Group.objects.get(name=group_name))
    return person


@pytest.fixture
def academy_staff(roles):
    return member("medewerker@example.org", STAFF)


@pytest.fixture
def admin_trainer(roles, trainer):
    trainer.groups.add(Group.objects.get(name=TRAINERS))
    return trainer


def admin_url(session):
    return f"/admin/aanwezigheden/{session.pk}/"


def test_staff_record_a_session_in_the_admin(client, academy_staff, first_session, enrolment):
    client.force_login(academy_staff)

    page = client.get(admin_url(first_session))
    response = client.post(admin_url(first_session), {f"mark_{enrolment.pk}": PRESENT})

    assert page.status_code == 200
    assert "<legend>An Peeters</legend>" in page.content.decode()
    assert response.status_code == 302 and response["Location"] == admin_url(first_session)
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.status, attendance.recorded_by) == (first_session, PRESENT, academy_staff)


def test_an_unknown_status_in_the_admin_changes_nothing(client, academy_staff, first_session, enrolment):
    client.force_login(academy_staff)

    response = client.post(admin_url(first_session), {f"mark_{enrolment.pk}": "misschien"})

    assert response.status_code == 200
    assert "Kies aanwezig, afwezig of gewettigd afwezig." in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_admin_lists_the_sessions_one_may_take_and_filters_by_edition(
    client, offer, admin_trainer, edition, first_session
):
    elsewhere = make_edition(make_course(offer["basic"], title="Andermans vorming"), starts_in_days=-3)
    client.force_login(admin_trainer)

    html = client.get("/admin/aanwezigheden/").content.decode()
    filtered = client.get(f"/admin/aanwezigheden/?edition={edition.pk}&period=voorbij").content.decode()

    for session in edition.sessions.all():
        assert f'href="{admin_url(session)}"' in html
        assert f'href="{admin_url(session)}"' in filtered
    assert f'href="{admin_url(elsewhere.sessions.get())}"' not in html


def test_the_edition_edit_page_links_to_its_roll_calls(client, academy_staff, edition):
    client.force_login(academy_staff)

    html = client.get(f"/admin/editions/edit/{edition.pk}/").content.decode()

    assert f"/admin/aanwezigheden/?edition={edition.pk}" in html


def test_a_trainer_of_another_edition_gets_404_in_the_admin(client, roles, offer, first_session, enrolment):
    stranger = member("andere-lesgever@example.org", TRAINERS)
    other = make_edition(make_course(offer["basic"], title="Andere vorming"))
    other.trainers.add(Trainer.objects.create(name="Andere Lesgever", user=stranger))
    client.force_login(stranger)

    assert client.get(admin_url(first_session)).status_code == 404
    assert client.post(admin_url(first_session), {f"mark_{enrolment.pk}": PRESENT}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_steering_group_takes_no_roll_call_in_the_admin(client, roles, first_session, enrolment):
    client.force_login(member("stuurgroep@example.org", STEERING_GROUP))

    assert client.post(admin_url(first_session), {f"mark_{enrolment.pk}": PRESENT}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_edition_trainer_takes_the_roll_call_in_the_admin(client, admin_trainer, edition, first_session):
    late = confirm(edition, make_person())
    client.force_login(admin_trainer)

    response = client.post(admin_url(first_session), {f"mark_{late.pk}": PRESENT})

    assert response.status_code == 302
    assert Attendance.objects.get().recorded_by == admin_trainer


def test_the_admin_roll_call_links_to_the_code_on_a_projector(client, admin_trainer, first_session):
    client.force_login(admin_trainer)

    html = client.get(admin_url(first_session)).content.decode()

    assert f'href="/lesgever/sessies/{first_session.pk}/code/"' in html
    assert client.get(f"/lesgever/sessies/{first_session.pk}/code/").status_code == 200
