import pytest

from django.test import Client

from accounts import services
from accounts.models import Profile
from courses.choices import AudienceCode
from courses.models import Audience
from tests import factories
from tests.accounts.conftest import make_participant

PROFILE = {
    "first_name": "An",
    "last_name": "Peeters",
    "phone": "0470 12 34 56",
    "municipality": "Genk",
    "accessibility_needs": "Een ringleiding, graag.",
    "dietary_needs": "Vegetarisch",
    "consent_given": "on",
}


def test_anonymous_visitor_is_sent_to_login(client, site):
    response = client.get("/account/profiel/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/profiel/"


def test_profile_is_created_lazily_for_an_existing_account(client, participant):
    client.force_login(participant)

    response = client.get("/account/profiel/")

    assert response.status_code == 200
    assert "Mijn profiel" in response.content.decode()
    profile = Profile.objects.get(user=participant)
    assert not profile.consent_given


def test_get_or_create_profile_returns_the_existing_profile(participant):
    profile = services.create_profile(participant, consent_given=True)

    assert services.get_or_create_profile(participant) == profile
    assert Profile.objects.count() == 1


def test_person_saves_their_own_profile(client, participant):
    volunteer = Audience.objects.get(code=AudienceCode.VOLUNTEER)
    official = Audience.objects.get(code=AudienceCode.OFFICIAL)
    acv = factories.make_partner("ACV")
    client.force_login(participant)

    response = client.post(
        "/account/profiel/",
        {**PROFILE, "roles": [volunteer.pk, official.pk], "partner_organisations": [acv.pk]},
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/profiel/"
    profile = Profile.objects.get(user=participant)
    assert (profile.phone, profile.municipality) == ("0470 12 34 56", "Genk")
    assert profile.accessibility_needs == "Een ringleiding, graag."
    assert set(profile.roles.all()) == {volunteer, official}
    assert list(profile.partner_organisations.all()) == [acv]
    assert profile.consent_given and profile.consent_given_at is not None
    participant.refresh_from_db()
    assert participant.last_name == "Peeters"
    assert "Je profiel is bewaard." in client.get("/account/profiel/").content.decode()


def test_profile_validation_errors_are_dutch_and_change_nothing(client, participant):
    client.force_login(participant)

    response = client.post("/account/profiel/", {**PROFILE, "first_name": "", "consent_given": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit is een verplicht veld." in html
    assert "Zonder jouw toestemming om je gegevens te verwerken" in html
    assert Profile.objects.get(user=participant).municipality == ""


def test_person_cannot_edit_someone_elses_profile(client, participant):
    other = make_participant("bert@example.org")
    other_profile = services.create_profile(other, consent_given=True)
    client.force_login(participant)

    client.post("/account/profiel/", {**PROFILE, "user": other.pk, "profile": other_profile.pk})

    other_profile.refresh_from_db()
    assert other_profile.municipality == ""
    assert Profile.objects.get(user=participant).municipality == "Genk"


@pytest.mark.django_db
def test_profile_form_needs_csrf_token(participant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)

    response = client.post("/account/profiel/", PROFILE)

    assert response.status_code == 403
    assert not Profile.objects.filter(user=participant, municipality="Genk").exists()
