"""Staff enrolling someone by phone first find the person, so nobody is made twice."""

import pytest

from django.contrib.auth import get_user_model

from accounts.models import Profile
from enrolment import services
from enrolment.exceptions import PossibleDuplicate
from enrolment.models import Enrolment
from tests.enrolment.test_admin import INDEX, make_staff, messages_of

ADD = INDEX + "new/"


@pytest.fixture
def admin(db):
    return make_staff("beheer@example.org", superuser=True)


@pytest.fixture
def staff_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def maria(admin, offer):
    """Maria Janssens, enrolled by phone once before: no e-mail address."""
    other = services.create_person_without_account(
        first_name="Maria", last_name="Janssens", phone="0470 12.34.56", by=admin
    )
    return other


def test_search_finds_a_person_without_email_by_name_and_by_phone_digits(staff_client, maria, offer):
    edition = offer["edition"]
    by_name = staff_client.get(ADD, {"edition": edition.pk, "q": "maria jans"})
    by_phone = staff_client.get(ADD, {"edition": edition.pk, "q": "0470123456"})
    nobody = staff_client.get(ADD, {"edition": edition.pk, "q": "Pieters"})

    for response in (by_name, by_phone):
        assert response.status_code == 200
        html = response.content.decode()
        assert f'value="{maria.pk}"' in html
        assert 'type="radio"' in html
        assert "Maria Janssens – 0470 12.34.56" in html
    assert f'value="{maria.pk}"' not in nobody.content.decode()
    assert "Niemand gevonden voor ‘Pieters’" in nobody.content.decode()


def test_staff_choose_the_person_found_and_no_new_person_is_made(staff_client, maria, offer):
    edition = offer["edition"]
    people = get_user_model().objects.count()

    response = staff_client.post(ADD, {"edition": edition.pk, "q": "0470 12 34 56", "person": maria.pk}, follow=True)

    assert get_user_model().objects.count() == people
    assert Enrolment.objects.get(edition=edition).person == maria
    assert "Maria Janssens is ingeschreven" in messages_of(response)[0]


def test_a_new_person_with_the_name_of_someone_who_exists_is_refused_and_offered(staff_client, maria, offer):
    edition = offer["edition"]
    people = get_user_model().objects.count()

    response = staff_client.post(ADD, {"edition": edition.pk, "first_name": "maria", "last_name": "JANSSENS"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Er bestaat al iemand met deze naam of dit telefoonnummer" in html
    # The one who exists is offered to choose, in the same form.
    assert f'value="{maria.pk}"' in html
    assert get_user_model().objects.count() == people
    assert not Enrolment.objects.exists()


def test_a_new_person_with_a_known_phone_number_is_refused(admin, maria, offer):
    people = get_user_model().objects.count()

    with pytest.raises(PossibleDuplicate):
        services.enrol_person_without_account(
            offer["edition"], first_name="Marie", last_name="Jansen", phone="0470/12 34 56", by=admin
        )

    assert get_user_model().objects.count() == people


def test_staff_confirm_a_namesake_is_someone_else_and_a_new_person_is_made(staff_client, maria, offer):
    edition = offer["edition"]

    staff_client.post(
        ADD,
        {"edition": edition.pk, "first_name": "Maria", "last_name": "Janssens", "is_someone_else": "on"},
        follow=True,
    )

    enrolment = Enrolment.objects.get(edition=edition)
    assert enrolment.person != maria
    assert Profile.objects.filter(user__first_name="Maria", user__last_name="Janssens").count() == 2


def test_choosing_a_person_and_filling_in_a_new_one_is_refused(staff_client, maria, offer):
    response = staff_client.post(
        ADD, {"edition": offer["edition"].pk, "q": "maria", "person": maria.pk, "first_name": "Jan", "last_name": "X"}
    )

    assert "niet allebei" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_the_search_shows_no_one_to_people_without_the_add_permission(client, maria, offer):
    client.force_login(make_staff("kijker@example.org", "view_enrolment"))

    response = client.get(ADD, {"edition": offer["edition"].pk, "q": "maria"})

    assert response.status_code in (302, 403)
