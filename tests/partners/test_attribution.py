"""An enrolment that came through a partner's embed, feed or link records that partner."""

import re
from html import escape, unescape
from urllib.parse import urlencode

import pytest

from django.core import mail

from enrolment import services
from enrolment.models import Enrolment
from enrolment.partner_channel import SESSION_KEY
from tests import factories
from tests.accounts.conftest import PASSWORD, log_in, make_participant


def test_via_remembers_the_partner_and_opens_the_local_page(client, partner_offer):
    response = client.get("/via/acv/", {"naar": "/aanbod/vorming/?x=1#editie-3"})

    assert response.status_code == 302
    assert response["Location"] == "/aanbod/vorming/?x=1#editie-3"
    assert client.session[SESSION_KEY] == partner_offer["acv"].pk
    assert "no-cache" in response["Cache-Control"]


def test_via_without_a_target_opens_the_partners_offer(client, partner_offer):
    response = client.get("/via/acv/")

    assert response["Location"] == "/aanbod/?partner=acv"


@pytest.mark.parametrize(
    "target",
    [
        "https://kwaadaardig.example/",
        "//kwaadaardig.example/",
        "/\\kwaadaardig.example/",
        "\\\\kwaadaardig.example",
        "javascript:alert(1)",
        "aanbod/",
        "http:/kwaadaardig.example",
    ],
)
def test_via_refuses_to_open_another_site(client, partner_offer, target):
    response = client.get("/via/acv/", {"naar": target})

    assert response.status_code == 400
    assert "Deze link verwijst naar een andere website. Die openen we niet." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_via_an_unknown_partner_is_refused(client, partner_offer):
    response = client.get("/via/bestaat-niet/", {"naar": "/aanbod/"})

    assert response.status_code == 404
    assert "een partnerorganisatie die we niet kennen" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_a_later_channel_replaces_an_earlier_one(client, partner_offer):
    client.get("/via/acv/")
    client.get("/via/femma/")

    assert client.session[SESSION_KEY] == partner_offer["femma"].pk


def test_enrol_service_records_the_partner_and_a_move_keeps_it(partner_offer):
    person = factories.make_person()
    acv = partner_offer["acv"]

    outcome = services.enrol(partner_offer["open_edition"], person=person, via_partner=acv)
    assert outcome.enrolment.via_partner == acv

    other = factories.make_edition(partner_offer["acv_course"], starts_in_days=70)
    moved = services.move_enrolment(outcome.enrolment, to_edition=other, by=factories.make_person())
    assert moved.enrolment.via_partner == acv


def test_enrolling_without_a_channel_records_no_partner(client, partner_offer):
    client.force_login(make_participant("zonder@example.org"))

    client.post(f"/mijn/inschrijven/{partner_offer['open_edition'].pk}/")

    assert Enrolment.objects.get(person__email="zonder@example.org").via_partner is None


def test_the_channel_survives_login(client, partner_offer):
    make_participant("an@example.org")
    client.get("/via/acv/")

    assert log_in(client, "an@example.org").status_code == 302
    client.post(f"/mijn/inschrijven/{partner_offer['open_edition'].pk}/")

    assert Enrolment.objects.get(person__email="an@example.org").via_partner == partner_offer["acv"]


def test_journey_from_the_embed_through_sign_up_to_an_enrolment_for_the_partner(client, partner_offer):
    edition = partner_offer["open_edition"]
    embed = client.get("/embed/aanbod/", {"partner": "acv"}).content.decode()
    [via_link] = [
        unescape(href) for href in re.findall(r'href="([^"]+)"', embed) if f"editie-{edition.pk}" in unescape(href)
    ]

    course_url = client.get(via_link)["Location"]
    assert course_url == f"{partner_offer['acv_course'].url}#editie-{edition.pk}"
    course_page = client.get(course_url.split("#")[0])
    assert course_page.status_code == 200

    signup = {
        "first_name": "Vera",
        "last_name": "Vrijwilliger",
        "email": "vera@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }
    assert client.post("/account/signup/", signup).status_code == 302
    confirm = re.search(r"https?://[^/\s]+(/account/confirm-email/[^/\s]+/)", mail.outbox[-1].body).group(1)
    assert client.post(confirm).status_code == 302
    assert log_in(client, "vera@example.org")["Location"] == "/mijn/"

    response = client.post(f"/mijn/inschrijven/{edition.pk}/")

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(person__email="vera@example.org")
    assert enrolment.status == Enrolment.Status.CONFIRMED
    assert enrolment.via_partner == partner_offer["acv"]


def test_a_partners_feed_links_through_its_channel(client, partner_offer):
    edition = partner_offer["open_edition"]
    target = f"{partner_offer['acv_course'].url}#editie-{edition.pk}"

    by_filter = client.get("/feeds/aanbod.atom", {"partner": "acv"}).content.decode()
    by_via = client.get("/feeds/aanbod.atom", {"via": "femma"}).content.decode()
    plain = client.get("/feeds/aanbod.atom").content.decode()

    assert escape(f"/via/acv/?{urlencode({'naar': target})}") in by_filter
    assert escape(f"/via/femma/?{urlencode({'naar': target})}") in by_via
    assert "/via/" not in plain and target in plain
    course_url = client.get(f"/via/acv/?{urlencode({'naar': target})}")["Location"]
    assert course_url == target
    assert client.session[SESSION_KEY] == partner_offer["acv"].pk
