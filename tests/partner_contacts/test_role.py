"""The partner contact role: named by staff in the admin, two-factor login, the person's own
data (export and erasure)."""

import json

import pytest
from allauth.account.models import EmailAddress

from django.contrib.auth.models import Group

from accounts.models import Profile
from partner_contacts.models import PartnerContact
from roles.groups import PARTNER_CONTACTS, STAFF, STEERING_GROUP, TRAINERS
from tests.accounts.conftest import PASSWORD
from tests.partner_contacts.conftest import make_member


def staff_member(email="medewerker@example.org", group=STAFF):
    user = make_member(email)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_staff_name_a_contact_by_e_mail_address_in_the_admin(client, world):
    client.force_login(staff_member())
    listing = client.get("/admin/partnercontacten/")
    assert listing.status_code == 200
    assert "contact@acv.example.org" in listing.content.decode()
    found = client.get("/admin/partnercontacten/", {"q": "cm.example"}).content.decode()
    assert "contact@cm.example.org" in found and "contact@acv.example.org" not in found

    response = client.post(
        "/admin/partnercontacten/new/", {"email": "BERT@example.org", "organisation": world["cm"].pk}
    )

    assert response.status_code == 302
    bert = world["bert"]
    assert PartnerContact.objects.get(user=bert).organisation == world["cm"]
    assert bert.groups.filter(name=PARTNER_CONTACTS).exists()
    client.force_login(bert)
    assert client.get("/organisatie/cm/deelname/").status_code == 200


def test_an_unknown_address_or_a_second_organisation_is_refused(client, world):
    client.force_login(staff_member())

    unknown = client.post(
        "/admin/partnercontacten/new/", {"email": "niemand@example.org", "organisation": world["acv"].pk}
    )
    twice = client.post(
        "/admin/partnercontacten/new/", {"email": "contact@acv.example.org", "organisation": world["cm"].pk}
    )

    assert unknown.status_code == 200
    assert "Er is geen actief account met dit e-mailadres." in unknown.content.decode()
    assert twice.status_code == 200
    assert "Deze persoon is al contactpersoon van ACV." in twice.content.decode()
    assert PartnerContact.objects.count() == 2
    assert PartnerContact.objects.get(user=world["contact"]).organisation == world["acv"]


def test_moving_and_removing_a_contact_in_the_admin(client, world):
    contact = PartnerContact.objects.get(user=world["contact"])
    client.force_login(staff_member())

    moved = client.post(f"/admin/partnercontacten/edit/{contact.pk}/", {"organisation": world["cm"].pk})
    assert moved.status_code == 302
    assert PartnerContact.objects.get(pk=contact.pk).organisation == world["cm"]

    removed = client.post(f"/admin/partnercontacten/delete/{contact.pk}/")
    assert removed.status_code == 302
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()
    assert not world["contact"].groups.filter(name=PARTNER_CONTACTS).exists()
    client.force_login(world["contact"])
    assert client.get("/organisatie/acv/deelname/").status_code == 403


@pytest.mark.parametrize("group", [STEERING_GROUP, TRAINERS, PARTNER_CONTACTS])
def test_only_staff_name_contacts(client, world, group):
    client.force_login(staff_member("ander@example.org", group))

    response = client.post(
        "/admin/partnercontacten/new/", {"email": "bert@example.org", "organisation": world["acv"].pk}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(("/admin/", "/admin/login/"))
    assert not PartnerContact.objects.filter(user=world["bert"]).exists()


def test_a_contact_gets_no_admin(client, world):
    client.force_login(world["contact"])

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_contact_must_set_up_an_authenticator_app_when_required(client, world, settings):
    settings.REQUIRE_2FA_FOR_STAFF = True
    contact = world["contact"]
    contact.set_password(PASSWORD)
    contact.save()
    EmailAddress.objects.create(user=contact, email=contact.email, primary=True, verified=True)
    client.post("/account/login/", {"login": contact.email, "password": PASSWORD})

    response = client.get("/organisatie/acv/deelname/")

    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/totp/activate/"
    # The member who only consented is not asked.
    assert client.get("/mijn/").status_code == 200


def test_personal_data_export_holds_the_consent_and_the_contact_role(client, world):
    client.force_login(world["ann"])
    ann = json.loads(client.get("/account/gegevens.json").content)
    assert ann["profiel"]["organisatie_mag_deelname_zien"] is True
    assert ann["profiel"]["organisatie_mag_deelname_zien_sinds"].startswith(
        world["ann"].profile.shares_participation_since.isoformat()[:10]
    )
    assert ann["contactpersoon_van"] is None

    client.force_login(world["contact"])
    contact = json.loads(client.get("/account/gegevens.json").content)
    assert contact["contactpersoon_van"] == "ACV"


def test_erasure_removes_consent_membership_and_contact_role(client, world):
    client.force_login(world["ann"])
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 302
    profile = Profile.objects.get(user=world["ann"])
    assert (profile.shares_participation, profile.shares_participation_since) == (False, None)

    client.force_login(world["contact"])
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 302
    assert not PartnerContact.objects.filter(user=world["contact"]).exists()
    assert not world["contact"].groups.exists()

    client.force_login(world["other_contact"])
    html = client.get("/organisatie/cm/deelname/").content.decode()
    assert "Dirk Claes" in html and "Ann" not in html
