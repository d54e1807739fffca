import pytest

from django.db.models import ProtectedError
from django.utils import timezone

from courses.models import CoursePage, Edition
from enrolment.models import Enrolment
from tests.factories import make_person


def test_deleting_a_course_with_editions_is_refused(offer):
    course = CoursePage.objects.get(pk=offer["course"].pk)
    Enrolment.objects.create(person=make_person(), edition=offer["edition"], status=Enrolment.Status.CONFIRMED)

    with pytest.raises(ProtectedError):
        course.delete()

    assert Edition.objects.filter(pk=offer["edition"].pk).exists()
    assert Enrolment.objects.filter(edition=offer["edition"]).count() == 1


def test_unpublishing_and_reverting_a_course_keep_its_editions(offer):
    course = CoursePage.objects.get(pk=offer["course"].pk)
    first = course.save_revision()
    first.publish()
    Enrolment.objects.create(person=make_person(), edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
    course.title = "Nieuwe titel"
    course.save_revision().publish()

    first.publish()  # revert to the first revision
    course.refresh_from_db()
    course.unpublish()

    edition = Edition.objects.get(pk=offer["edition"].pk)
    assert edition.course_id == course.pk
    assert edition.capacity == offer["edition"].capacity
    assert edition.sessions.count() == 3
    assert edition.enrolments.count() == 1


def test_admin_delete_of_a_course_with_editions_changes_nothing(client, offer):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(admin)
    course = offer["course"]

    response = client.post(f"/admin/pages/{course.pk}/delete/", follow=True)

    assert "heeft edities en kan niet verwijderd worden" in response.content.decode()
    assert CoursePage.objects.filter(pk=course.pk).exists()
    assert Edition.objects.filter(pk=offer["edition"].pk).exists()


def test_edition_schedule_follows_its_sessions(offer):
    edition = offer["edition"]
    sessions = list(edition.sessions.order_by("starts_at"))

    assert edition.starts_at == sessions[0].starts_at
    assert edition.ends_at == sessions[-1].ends_at


def test_one_active_enrolment_per_person_per_edition_is_enforced_by_the_database(offer):
    from django.db import IntegrityError, transaction

    person = make_person()
    Enrolment.objects.create(person=person, edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(person=person, edition=offer["edition"], status=Enrolment.Status.WAITLISTED)
    Enrolment.objects.filter(person=person).update(status=Enrolment.Status.CANCELLED, cancelled_at=timezone.now())
    Enrolment.objects.create(person=person, edition=offer["edition"], status=Enrolment.Status.CONFIRMED)
