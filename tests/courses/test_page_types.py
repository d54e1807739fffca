import pytest

from django.contrib.auth import get_user_model

from academy.models import HomePage
from courses.models import CatalogueIndexPage, CoursePage, PackagePage, TrackPage


def test_course_pages_live_only_under_a_package_or_a_track():
    assert set(CoursePage.allowed_parent_page_models()) == {PackagePage, TrackPage}
    assert CoursePage.allowed_subpage_models() == []


def test_tree_goes_home_catalogue_track_package():
    assert CatalogueIndexPage.allowed_parent_page_models() == [HomePage]
    assert TrackPage.allowed_parent_page_models() == [CatalogueIndexPage]
    assert PackagePage.allowed_parent_page_models() == [TrackPage]
    assert set(TrackPage.allowed_subpage_models()) == {PackagePage, CoursePage}
    assert PackagePage.allowed_subpage_models() == [CoursePage]


def test_a_course_cannot_be_created_under_the_catalogue_or_a_course(offer):
    assert not CoursePage.can_create_at(offer["catalogue"])
    assert not CoursePage.can_create_at(offer["course"])
    assert CoursePage.can_create_at(offer["basic"])
    assert CoursePage.can_create_at(offer["track"])
    assert not PackagePage.can_create_at(offer["catalogue"])


def test_only_one_catalogue(offer):
    assert not CatalogueIndexPage.can_create_at(offer["home"])


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(user)
    return client


def test_admin_refuses_a_course_directly_under_the_catalogue(admin_client, offer):
    url = f"/admin/pages/add/courses/coursepage/{offer['catalogue'].pk}/"

    response = admin_client.get(url)

    assert response.status_code in (302, 403)
    assert not CoursePage.objects.child_of(offer["catalogue"]).exists()


def test_admin_adds_a_course_to_a_package(admin_client, offer):
    url = f"/admin/pages/add/courses/coursepage/{offer['basic'].pk}/"

    response = admin_client.get(url)

    assert response.status_code == 200


def test_course_knows_its_track_and_package(offer):
    course = CoursePage.objects.get(pk=offer["course"].pk)
    assert course.track_id == offer["track"].pk
    assert course.package_id == offer["basic"].pk


def test_loose_course_has_a_track_and_no_package(offer):
    from tests.factories import make_course

    loose = make_course(offer["track"], title="Studiedag")
    loose.refresh_from_db()
    assert loose.track_id == offer["track"].pk
    assert loose.package_id is None


def test_advanced_package_may_require_only_a_basic_package(offer):
    from django.core.exceptions import ValidationError

    offer["basic"].required_package = offer["advanced"]
    with pytest.raises(ValidationError) as raised:
        offer["basic"].full_clean()
    assert "required_package" in raised.value.message_dict
