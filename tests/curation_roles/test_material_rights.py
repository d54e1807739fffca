"""Trainers manage the material of the courses they teach, and no other."""

import pytest

from materials.models import CourseMaterial
from roles.groups import TRAINERS
from tests.factories import make_course


@pytest.fixture
def setup(roles, make_member):
    own = make_member("lesgever@example.org", TRAINERS, trainer=True)
    other = make_member("andere@example.org", TRAINERS, trainer=True)
    roles["course"].trainers.set([own.trainer_profile])
    roles["course"].save()
    elsewhere = make_course(roles["track"], title="Andere vorming")
    material = CourseMaterial.objects.create(course=roles["course"], title="Slides", kind="tekst", body="<p>x</p>")
    return {**roles, "own": own, "other": other, "elsewhere": elsewhere, "material": material}


def test_trainer_edits_material_of_their_course(client, setup):
    client.force_login(setup["own"])

    assert client.get(f"/admin/course_materials/edit/{setup['material'].pk}/").status_code == 200


def test_another_trainer_cannot_edit_it_and_nothing_changes(client, setup):
    client.force_login(setup["other"])
    url = f"/admin/course_materials/edit/{setup['material'].pk}/"

    assert client.get(url)["Location"] == "/admin/"
    client.post(url, {"course": setup["course"].pk, "title": "Gekaapt", "kind": "tekst", "visibility": "openbaar"})

    setup["material"].refresh_from_db()
    assert setup["material"].title == "Slides"


def test_trainer_can_only_add_material_to_their_own_courses(client, setup):
    client.force_login(setup["own"])
    data = {"title": "Oefening", "kind": "tekst", "visibility": "deelnemers", "sort_order": "0"}

    refused = client.post("/admin/course_materials/new/", {**data, "course": setup["elsewhere"].pk})
    accepted = client.post("/admin/course_materials/new/", {**data, "course": setup["course"].pk})

    assert refused.status_code == 200
    assert accepted.status_code == 302
    assert list(CourseMaterial.objects.filter(title="Oefening").values_list("course_id", flat=True)) == [
        setup["course"].pk
    ]
