"""The steering group reviews a course proposal on one screen: what changed, and two decisions."""

import pytest

from django.core import mail
from django.test import Client

from wagtail.models import TaskState
from wagtail.test.utils.form_data import rich_text

from courses.models import CoursePage
from roles.groups import STEERING_GROUP, TRAINERS
from tests.curation_roles.test_moderation import course_form_data, submit_course

pytestmark = pytest.mark.filterwarnings(
    "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
)

LIST = "/admin/voorstellen/"


def review_url(page):
    return f"{LIST}{page.pk}/"


@pytest.fixture
def trainer(make_member):
    return make_member("lesgever@example.org", TRAINERS, trainer=True)


@pytest.fixture
def steering(make_member):
    member = make_member("stuurgroep@example.org", STEERING_GROUP)
    member.first_name, member.last_name = "Sara", "Peeters"
    member.save()
    return member


@pytest.fixture
def proposal(roles, trainer):
    client = Client()
    client.force_login(trainer)
    return submit_course(client, roles["basic"])


@pytest.fixture
def steering_client(steering):
    client = Client()
    client.force_login(steering)
    return client


def task_status(page):
    return TaskState.objects.filter(workflow_state__object_id=str(page.pk)).latest("pk").status


def test_steering_group_finds_the_proposal_and_both_decisions_on_one_screen(steering_client, proposal):
    listing = steering_client.get(LIST).content.decode()
    assert "Nieuwe vorming" in listing and review_url(proposal) in listing
    assert "lesgever@example.org" in listing

    response = steering_client.get(review_url(proposal))
    page = response.content.decode()

    assert "Goedkeuren en publiceren" in page and "Wijzigingen vragen" in page
    assert "Een nieuwe vorming" in page and "Een voorstel van een lesgever." in page
    assert response.context["breadcrumbs_items"][-1]["label"] == "Nieuwe vorming"


def test_approving_publishes_the_course(steering_client, proposal):
    response = steering_client.post(review_url(proposal), {"decision": "goedkeuren", "comment": ""}, follow=True)

    assert "is goedgekeurd en staat op de site" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.live
    assert Client().get(proposal.url).status_code == 200
    assert steering_client.get(review_url(proposal)).status_code == 302


def test_changes_must_be_said_and_nothing_changes_without(steering_client, proposal):
    response = steering_client.post(review_url(proposal), {"decision": "wijzigingen", "comment": "  "})

    assert response.status_code == 200
    assert "Schrijf welke wijzigingen je vraagt" in response.content.decode()
    assert task_status(proposal) == TaskState.STATUS_IN_PROGRESS


def test_requested_changes_reach_the_trainer_in_words_that_say_so(steering_client, proposal):
    mail.outbox.clear()

    steering_client.post(review_url(proposal), {"decision": "wijzigingen", "comment": "Graag de leerdoelen invullen."})

    assert task_status(proposal) == TaskState.STATUS_REJECTED
    proposal.refresh_from_db()
    assert not proposal.live
    to_trainer = [message for message in mail.outbox if "lesgever@example.org" in message.to]
    assert to_trainer
    body = to_trainer[-1].body
    assert "afgekeurd" not in body.lower() and "afgekeurd" not in to_trainer[-1].subject.lower()
    assert "vraagt wijzigingen" in body and "niet afgewezen" in body
    assert "Graag de leerdoelen invullen." in body and "Sara Peeters" in body
    assert "Wijzigingen gevraagd" in to_trainer[-1].subject


def test_a_change_to_a_published_course_shows_only_what_changed(steering_client, roles, trainer, proposal):
    steering_client.post(review_url(proposal), {"decision": "goedkeuren"})
    trainer_client = Client()
    trainer_client.force_login(trainer)
    data = course_form_data("Nieuwe vorming", summary="Een herwerkte samenvatting.")
    data["description"] = rich_text("<p>Uitleg</p>")
    trainer_client.post(f"/admin/pages/{proposal.pk}/edit/", {**data, "action-submit": "Indienen"})

    page = steering_client.get(review_url(proposal)).content.decode()

    assert "Een wijziging aan een gepubliceerde vorming" in page
    assert "herwerkte" in page
    assert "Leerdoelen" not in page and "Beschrijving" not in page


def test_trainers_cannot_review(trainer, proposal):
    client = Client()
    client.force_login(trainer)

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    for response in (
        client.get(LIST),
        client.get(review_url(proposal)),
        client.post(review_url(proposal), {"decision": "goedkeuren"}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not CoursePage.objects.get(pk=proposal.pk).live
    assert LIST not in client.get("/admin/").content.decode()
