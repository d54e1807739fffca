"""A trainer proposes a course, the steering group approves it, and participants read its material."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from courses.models import CoursePage, Trainer
from enrolment import services
from materials.models import CourseMaterial
from roles.groups import STEERING_GROUP, TRAINERS
from roles.services import ensure_role_permissions
from tests.e2e.test_catalogue_journey import WCAG_TAGS, format_violations

# Wagtail 8.0's moderation notifications still call django.core.mail.get_connection(),
# deprecated in Django 6.1; the mail itself goes out.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings(
        "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
    ),
]

PASSWORD = "Vorming-voor-iedereen-2026"
NEW_COURSE = "Lokale besturen en burgerparticipatie"


def assert_accessible(page):
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, format_violations(page.url, violations)


def make_user(email, *groups, language="nl-be"):
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=groups))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def roles(offer):
    """The offer with the roles' groups, page permissions and the steering group's workflow."""
    ensure_role_permissions()
    return offer


@pytest.fixture
def root_collection(transactional_db):
    """A transactional test's flush also removes the root collection that documents need."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def course_with_material(offer, root_collection):
    course = offer["course"]
    folder = Document.objects.create(title="Folder", file=ContentFile(b"Voor iedereen", name="folder.txt"))
    CourseMaterial.objects.create(
        course=course, title="Openbare folder", kind="document", document=folder, visibility="openbaar"
    )
    secret = CourseMaterial.objects.create(
        course=course,
        title="Syllabus voor deelnemers",
        kind="document",
        file=ContentFile(b"Alleen voor deelnemers", name="syllabus.txt"),
        visibility="deelnemers",
    )
    return {**offer, "secret": secret}


def wait_until(condition, seconds=10):
    """Poll the database: the live server commits in its own thread."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def new_context(browser, browser_context_args):
    return browser.new_context(**browser_context_args)


def log_in_to_admin(page, live_server, email):
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form").get_by_role("button", name=re.compile("^(Aanmelden|Inloggen|Log ?in|Sign in)$", re.I)).click()
    page.wait_for_url(live_server.url + "/admin/")


def test_trainer_proposes_a_course_and_the_steering_group_approves_it(
    browser, browser_context_args, live_server, roles
):
    trainer = make_user("lesgever@example.org", TRAINERS)
    Trainer.objects.create(name="Luc Lesgever", user=trainer)
    make_user("stuurgroep@example.org", STEERING_GROUP)
    package = roles["basic"]

    trainer_context = new_context(browser, browser_context_args)
    try:
        page = trainer_context.new_page()
        log_in_to_admin(page, live_server, "lesgever@example.org")
        page.goto(f"{live_server.url}/admin/pages/{package.pk}/")
        page.locator(f'a[href="/admin/pages/{package.pk}/add_subpage/"]').first.click()
        # A package only takes courses, so Wagtail skips the choice of page type.
        page.wait_for_url(re.compile(rf"/admin/pages/add/courses/coursepage/{package.pk}/"))

        page.locator("#id_title").fill(NEW_COURSE)
        page.locator("#id_summary").fill("Hoe je als burger mee beslist over je gemeente.")
        page.locator("#id_format").select_option("studiedag")
        # The trainer may not publish: the footer offers submitting to the workflow instead.
        expect(page.locator('button[name="action-publish"]')).to_have_count(0)
        page.get_by_role("button", name=re.compile("^(Meer acties|More actions)$", re.I)).click()
        page.locator('button[name="action-submit"]').click()
        page.wait_for_url(f"{live_server.url}/admin/pages/{package.pk}/")
        expect(page.locator(".messages")).to_contain_text(re.compile("ingediend|submitted", re.I))

        course = CoursePage.objects.get(title=NEW_COURSE)
        assert not course.live
        assert course.current_workflow_task.name == "Goedkeuring door de stuurgroep"
        course_url = course.get_url()
        assert course_url
    finally:
        trainer_context.close()

    visitor_context = new_context(browser, browser_context_args)
    try:
        visitor = visitor_context.new_page()
        assert visitor.goto(live_server.url + course_url).status == 404
        visitor.goto(live_server.url + "/aanbod/")
        expect(visitor.get_by_role("heading", level=1)).to_have_text("Aanbod")
        expect(visitor.get_by_text(NEW_COURSE)).to_have_count(0)
    finally:
        visitor_context.close()

    steering_context = new_context(browser, browser_context_args)
    try:
        page = steering_context.new_page()
        log_in_to_admin(page, live_server, "stuurgroep@example.org")
        review = page.get_by_role("region", name=re.compile("In afwachting van jouw beoordeling|Awaiting your review"))
        task = review.get_by_role("row").filter(has=page.get_by_role("link", name=NEW_COURSE))
        expect(task).to_contain_text("lesgever@example.org")
        task.get_by_role("button", name=re.compile("^(Acties|Actions)$")).click()
        task.get_by_role("button", name=re.compile("^(Goedkeuren|Approve)$")).click()
        # Approving publishes the page and reloads the dashboard without the task.
        expect(review.get_by_role("link", name=NEW_COURSE)).to_have_count(0)

        page.wait_for_load_state()
        assert wait_until(lambda: CoursePage.objects.get(pk=course.pk).live)
    finally:
        steering_context.close()

    visitor_context = new_context(browser, browser_context_args)
    try:
        visitor = visitor_context.new_page()
        assert visitor.goto(live_server.url + course_url).status == 200
        expect(visitor.get_by_role("heading", level=1)).to_have_text(NEW_COURSE)
    finally:
        visitor_context.close()


def test_participant_reads_and_downloads_participants_only_material(
    page, browser, browser_context_args, live_server, course_with_material
):
    participant = get_user_model().objects.create_user(
        username="deelnemer@example.org", email="deelnemer@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=participant, email="deelnemer@example.org", primary=True, verified=True)
    assert services.enrol(course_with_material["edition"], person=participant).enrolment.status == "bevestigd"
    course_url = live_server.url + course_with_material["course"].url
    secret = course_with_material["secret"]
    # The storage may add a suffix to the file name when an earlier run left a syllabus.txt.
    filename = secret.filename
    download_path = f"/materiaal/{secret.pk}/{filename}"

    page.goto(live_server.url + "/account/login/")
    page.get_by_label("E-mail").fill("deelnemer@example.org")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(re.compile("/mijn/$"))

    page.goto(course_url)
    materials = page.get_by_role("region", name="Lesmateriaal")
    expect(materials.get_by_role("heading", name="Syllabus voor deelnemers")).to_be_visible()
    link = materials.get_by_role("link", name="Download Syllabus")
    expect(link).to_have_attribute("href", download_path)
    assert_accessible(page)

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == filename
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == b"Alleen voor deelnemers"

    response = page.request.get(live_server.url + download_path)
    assert response.status == 200
    assert "private" in response.headers["cache-control"]

    visitor_context = new_context(browser, browser_context_args)
    try:
        visitor = visitor_context.new_page()
        visitor.goto(course_url)
        materials = visitor.get_by_role("region", name="Lesmateriaal")
        expect(materials.get_by_role("heading", name="Openbare folder")).to_be_visible()
        expect(materials.get_by_text("Syllabus")).to_have_count(0)
        expect(materials.get_by_text(re.compile("Er is ook materiaal voor de deelnemers"))).to_be_visible()
        assert visitor.request.get(live_server.url + download_path).status == 404
    finally:
        visitor_context.close()
