"""A page restricted to logged-in people stays restricted, though unrestricted sites skip the check."""

from wagtail.models import PageViewRestriction


def test_a_restriction_added_to_a_course_page_applies_at_once(client, offer, django_capture_on_commit_callbacks):
    course = offer["course"]
    assert client.get(course.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(course.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restriction_on_the_track_covers_its_courses(client, offer, django_capture_on_commit_callbacks):
    client.get(offer["course"].url)
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=offer["track"], restriction_type=PageViewRestriction.LOGIN)

    assert client.get(offer["course"].url).status_code == 302


def test_a_removed_restriction_opens_the_page_again(client, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=offer["course"], restriction_type="login")
    assert client.get(offer["course"].url).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()

    assert client.get(offer["course"].url).status_code == 200
