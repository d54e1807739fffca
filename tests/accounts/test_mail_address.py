"""allauth's mails carry the academy's name and link to its public address, not the request's host."""

import re

import pytest

from django.core import mail

from wagtail.models import Site

from academy.models import SiteSettings
from tests.accounts.conftest import make_participant
from tests.accounts.test_signup import SIGNUP

ADDRESS = "https://academie.example.org"


@pytest.fixture
def public_site(site):
    Site.objects.filter(is_default_site=True).update(hostname="academie.example.org", port=443)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.academy_name = "Academie Samen Sterk"
    settings.save()


def assert_academy_mail(message, link_path):
    text = message.subject + message.body
    assert message.subject.startswith("[Academie Samen Sterk] ")
    assert "Academie Samen Sterk" in message.body
    assert re.search(rf"{re.escape(ADDRESS)}{link_path}", message.body)
    for host in ("testserver", "127.0.0.1", "localhost", "example.com"):
        assert host not in text


def test_signup_confirmation_mail_names_the_academy_and_links_to_its_address(client, public_site):
    client.post("/account/signup/", SIGNUP, REMOTE_ADDR="127.0.0.1")

    [message] = mail.outbox
    assert_academy_mail(message, r"/account/confirm-email/[^/\s]+/")
    assert "Hallo van Academie Samen Sterk" in message.body


def test_password_reset_mail_names_the_academy_and_links_to_its_address(client, public_site):
    make_participant("an@example.org")

    client.post("/account/password/reset/", {"email": "an@example.org"}, HTTP_HOST="127.0.0.1")

    [message] = mail.outbox
    assert_academy_mail(message, r"/account/password/reset/key/\S+/")
    link = re.search(rf"{re.escape(ADDRESS)}(/account/password/reset/key/\S+/)", message.body).group(1)
    assert client.get(link).status_code == 302
