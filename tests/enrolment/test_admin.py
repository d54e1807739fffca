"""Staff work with enrolments in the Wagtail admin: listing, export, waitlist and actions."""

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from wagtail import hooks
from wagtail.models import ModelLogEntry

from accounts.models import Profile
from courses.models import Edition
from enrolment import services
from enrolment.exceptions import CancellationClosed, EnrolmentError
from enrolment.models import Enrolment
from tests.factories import make_course, make_edition, make_person

Status = Enrolment.Status
INDEX = "/admin/enrolments/"


def make_staff(email, *codenames, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(email, email, "wachtwoord-123", first_name="Sara", last_name="Staf")
    user = User.objects.create_user(email, email, "wachtwoord-123", is_staff=True, first_name="Bart", last_name="Staf")
    group = Group.objects.create(name=f"Groep {email}")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(content_type__app_label="enrolment", codename=codename))
    user.groups.add(group)
    return user


@pytest.fixture
def admin(db):
    return make_staff("beheer@example.org", superuser=True)


@pytest.fixture
def superuser_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def editions(offer):
    """Two editions of the same course, in Limburg and in Antwerpen, the first with two seats."""
    first = offer["edition"]
    Edition.objects.filter(pk=first.pk).update(capacity=2, label="Hasselt")
    first.refresh_from_db()
    second = make_edition(offer["course"], province="antwerpen", label="Antwerpen", starts_in_days=60)
    return first, second


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# Listing, filters, waitlist


def test_listing_shows_enrolments_and_filters_narrow_them(superuser_client, editions):
    hasselt, antwerpen = editions
    in_hasselt = services.enrol(hasselt, person=make_person("an@example.org")).enrolment
    services.enrol(antwerpen, person=make_person("bo@example.org"))
    services.cancel_enrolment(in_hasselt, by=in_hasselt.person)

    response = superuser_client.get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "an@example.org" in page and "bo@example.org" in page

    by_edition = superuser_client.get(INDEX, {"edition": antwerpen.pk}).content.decode()
    assert "bo@example.org" in by_edition and "an@example.org" not in by_edition

    by_province = superuser_client.get(INDEX, {"province": "limburg"}).content.decode()
    assert "an@example.org" in by_province and "bo@example.org" not in by_province

    by_status = superuser_client.get(INDEX, {"status": Status.CANCELLED}).content.decode()
    assert "an@example.org" in by_status and "bo@example.org" not in by_status

    by_course = superuser_client.get(INDEX, {"course": "gemeente"}).content.decode()
    assert "an@example.org" in by_course and "bo@example.org" in by_course
    assert "an@example.org" not in superuser_client.get(INDEX, {"course": "klimaat"}).content.decode()

    Enrolment.objects.filter(pk=in_hasselt.pk).update(created_at=in_hasselt.created_at.replace(year=2020))
    by_date = superuser_client.get(INDEX, {"enrolled_on_from": "2020-01-01", "enrolled_on_to": "2020-12-31"})
    assert "an@example.org" in by_date.content.decode()
    assert "bo@example.org" not in by_date.content.decode()


def test_waitlist_of_an_edition_is_shown_in_order_with_positions(superuser_client, editions):
    hasselt, _ = editions
    for _index in range(2):
        services.enrol(hasselt, person=make_person())
    first = services.enrol(hasselt, person=make_person("eerste@example.org")).enrolment
    second = services.enrol(hasselt, person=make_person("tweede@example.org")).enrolment
    assert first.status == second.status == Status.WAITLISTED

    listing = superuser_client.get(INDEX, {"edition": hasselt.pk}).content.decode()
    waitlist_link = f"?edition={hasselt.pk}&amp;status=wachtlijst&amp;ordering=waitlist_position"
    assert waitlist_link in listing

    response = superuser_client.get(
        INDEX, {"edition": hasselt.pk, "status": Status.WAITLISTED, "ordering": "waitlist_position"}
    )
    page = response.content.decode()
    assert [enrolment.pk for enrolment in response.context["object_list"]] == [first.pk, second.pk]
    assert page.index("eerste@example.org") < page.index("tweede@example.org")
    assert "plaats 1" in page and "plaats 2" in page


def test_listing_query_count_does_not_grow_with_rows(superuser_client, editions, django_assert_max_num_queries):
    hasselt, antwerpen = editions
    staff = make_staff("helper@example.org", "add_enrolment")
    for _index in range(20):
        services.enrol(hasselt, person=make_person(), by=staff)
    for _index in range(15):
        services.enrol(antwerpen, person=make_person())

    with django_assert_max_num_queries(20):
        response = superuser_client.get(INDEX, {"per_page": 50})

    assert response.status_code == 200
    assert len(response.context["object_list"]) == 35
    assert "plaats 18" in response.content.decode()


# Export


def test_csv_export_has_dutch_headings_and_the_filtered_rows(superuser_client, editions):
    hasselt, antwerpen = editions
    person = make_person("an@example.org")
    person.first_name, person.last_name = "An", "Peeters"
    person.save()
    services.enrol(hasselt, person=person)
    services.enrol(antwerpen, person=make_person("bo@example.org"))

    response = superuser_client.get(INDEX, {"edition": hasselt.pk, "export": "csv"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="inschrijvingen.csv"'
    rows = list(csv.reader(io.StringIO(content(response).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:9] == [
        "Naam",
        "E-mailadres",
        "Editie",
        "Provincie",
        "Status",
        "Plaats op de wachtlijst",
        "Ingeschreven op",
        "Ingeschreven door",
        "Via partner",
    ]
    assert len(rows) == 2
    assert rows[1][:5] == ["An Peeters", "an@example.org", "Hoe werkt de gemeente? (Hasselt)", "Limburg", "Bevestigd"]


def test_xlsx_export_opens_with_the_rows(superuser_client, editions):
    hasselt, _ = editions
    staff = make_staff("helper@example.org", "add_enrolment")
    for _index in range(3):
        services.enrol(hasselt, person=make_person(), by=staff)

    response = superuser_client.get(INDEX, {"status": Status.WAITLISTED, "export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(content(response))).active
    assert sheet["A1"].value == "Naam"
    assert sheet["E1"].value == "Status"
    assert sheet["E2"].value == "Op de wachtlijst"
    assert sheet["F2"].value == 1
    assert sheet["H2"].value == "Bart Staf"
    assert sheet.max_row == 2


# Iemand inschrijven


def test_staff_enrol_a_person_without_email_address(superuser_client, admin, editions):
    hasselt, _ = editions

    response = superuser_client.post(
        INDEX + "new/",
        {"edition": hasselt.pk, "first_name": "Maria", "last_name": "Janssens", "phone": "011 22 33 44"},
        follow=True,
    )

    assert response.status_code == 200
    person = get_user_model().objects.get(first_name="Maria", last_name="Janssens")
    assert person.email == ""
    assert not person.has_usable_password()
    assert Profile.objects.get(user=person).phone == "011 22 33 44"
    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.edition == hasselt
    assert enrolment.status == Status.CONFIRMED
    assert enrolment.enrolled_by == admin
    assert "Maria Janssens is ingeschreven" in messages_of(response)[0]
    entry = ModelLogEntry.objects.get(action="academy.enrolment.enrol", object_id=str(enrolment.pk))
    assert entry.user == admin
    assert ModelLogEntry.objects.get(action="academy.person.create_without_account").user == admin


def test_people_without_email_get_distinct_usernames(admin, editions):
    hasselt, _ = editions

    first = services.enrol_person_without_account(hasselt, first_name="Jan", last_name="Peeters", by=admin)
    second = services.enrol_person_without_account(
        hasselt, first_name="Jan", last_name="Peeters", by=admin, is_someone_else=True
    )

    assert first.enrolment.person.username != second.enrolment.person.username


def test_staff_enrol_an_existing_person_in_a_full_edition_onto_the_waitlist(superuser_client, editions):
    hasselt, _ = editions
    for _index in range(2):
        services.enrol(hasselt, person=make_person())
    person = make_person("wacht@example.org")

    response = superuser_client.post(
        INDEX + "new/", {"edition": hasselt.pk, "q": "WACHT@example", "person": person.pk}, follow=True
    )

    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.status == Status.WAITLISTED
    assert "volzet" in messages_of(response)[0]
    assert "plaats 1" in messages_of(response)[0]


def test_enrol_form_refuses_bad_input_in_dutch_and_creates_nobody(superuser_client, editions):
    hasselt, _ = editions
    people = get_user_model().objects.count()

    someone = make_person("iemand@example.org")
    nothing = superuser_client.post(INDEX + "new/", {"edition": hasselt.pk})
    # A person who was not among the people found for the search cannot be chosen.
    unknown = superuser_client.post(INDEX + "new/", {"edition": hasselt.pk, "q": "niemand", "person": someone.pk})
    half = superuser_client.post(INDEX + "new/", {"edition": hasselt.pk, "first_name": "Maria"})
    no_edition = superuser_client.post(INDEX + "new/", {"first_name": "Maria", "last_name": "Janssens"})

    assert nothing.status_code == unknown.status_code == half.status_code == no_edition.status_code == 200
    assert "naam van een nieuwe persoon" in nothing.content.decode()
    assert "Kies een persoon uit de lijst van gevonden personen." in unknown.content.decode()
    assert "Vul de familienaam in." in half.content.decode()
    assert "Kies eerst een editie" in no_edition.content.decode()
    assert get_user_model().objects.count() == people + 1
    assert not Enrolment.objects.exists()


def test_enrolling_someone_twice_gives_a_message_and_changes_nothing(superuser_client, editions):
    hasselt, _ = editions
    person = make_person("twee@example.org")
    services.enrol(hasselt, person=person)

    response = superuser_client.post(INDEX + "new/", {"edition": hasselt.pk, "q": "twee", "person": person.pk})

    assert response.status_code == 200
    assert "al ingeschreven" in messages_of(response)[0]
    assert Enrolment.objects.filter(person=person).count() == 1


# Annuleren


def test_staff_cancel_with_a_reason(superuser_client, admin, editions):
    hasselt, _ = editions
    enrolment = services.enrol(hasselt, person=make_person()).enrolment

    response = superuser_client.post(f"{INDEX}cancel/{enrolment.pk}/", {"reason": "Ziek gemeld"}, follow=True)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    assert enrolment.cancelled_by == admin
    assert enrolment.cancellation_reason == "Ziek gemeld"
    assert "geannuleerd" in messages_of(response)[0]
    entry = ModelLogEntry.objects.get(action="academy.enrolment.cancel", object_id=str(enrolment.pk))
    assert entry.user == admin
    history = superuser_client.get(f"{INDEX}history/{enrolment.pk}/").content.decode()
    assert "Inschrijving geannuleerd" in history
    assert "Sara Staf" in history


def test_staff_cancel_without_a_reason_is_refused_and_changes_nothing(superuser_client, editions):
    hasselt, _ = editions
    enrolment = services.enrol(hasselt, person=make_person()).enrolment

    response = superuser_client.post(f"{INDEX}cancel/{enrolment.pk}/", {"reason": "   "})

    assert response.status_code == 200
    assert "Geef een reden op voor de annulering." in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert not ModelLogEntry.objects.filter(action="academy.enrolment.cancel").exists()


# Verplaatsen


def test_staff_move_an_enrolment_to_another_edition_of_the_course(superuser_client, admin, editions):
    hasselt, antwerpen = editions
    enrolment = services.enrol(hasselt, person=make_person()).enrolment

    response = superuser_client.post(
        f"{INDEX}move/{enrolment.pk}/", {"to_edition": antwerpen.pk, "reason": "Woont dichterbij"}, follow=True
    )

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CANCELLED
    assert enrolment.cancelled_by == admin
    assert enrolment.cancellation_reason.startswith("Verplaatst naar Hoe werkt de gemeente? (Antwerpen)")
    assert enrolment.cancellation_reason.endswith("Woont dichterbij")
    moved = Enrolment.objects.get(person=enrolment.person, edition=antwerpen)
    assert moved.status == Status.CONFIRMED
    assert moved.enrolled_by == admin
    assert "verplaatst naar" in messages_of(response)[0]
    assert ModelLogEntry.objects.get(action="academy.enrolment.move", object_id=str(enrolment.pk)).user == admin


def test_moving_into_an_edition_the_person_is_already_in_changes_nothing(superuser_client, editions):
    hasselt, antwerpen = editions
    person = make_person()
    enrolment = services.enrol(hasselt, person=person).enrolment
    services.enrol(antwerpen, person=person)

    response = superuser_client.post(f"{INDEX}move/{enrolment.pk}/", {"to_edition": antwerpen.pk, "reason": ""})

    assert response.status_code == 200
    assert "al ingeschreven voor die editie" in messages_of(response)[0]
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert Enrolment.objects.filter(person=person).active().count() == 2


def test_move_offers_only_other_editions_of_the_same_course(superuser_client, editions, offer):
    hasselt, antwerpen = editions
    make_edition(make_course(offer["basic"]))
    enrolment = services.enrol(hasselt, person=make_person()).enrolment

    response = superuser_client.get(f"{INDEX}move/{enrolment.pk}/")

    choices = list(response.context["form"].fields["to_edition"].queryset)
    assert choices == [antwerpen]


# Permissions


def test_enrolment_permissions_are_offered_to_groups_except_delete(db):
    codenames = {permission.codename for hook in hooks.get_hooks("register_permissions") for permission in hook()} & {
        "view_enrolment",
        "add_enrolment",
        "change_enrolment",
        "delete_enrolment",
    }

    assert codenames == {"view_enrolment", "add_enrolment", "change_enrolment"}


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", ""),
        ("get", "?export=csv"),
        ("get", "new/"),
        ("post", "cancel/{pk}/"),
        ("post", "move/{pk}/"),
        ("get", "history/{pk}/"),
    ],
)
def test_people_without_enrolment_permissions_get_no_access(client, editions, method, path):
    hasselt, antwerpen = editions
    enrolment = services.enrol(hasselt, person=make_person()).enrolment
    url = INDEX + path.format(pk=enrolment.pk)
    data = {"reason": "Weg", "to_edition": antwerpen.pk} if method == "post" else {}
    participant = make_person()
    staff = make_staff("zonder@example.org")

    for user in (participant, staff):
        client.force_login(user)
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403)
        assert not response.get("Location", "").startswith(INDEX)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert Enrolment.objects.count() == 1


def test_staff_with_view_permission_see_the_listing_but_cannot_cancel(client, editions):
    hasselt, _ = editions
    enrolment = services.enrol(hasselt, person=make_person("an@example.org")).enrolment
    client.force_login(make_staff("lezer@example.org", "view_enrolment"))

    assert "an@example.org" in client.get(INDEX).content.decode()
    assert client.get(f"{INDEX}inspect/{enrolment.pk}/").status_code == 200
    assert "Ingeschreven" in client.get(f"{INDEX}history/{enrolment.pk}/").content.decode()
    assert f"{INDEX}cancel/{enrolment.pk}/" not in client.get(INDEX).content.decode()
    response = client.post(f"{INDEX}cancel/{enrolment.pk}/", {"reason": "Weg"})

    assert response.status_code in (302, 403)
    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED


def test_staff_with_add_and_change_permissions_enrol_and_cancel(client, editions):
    hasselt, _ = editions
    staff = make_staff("medewerker@example.org", "view_enrolment", "add_enrolment", "change_enrolment")
    client.force_login(staff)

    client.post(INDEX + "new/", {"edition": hasselt.pk, "first_name": "Jef", "last_name": "Claes"})
    enrolment = Enrolment.objects.get(person__first_name="Jef")
    client.post(f"{INDEX}cancel/{enrolment.pk}/", {"reason": "Afgezegd aan de telefoon"})

    enrolment.refresh_from_db()
    assert enrolment.enrolled_by == staff
    assert enrolment.status == Status.CANCELLED
    assert enrolment.cancelled_by == staff


def test_menu_item_is_in_dutch(superuser_client, editions):
    assert "Inschrijvingen" in superuser_client.get("/admin/").content.decode()


def test_moving_a_confirmed_enrolment_promotes_the_old_editions_waitlist(
    admin, editions, django_capture_on_commit_callbacks
):
    hasselt, antwerpen = editions
    leaving = services.enrol(hasselt, person=make_person()).enrolment
    services.enrol(hasselt, person=make_person())
    waiting = services.enrol(hasselt, person=make_person()).enrolment

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.move_enrolment(leaving, to_edition=antwerpen, by=admin)

    waiting.refresh_from_db()
    assert outcome.enrolment.status == Status.CONFIRMED
    assert waiting.status == Status.CONFIRMED


def test_moving_to_another_course_is_refused_and_changes_nothing(admin, editions, offer):
    hasselt, _ = editions
    elsewhere = make_edition(make_course(offer["basic"]))
    enrolment = services.enrol(hasselt, person=make_person()).enrolment

    with pytest.raises(EnrolmentError):
        services.move_enrolment(enrolment, to_edition=elsewhere, by=admin)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert not Enrolment.objects.filter(edition=elsewhere).exists()


# Compound changes: one transaction each, nothing left behind by a refusal


def test_staff_enrolling_someone_without_an_account_who_misses_a_prerequisite_leaves_nobody_behind(
    superuser_client, offer
):
    advanced = make_edition(make_course(offer["advanced"]))
    people, profiles = get_user_model().objects.count(), Profile.objects.count()

    response = superuser_client.post(
        INDEX + "new/",
        {"edition": advanced.pk, "first_name": "Maria", "last_name": "Janssens", "phone": "011 22 33 44"},
        follow=True,
    )

    assert response.status_code == 200
    assert "eerst" in messages_of(response)[0]
    assert get_user_model().objects.count() == people
    assert Profile.objects.count() == profiles
    assert not Enrolment.objects.filter(edition=advanced).exists()
    assert not ModelLogEntry.objects.filter(action="academy.person.create_without_account").exists()


def test_a_move_refused_after_the_new_seat_was_taken_changes_nothing(editions, django_capture_on_commit_callbacks):
    hasselt, antwerpen = editions
    person = make_person()
    enrolment = services.enrol(hasselt, person=person).enrolment
    Edition.objects.filter(pk=hasselt.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
    entries = ModelLogEntry.objects.count()

    # The participant's own move takes the seat in Antwerpen, then may no longer cancel Hasselt.
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(CancellationClosed):
        services.move_enrolment(enrolment, to_edition=antwerpen, by=person)

    enrolment.refresh_from_db()
    assert enrolment.status == Status.CONFIRMED
    assert not Enrolment.objects.filter(edition=antwerpen).exists()
    assert ModelLogEntry.objects.count() == entries
    assert callbacks == []


def test_staff_move_into_a_full_edition_frees_the_old_seat_for_its_waitlist_at_once(superuser_client, admin, editions):
    hasselt, antwerpen = editions
    Edition.objects.filter(pk=antwerpen.pk).update(capacity=1)
    services.enrol(antwerpen, person=make_person())
    moving = services.enrol(hasselt, person=make_person()).enrolment
    services.enrol(hasselt, person=make_person())
    waiting = services.enrol(hasselt, person=make_person()).enrolment

    response = superuser_client.post(f"{INDEX}move/{moving.pk}/", {"to_edition": antwerpen.pk}, follow=True)

    assert "wachtlijst" in messages_of(response)[0]
    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert moving.status == Status.CANCELLED
    assert Enrolment.objects.get(edition=antwerpen, person=moving.person).status == Status.WAITLISTED
    assert waiting.status == Status.CONFIRMED
