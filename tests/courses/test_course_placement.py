"""A course's track and package follow its place in the page tree: moved, copied or published."""

import pytest

from django.contrib.auth import get_user_model
from django.test import Client

from certificates.services import issue_certificate
from courses.models import CoursePage, PackagePage
from enrolment import services
from enrolment.models import Enrolment
from tests import factories
from tests.courses.test_catalogue import result_titles


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def social(offer):
    """A second track, with a basic package and an advanced one that requires it."""
    track = factories.make_track(offer["catalogue"], "sociale-vorming", "Sociale vorming")
    basic = factories.make_package(track, level="basis", title="Basis sociaal", electives_required=0)
    advanced = factories.make_package(track, level="verdieping", title="Verdieping sociaal", required_package=basic)
    factories.make_course(basic, title="Vrijwilligerswerk", is_required=True)
    return {"track": track, "basic": basic, "advanced": advanced}


def move_in_admin(client, page, destination):
    response = client.post(f"/admin/pages/{page.pk}/move/{destination.pk}/confirm/")
    assert response.url == f"/admin/pages/{destination.pk}/"
    return CoursePage.objects.get(pk=page.pk) if isinstance(page.specific, CoursePage) else page


def test_course_moved_in_the_admin_takes_the_track_and_package_of_its_new_place(admin_client, offer, social):
    course = move_in_admin(admin_client, offer["course"], social["advanced"])

    assert (course.track_id, course.package_id) == (social["track"].pk, social["advanced"].pk)


def test_catalogue_facets_follow_a_moved_course(
    admin_client, client, offer, social, django_capture_on_commit_callbacks
):
    assert result_titles(client.get("/aanbod/?traject=politieke-vorming")) == ["Hoe werkt de gemeente?"]

    with django_capture_on_commit_callbacks(execute=True):
        move_in_admin(admin_client, offer["course"], social["advanced"])

    assert result_titles(client.get("/aanbod/?traject=politieke-vorming")) == []
    assert result_titles(client.get("/aanbod/?traject=sociale-vorming")) == ["Hoe werkt de gemeente?"]
    assert result_titles(client.get("/aanbod/?niveau=verdieping")) == ["Hoe werkt de gemeente?"]
    assert result_titles(client.get("/aanbod/?niveau=basis")) == []


def test_course_moved_into_an_advanced_package_asks_for_its_basic_package_first(admin_client, client, offer, social):
    move_in_admin(admin_client, offer["course"], social["advanced"])
    person = factories.make_person()
    client.force_login(person)

    response = client.post(f"/mijn/inschrijven/{offer['edition'].pk}/", follow=True)

    assert "Voor “Verdieping sociaal” moet je eerst “Basis sociaal” voltooid hebben" in response.content.decode()
    assert not Enrolment.objects.filter(person=person).exists()


def test_course_moved_out_of_an_advanced_package_no_longer_asks_for_the_basic_one(admin_client, client, offer):
    advanced_course = factories.make_course(offer["advanced"], title="Begroting lezen")
    edition = factories.make_edition(advanced_course)
    move_in_admin(admin_client, advanced_course, offer["track"])
    person = factories.make_person()
    client.force_login(person)

    client.post(f"/mijn/inschrijven/{edition.pk}/")

    assert CoursePage.objects.get(pk=advanced_course.pk).package_id is None
    assert Enrolment.objects.get(person=person).status == Enrolment.Status.CONFIRMED


def test_package_progress_in_mijn_academie_follows_a_moved_course(
    admin_client, client, offer, social, django_capture_on_commit_callbacks
):
    person = factories.make_person()
    services.enrol(offer["edition"], person=person)
    client.force_login(person)
    assert f"{offer['basic'].title}</a>:" in client.get("/mijn/").content.decode()

    # Committed, as in the admin: the packages and their courses are read per offer generation.
    with django_capture_on_commit_callbacks(execute=True):
        move_in_admin(admin_client, offer["course"], social["basic"])
    html = client.get("/mijn/").content.decode()

    assert "Basis sociaal</a>:" in html
    assert "0 van 2 vormingen voltooid" in html
    assert f"{offer['basic'].title}</a>:" not in html


def test_package_moved_to_another_track_takes_its_courses_along(admin_client, client, offer, social):
    move_in_admin(admin_client, offer["basic"], social["track"])

    course = CoursePage.objects.get(pk=offer["course"].pk)
    assert (course.track_id, course.package_id) == (social["track"].pk, offer["basic"].pk)
    assert result_titles(client.get("/aanbod/?traject=sociale-vorming")) == ["Hoe werkt de gemeente?"]
    assert result_titles(client.get("/aanbod/?traject=politieke-vorming")) == []


def test_certificate_issued_after_a_move_names_the_new_track(admin_client, offer, social):
    person = factories.make_person()
    enrolment = services.enrol(offer["edition"], person=person).enrolment
    move_in_admin(admin_client, offer["course"], social["basic"])

    staff = get_user_model().objects.get(username="beheer@example.org")
    certificate = issue_certificate(Enrolment.objects.get(pk=enrolment.pk), by=staff, note="Met de hand").certificate

    assert certificate.track_title == "Sociale vorming"


def test_package_copied_in_the_admin_gives_its_copied_courses_the_copy(admin_client, offer, social):
    response = admin_client.post(
        f"/admin/pages/{offer['basic'].pk}/copy/",
        {
            "new_title": "Basis politiek (kopie)",
            "new_slug": "basis-politiek-kopie",
            "new_parent_page": social["track"].pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302

    copy = PackagePage.objects.get(slug="basis-politiek-kopie")
    copied_course = CoursePage.objects.child_of(copy).get()
    assert (copied_course.track_id, copied_course.package_id) == (social["track"].pk, copy.pk)
    original = CoursePage.objects.get(pk=offer["course"].pk)
    assert (original.track_id, original.package_id) == (offer["track"].pk, offer["basic"].pk)


def test_a_move_outside_the_admin_keeps_the_placement_too(offer, social):
    offer["course"].move(social["basic"], pos="last-child")

    course = CoursePage.objects.get(pk=offer["course"].pk)
    assert (course.track_id, course.package_id) == (social["track"].pk, social["basic"].pk)
