"""The project's own admin pages speak Dutch and are headed by their own name; links work."""

import re

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import checks

from academy.sites import check_admin_base_url
from accounts.migrations import __name__ as migrations_package
from enrolment.models import Enrolment
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests import factories
from tests.accounts.test_signup import SIGNUP

CUSTOM_ADMIN_PAGES = [
    "/admin/signalen/",
    "/admin/voorstellen/",
    "/admin/evaluaties/",
    "/admin/partnerkanalen/",
    "/admin/betalingen/",
    "/admin/betalingen/inlezen/",
    "/admin/betalingen/te-verwerken/",
    "/admin/betalingen/terugbetalingen/",
    "/admin/aanwezigheden/",
    "/admin/achtergrondtaken/",
    "/admin/rapporten/",
]


@pytest.fixture
def superuser_client(client, db):
    client.force_login(
        get_user_model().objects.create_superuser("beheer@example.org", "beheer@example.org", "wachtwoord-123")
    )
    return client


@pytest.mark.parametrize("url", CUSTOM_ADMIN_PAGES)
def test_custom_admin_page_is_headed_by_its_own_name_in_dutch(superuser_client, offer, url):
    response = superuser_client.get(url)

    assert response.status_code == 200
    heading = response.context["breadcrumbs_items"][-1]["label"]
    assert heading not in ("Home", "") and heading == response.context["page_title"]
    html = response.content.decode()
    assert 'aria-label="Actions"' not in html


def test_header_navigation_is_announced_in_dutch(superuser_client, offer):
    html = superuser_client.get(f"/admin/pages/{offer['course'].pk}/edit/").content.decode()

    assert 'aria-label="Acties"' in html and 'aria-label="Actions"' not in html


def test_signals_link_to_what_they_name_for_the_steering_group(client, offer):
    edition = factories.make_edition(offer["course"], capacity=2)
    factories.fill_edition(edition)
    for _ in range(6):
        Enrolment.objects.create(person=factories.make_person(), edition=edition, status=Enrolment.Status.WAITLISTED)
    factories.make_edition(offer["course"], capacity=20, starts_in_days=5)
    client.force_login(factories.make_member(STEERING_GROUP))

    html = client.get("/admin/signalen/").content.decode()
    links = set(re.findall(r'href="(/admin/[^"#]+)"', html.split('id="lange-wachtlijsten"')[1]))

    assert f"/admin/editions/inspect/{edition.pk}/" in links
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
    assert str(edition.course.title) in client.get(f"/admin/editions/inspect/{edition.pk}/").content.decode()


@pytest.mark.parametrize(
    ("group_name", "sees_admin_link"), [(STAFF, True), (STEERING_GROUP, True), (TRAINERS, True), (None, False)]
)
def test_site_menu_links_to_the_admin_for_roles_that_use_it(client, site, group_name, sees_admin_link):
    person = factories.make_member(group_name) if group_name else factories.make_person()
    client.force_login(person)

    html = client.get("/mijn/").content.decode()

    assert ('href="/admin/">Beheer</a>' in html) is sees_admin_link


def test_signup_makes_the_email_address_the_username(client, site):
    client.post("/account/signup/", SIGNUP, REMOTE_ADDR="127.0.0.1")

    user = get_user_model().objects.get(email=SIGNUP["email"])
    assert user.username == SIGNUP["email"]


def test_migration_gives_existing_accounts_their_email_address_as_username(db):
    module = __import__(f"{migrations_package}.0004_usernames_are_email_addresses", fromlist=["x"])
    User = get_user_model()
    derived = User.objects.create_user("fatima", "fatima@example.org")
    shared_a = User.objects.create_user("jan", "gedeeld@example.org")
    User.objects.create_user("jan2", "gedeeld@example.org")
    erased = User.objects.create_user("verwijderd-9", "verwijderd-9@example.invalid")

    module.usernames_to_email_addresses(apps, None)

    assert User.objects.get(pk=derived.pk).username == "fatima@example.org"
    assert User.objects.get(pk=shared_a.pk).username == "jan"
    assert User.objects.get(pk=erased.pk).username == "verwijderd-9"


@pytest.mark.parametrize(
    ("base_url", "warns"),
    [("http://127.0.0.1:8000", True), ("http://localhost", True), ("", True), ("https://academie.example.org", False)],
)
def test_deploy_check_warns_when_wagtails_mails_would_link_to_a_local_address(settings, base_url, warns):
    settings.WAGTAILADMIN_BASE_URL = base_url

    found = check_admin_base_url(None)

    assert bool(found) is warns
    assert all(isinstance(message, checks.Warning) and message.id == "academy.W001" for message in found)
