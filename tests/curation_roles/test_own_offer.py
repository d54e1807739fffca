"""Trainers edit only the courses and editions they teach."""

import pytest

from courses.models import CoursePage
from roles.groups import STAFF, TRAINERS
from tests.factories import make_theme


@pytest.fixture
def teachers(roles, make_member):
    own = make_member("lesgever@example.org", TRAINERS, trainer=True)
    other = make_member("andere@example.org", TRAINERS, trainer=True)
    roles["course"].trainers.set([own.trainer_profile])
    roles["course"].save()
    roles["edition"].trainers.set([own.trainer_profile])
    return {**roles, "own": own, "other": other}


def test_trainer_of_the_course_opens_its_edit_view(client, teachers):
    client.force_login(teachers["own"])

    assert client.get(f"/admin/pages/{teachers['course'].pk}/edit/").status_code == 200


def test_other_trainer_is_refused_and_changes_nothing(client, teachers):
    course = teachers["course"]
    client.force_login(teachers["other"])

    response = client.get(f"/admin/pages/{course.pk}/edit/", follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "je bent geen lesgever van deze vorming" in response.content.decode()

    response = client.post(f"/admin/pages/{course.pk}/edit/", {"title": "Gekaapt", "action-submit": "1"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == "Hoe werkt de gemeente?"
    assert course.latest_revision is None or course.latest_revision.content["title"] != "Gekaapt"
    assert not course.workflow_in_progress


def test_other_trainer_cannot_delete_the_course(client, teachers):
    client.force_login(teachers["other"])

    client.post(f"/admin/pages/{teachers['course'].pk}/delete/")

    assert CoursePage.objects.filter(pk=teachers["course"].pk).exists()


def test_trainers_edit_no_tracks_or_packages_and_add_only_courses(client, teachers):
    client.force_login(teachers["own"])

    assert client.get(f"/admin/pages/{teachers['basic'].pk}/edit/").status_code == 302
    assert client.get(f"/admin/pages/add/courses/trackpage/{teachers['catalogue'].pk}/").status_code == 302
    assert client.get(f"/admin/pages/add/courses/coursepage/{teachers['basic'].pk}/").status_code == 200


def test_staff_edit_any_course(client, teachers, make_member):
    client.force_login(make_member("medewerker@example.org", STAFF))

    assert client.get(f"/admin/pages/{teachers['course'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/editions/edit/{teachers['edition'].pk}/").status_code == 200


def test_trainer_opens_their_own_edition_and_not_another(client, teachers):
    edition = teachers["edition"]
    client.force_login(teachers["own"])
    assert client.get(f"/admin/editions/edit/{edition.pk}/").status_code == 200

    # Wagtail answers a PermissionDenied in the admin with a redirect to its dashboard.
    client.force_login(teachers["other"])
    assert client.get(f"/admin/editions/edit/{edition.pk}/")["Location"] == "/admin/"
    response = client.post(f"/admin/editions/edit/{edition.pk}/", {"label": "Gekaapt", "capacity": "1"})
    assert response["Location"] == "/admin/"
    edition.refresh_from_db()
    assert edition.label != "Gekaapt"
    assert edition.capacity == 20


def test_a_trainer_cannot_approve_their_own_edition(client, teachers):
    from courses.models import Edition
    from tests.courses.test_edition_admin import edit_data
    from tests.factories import make_edition

    edition = make_edition(teachers["course"], status=Edition.Status.DRAFT, province="brussel")
    edition.trainers.set([teachers["own"].trainer_profile])
    client.force_login(teachers["own"])
    data = edit_data(edition, 25)
    data["status"] = Edition.Status.APPROVED

    response = client.post(f"/admin/editions/edit/{edition.pk}/", data)

    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.capacity == 25
    assert edition.status == Edition.Status.DRAFT


def test_a_trainers_edition_list_holds_only_their_editions(client, teachers):
    from tests.factories import make_course, make_edition

    other_course = make_course(teachers["track"], title="Andermans vorming")
    elsewhere = make_edition(other_course, province="brussel", label="Brussel, ander team")
    client.force_login(teachers["own"])

    html = client.get("/admin/editions/").content.decode()

    assert f"/admin/editions/edit/{teachers['edition'].pk}/" in html
    assert f"/admin/editions/edit/{elsewhere.pk}/" not in html


def test_a_trainer_clicking_a_track_or_package_title_sees_its_contents_not_an_error(client, teachers):
    make_theme("Lokale democratie")
    client.force_login(teachers["own"])

    for page in (teachers["basic"], teachers["basic"].get_parent()):
        response = client.get(f"/admin/pages/{page.pk}/edit/", follow=True)
        assert response.redirect_chain == [(f"/admin/pages/{page.pk}/", 302)]
        assert "geen lesgever" not in response.content.decode()
    assert 'type="checkbox" name="themes"' in client.get(f"/admin/pages/{teachers['course'].pk}/edit/").content.decode()
