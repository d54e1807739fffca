import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from courses.models import Trainer
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.accounts.conftest import PASSWORD, log_in, make_participant


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_staff(email="staf@example.org"):
    user = make_participant(email, is_staff=True)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


def test_login_asks_for_the_code_of_the_authenticator_app(client, site):
    staff = make_staff()
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)

    response = log_in(client, "staf@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    response = client.post("/account/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_wagtail_admin_login_cannot_skip_the_authenticator_app(client, site):
    staff = make_staff()
    TOTP.activate(staff, generate_totp_secret())

    client.post("/admin/login/", {"username": "staf@example.org", "password": PASSWORD})
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert "_auth_user_id" not in client.session


def test_staff_must_set_up_an_authenticator_app_when_required(client, site, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    make_staff()
    log_in(client, "staf@example.org")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"
    # allauth asks for the password once more before it shows the secret.
    reauthenticate_url = client.get(response["Location"])["Location"]
    assert reauthenticate_url.startswith("/account/reauthenticate/")
    activate_page = client.post(reauthenticate_url, {"password": PASSWORD}, follow=True)
    assert activate_page.redirect_chain[-1][0] == "/account/2fa/totp/activate/"
    html = activate_page.content.decode()
    assert "Stel eerst twee-factor-authenticatie in." in html
    assert "Activeer authenticator-app" in html


def test_participants_are_not_asked_for_two_factor(client, site, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    make_participant()
    log_in(client, "an@example.org")

    response = client.get("/account/profiel/")

    assert response.status_code == 200
    assert not get_user_model().objects.get(email="an@example.org").authenticator_set.exists()


def make_member(email, group_name):
    user = make_participant(email)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def role_groups(site, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    ensure_role_permissions()


@pytest.mark.parametrize("group_name", [STEERING_GROUP, STAFF])
def test_steering_and_staff_members_must_set_up_an_authenticator_app(client, role_groups, group_name):
    make_member("lid@example.org", group_name)
    log_in(client, "lid@example.org")

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"


def test_steering_members_reach_no_participant_list_without_an_authenticator_app(client, role_groups, offer):
    make_member("lid@example.org", STEERING_GROUP)
    log_in(client, "lid@example.org")

    response = client.get(f"/lesgever/edities/{offer['edition'].pk}/deelnemers/")

    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"


def test_trainers_are_not_asked_for_an_authenticator_app(client, role_groups, offer):
    trainer = make_member("lesgever@example.org", TRAINERS)
    offer["edition"].trainers.set([Trainer.objects.create(name="Lesgever", user=trainer)])
    log_in(client, "lesgever@example.org")

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/lesgever/edities/{offer['edition'].pk}/deelnemers/").status_code == 200


def test_superusers_must_set_up_an_authenticator_app(client, role_groups):
    make_participant("super@example.org", is_superuser=True)
    log_in(client, "super@example.org")

    response = client.get("/admin/")

    assert response["Location"] == "/account/2fa/totp/activate/"


def test_the_is_staff_flag_alone_opens_neither_the_admin_nor_participant_data(client, role_groups, offer):
    person = make_participant("vlag@example.org", is_staff=True)
    Enrolment.objects.create(person=make_participant("griet@example.org"), edition=offer["edition"], status="bevestigd")
    log_in(client, "vlag@example.org")

    admin = client.get("/admin/")
    participants = client.get(f"/lesgever/edities/{offer['edition'].pk}/deelnemers/")

    # Not sent to set up an authenticator app either: the flag is no role.
    assert admin.status_code == 302
    assert admin["Location"].startswith("/admin/login/")
    assert participants.status_code == 404
    assert not person.authenticator_set.exists()
