"""The steering group triages course requests in the Wagtail admin."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

from curation import services
from curation.models import CourseRequest, CourseRequestEvent, CourseRequestSupport
from tests.curation.factories import make_request
from tests.factories import make_edition, make_partner, make_person, make_theme

Status = CourseRequest.Status
INDEX = "/admin/course_requests/"


def edit_url(course_request):
    return f"{INDEX}edit/{course_request.pk}/"


def triage_data(course_request, **changes):
    data = {
        "status": course_request.status,
        "status_note": "",
        "notes": course_request.notes,
        "answered_by_course": course_request.answered_by_course_id or "",
        "answered_by_edition": course_request.answered_by_edition_id or "",
    }
    return {**data, **changes}


@pytest.fixture
def steering_member(db):
    return get_user_model().objects.create_superuser(
        "stuurgroep@example.org", "stuurgroep@example.org", "wachtwoord-123", first_name="Sara"
    )


@pytest.fixture
def admin_client(client, steering_member):
    client.force_login(steering_member)
    return client


def test_listing_shows_requests_with_their_supporters(admin_client, db):
    course_request = make_request(subject="Budget lezen", organisation="Kwb Hasselt", province="limburg")
    for _ in range(2):
        CourseRequestSupport.objects.create(course_request=course_request, person=make_person())

    response = admin_client.get(INDEX)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Vormingsvragen" in page
    assert "Budget lezen" in page and "Kwb Hasselt" in page and "Limburg" in page and "Nieuw" in page
    row = next(item for item in response.context["object_list"] if item.pk == course_request.pk)
    assert row.support_count == 2


def test_listing_of_thirty_requests_needs_a_fixed_number_of_queries(admin_client, db, django_assert_max_num_queries):
    theme = make_theme("Armoede")
    people = [make_person() for _ in range(3)]
    for number in range(30):
        course_request = make_request(subject=f"Vraag {number}", theme=theme, is_public=True)
        for person in people[: number % 4]:
            CourseRequestSupport.objects.create(course_request=course_request, person=person)

    with CaptureQueriesContext(connection) as one_page:
        admin_client.get(INDEX, {"ordering": "-support_count"})
    with django_assert_max_num_queries(25):
        response = admin_client.get(INDEX)

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 30
    make_request(subject="Nog een vraag", theme=make_theme("Wonen"), partner_organisation=make_partner("Femma"))
    with django_assert_max_num_queries(len(one_page)):
        admin_client.get(INDEX, {"ordering": "-support_count"})


def test_inspect_and_history_show_the_request_to_the_steering_group(admin_client, db):
    course_request = make_request(contact_phone="0470 12 34 56")
    CourseRequestSupport.objects.create(course_request=course_request, person=make_person())
    services.change_request_status(course_request, status=Status.IN_REVIEW, by=None)

    inspect = admin_client.get(f"{INDEX}inspect/{course_request.pk}/")
    history = admin_client.get(f"{INDEX}history/{course_request.pk}/")

    assert inspect.status_code == 200
    page = inspect.content.decode()
    assert "ann@example.org" in page and "0470 12 34 56" in page and "Steunbetuigingen" in page
    assert history.status_code == 200
    assert "Status van de vormingsvraag gewijzigd" in history.content.decode()


def test_filters_narrow_the_listing(admin_client, db):
    theme = make_theme("Klimaat")
    make_request(subject="Klimaat in Brugge", province="west-vlaanderen", theme=theme, status=Status.ACCEPTED)
    make_request(subject="Armoede in Genk", province="limburg")

    by_status = admin_client.get(INDEX, {"status": Status.ACCEPTED}).content.decode()
    by_province = admin_client.get(INDEX, {"province": "limburg"}).content.decode()
    by_theme = admin_client.get(INDEX, {"theme": theme.pk}).content.decode()
    by_date = admin_client.get(INDEX, {"created_from": "2000-01-01", "created_to": "2000-12-31"}).content.decode()

    assert "Klimaat in Brugge" in by_status and "Armoede in Genk" not in by_status
    assert "Armoede in Genk" in by_province and "Klimaat in Brugge" not in by_province
    assert "Klimaat in Brugge" in by_theme and "Armoede in Genk" not in by_theme
    assert "Klimaat in Brugge" not in by_date and "Armoede in Genk" not in by_date


def test_changing_the_status_mails_the_requester_and_writes_the_history(
    admin_client, steering_member, db, django_capture_on_commit_callbacks
):
    course_request = make_request(notes="")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            edit_url(course_request),
            triage_data(
                course_request,
                status=Status.IN_REVIEW,
                status_note="We bellen je volgende week.",
                notes="Past bij het werkjaar 2027-2028.",
            ),
        )

    assert response.status_code == 302
    course_request.refresh_from_db()
    assert course_request.status == Status.IN_REVIEW
    assert course_request.notes == "Past bij het werkjaar 2027-2028."
    event = CourseRequestEvent.objects.get(course_request=course_request)
    assert (event.status, event.by, event.note) == (Status.IN_REVIEW, steering_member, "We bellen je volgende week.")
    entry = ModelLogEntry.objects.for_instance(course_request).get(action="academy.course_request.status")
    assert entry.user == steering_member
    assert entry.data["from"] == Status.NEW and entry.data["to"] == Status.IN_REVIEW
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.org"]
    assert message.subject == 'Je vormingsvraag "Hoe lees ik een gemeentebegroting?" is in behandeling'
    assert "De stuurgroep bekijkt je vraag nu." in message.body
    assert "We bellen je volgende week." in message.body
    # Internal notes never reach the requester.
    assert "werkjaar 2027-2028" not in message.body


def test_saving_without_a_status_change_sends_no_mail(admin_client, db, django_capture_on_commit_callbacks):
    course_request = make_request()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url(course_request), triage_data(course_request, notes="Opvolgen."))

    assert response.status_code == 302
    course_request.refresh_from_db()
    assert course_request.notes == "Opvolgen."
    assert not CourseRequestEvent.objects.exists()
    assert mail.outbox == []


def test_accepting_links_the_edition_and_its_course(admin_client, offer, django_capture_on_commit_callbacks):
    course_request = make_request()
    edition = offer["edition"]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            edit_url(course_request),
            triage_data(course_request, status=Status.SCHEDULED, answered_by_edition=edition.pk),
        )

    assert response.status_code == 302
    course_request.refresh_from_db()
    assert course_request.status == Status.SCHEDULED
    assert course_request.answered_by_edition == edition
    assert course_request.answered_by_course.pk == offer["course"].pk
    body = mail.outbox[0].body
    assert "er is een vorming ingepland" in body
    assert "Hoe werkt de gemeente?" in body
    assert offer["course"].full_url in body


def test_an_edition_of_another_course_is_refused(admin_client, offer):
    from tests.factories import make_course

    other_course = make_course(offer["track"], title="Een andere vorming")
    other_edition = make_edition(other_course)
    course_request = make_request()

    response = admin_client.post(
        edit_url(course_request),
        triage_data(
            course_request,
            status=Status.ACCEPTED,
            answered_by_course=offer["course"].pk,
            answered_by_edition=other_edition.pk,
        ),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["answered_by_edition"] == [
        "De gekozen editie hoort niet bij de gekozen vorming."
    ]
    course_request.refresh_from_db()
    assert course_request.status == Status.NEW
    assert course_request.answered_by_course is None


def test_a_message_without_a_status_change_is_refused(admin_client, db):
    course_request = make_request()

    response = admin_client.post(edit_url(course_request), triage_data(course_request, status_note="Hallo"))

    assert response.status_code == 200
    assert "status_note" in response.context["form"].errors
    assert mail.outbox == []


def test_there_is_no_create_view(admin_client, db):
    assert admin_client.get(f"{INDEX}new/").status_code == 404


def test_a_person_without_admin_access_cannot_reach_the_listing(client, db):
    make_request(subject="Geheim onderwerp")
    client.force_login(make_person())

    response = client.get(INDEX)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_curation_permissions_are_turned_away(client, db):
    make_request(subject="Geheim onderwerp")
    user = get_user_model().objects.create_user("staf@example.org", "staf@example.org", "x", is_staff=True)
    group = Group.objects.create(name="Alleen admin")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)

    response = client.get(INDEX)

    assert response.status_code == 302
    assert "Geheim onderwerp" not in client.get(response["Location"]).content.decode()


def test_the_steering_group_role_can_triage_with_model_permissions(client, db, django_capture_on_commit_callbacks):
    user = get_user_model().objects.create_user("lid@example.org", "lid@example.org", "x", is_staff=True)
    group = Group.objects.create(name="Stuurgroep vormingsvragen")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="curation", codename="change_courserequest")
    )
    user.groups.add(group)
    client.force_login(user)
    course_request = make_request()

    assert client.get(INDEX).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(course_request), triage_data(course_request, status=Status.REJECTED))

    assert response.status_code == 302
    course_request.refresh_from_db()
    assert course_request.status == Status.REJECTED
    assert "Jammer" in mail.outbox[0].body


def test_the_edit_form_shows_the_request_and_the_triage_fields(admin_client, db):
    course_request = make_request(description="Voor ons bestuur.", contact_phone="0470 12 34 56")

    response = admin_client.get(edit_url(course_request))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Voor ons bestuur." in page and "ann@example.org" in page and "0470 12 34 56" in page
    for name in ("status", "status_note", "notes", "answered_by_course", "answered_by_edition"):
        assert f'name="{name}"' in page
    assert 'name="subject"' not in page
