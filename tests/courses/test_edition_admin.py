"""Staff manage editions and their sessions in the Wagtail admin."""

from datetime import timedelta

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from courses.models import Edition


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    client.force_login(user)
    return client


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def edition_form_data(edition, sessions):
    data = {
        "course": edition.course_id,
        "label": "Hasselt, voorjaar",
        "programme_year": "",
        # A new edition starts as a draft; approval is a step of its own.
        "status": Edition.Status.DRAFT,
        "capacity": 25,
        "enrolment_opens_at": local(edition.enrolment_opens_at),
        "enrolment_closes_at": local(edition.enrolment_closes_at),
        "cancellation_deadline": "",
        "scope": "regionaal",
        "province": "limburg",
        "region": "",
        "price": "0",
        "sessions-TOTAL_FORMS": str(len(sessions)),
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "1",
        "sessions-MAX_NUM_FORMS": "1000",
    }
    for index, (starts_at, venue) in enumerate(sessions):
        data.update(
            {
                f"sessions-{index}-title": "",
                f"sessions-{index}-starts_at": local(starts_at),
                f"sessions-{index}-ends_at": local(starts_at + timedelta(hours=3)),
                f"sessions-{index}-venue": venue.pk,
                f"sessions-{index}-online_url": "",
                f"sessions-{index}-id": "",
                f"sessions-{index}-ORDER": str(index),
                f"sessions-{index}-DELETE": "",
            }
        )
    return data


def test_staff_create_an_edition_with_sessions_and_its_schedule_follows(staff_client, offer):
    template = offer["edition"]
    venue = template.sessions.first().venue
    first = timezone.now().replace(second=0, microsecond=0) + timedelta(days=60)
    second = first + timedelta(days=7)

    response = staff_client.post("/admin/editions/new/", edition_form_data(template, [(second, venue), (first, venue)]))

    assert response.status_code == 302, response.content.decode()[:2000]
    edition = Edition.objects.exclude(pk=template.pk).get()
    assert edition.sessions.count() == 2
    assert edition.starts_at == first
    assert edition.ends_at == second + timedelta(hours=3)


def test_invalid_edition_is_refused_with_a_message_and_nothing_saved(staff_client, offer):
    template = offer["edition"]
    venue = template.sessions.first().venue
    data = edition_form_data(template, [(timezone.now() + timedelta(days=3), venue)])
    data["capacity"] = "0"
    data["enrolment_closes_at"] = data["enrolment_opens_at"]

    response = staff_client.post("/admin/editions/new/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Een editie heeft minstens één plaats." in html
    assert "Het inschrijven moet sluiten na het openen." in html
    assert Edition.objects.count() == 1


def test_edition_listing_filters_by_province(staff_client, offer):
    response = staff_client.get("/admin/editions/?province=limburg")

    assert response.status_code == 200
    assert "Hoe werkt de gemeente?" in response.content.decode()
    assert "Hoe werkt de gemeente?" not in staff_client.get("/admin/editions/?province=brussel").content.decode()


def edit_data(edition, capacity):
    session = edition.sessions.get()
    data = edition_form_data(edition, [])
    data.update(
        {
            "label": edition.label,
            "status": edition.status,
            "capacity": str(capacity),
            "province": edition.province,
            "scope": edition.scope,
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-title": "",
            "sessions-0-starts_at": local(session.starts_at),
            "sessions-0-ends_at": local(session.ends_at),
            "sessions-0-venue": str(session.venue_id),
            "sessions-0-online_url": "",
            "sessions-0-ORDER": "0",
            "sessions-0-DELETE": "",
        }
    )
    return data


def test_raising_the_capacity_in_the_admin_promotes_the_waitlist(
    staff_client, offer, django_capture_on_commit_callbacks
):
    from enrolment import services
    from enrolment.models import Enrolment
    from tests.factories import make_edition, make_person

    edition = make_edition(offer["course"], capacity=1, province="brussel")
    first, second = (services.enrol(edition, person=make_person()).enrolment for _ in range(2))
    assert Enrolment.objects.get(pk=second.pk).status == Enrolment.Status.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/editions/edit/{edition.pk}/", edit_data(edition, 2))

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Enrolment.objects.get(pk=second.pk).status == Enrolment.Status.CONFIRMED


def test_capacity_below_the_confirmed_enrolments_is_refused_in_the_admin(staff_client, offer):
    from enrolment import services
    from tests.factories import make_edition, make_person

    edition = make_edition(offer["course"], capacity=2, province="brussel")
    for _ in range(2):
        services.enrol(edition, person=make_person())

    response = staff_client.post(f"/admin/editions/edit/{edition.pk}/", edit_data(edition, 1))

    assert response.status_code == 200
    assert "niet lager zijn dan het aantal bevestigde inschrijvingen" in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).capacity == 2
