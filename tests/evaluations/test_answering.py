"""Answering an evaluation through its link: once, anonymously, with clear messages."""

import pytest

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

from courses.models import Edition
from evaluations import services
from evaluations.exceptions import EvaluationAlreadyAnswered
from evaluations.models import Answer, Invitation, Question, QuestionSet, Response
from tests.evaluations.conftest import answer, invite


@pytest.fixture
def token(edition, participant):
    return invite(edition, [participant])[participant.pk]


def test_answering_through_the_link_stores_the_answers_and_thanks(client, edition, token):
    response = answer(client, token, overall=5, relevance=4, trainer=5, organisation=3, strong="De voorbeelden.")

    assert response.status_code == 302
    assert response["Location"] == "/evaluatie/bedankt/"
    assert "Bedankt voor je mening" in client.get(response["Location"]).content.decode()
    stored = Response.objects.get()
    assert stored.edition == edition
    scores = dict(Answer.objects.filter(score__isnull=False).values_list("topic", "score"))
    assert scores == {"algemeen": 5, "relevantie": 4, "lesgever": 5, "organisatie": 3}
    assert list(Answer.objects.exclude(text="").values_list("text", flat=True)) == ["De voorbeelden."]
    assert Invitation.objects.get().is_answered


def test_a_token_answers_once(client, token):
    assert answer(client, token).status_code == 302

    again = answer(client, token, overall=1)
    page = client.get(f"/evaluatie/{token}/")

    assert again.status_code == 410
    assert page.status_code == 410
    assert "Deze evaluatie is al ingevuld" in page.content.decode()
    assert Response.objects.count() == 1
    assert not Answer.objects.filter(score=1).exists()


def test_the_service_refuses_a_used_invitation(token):
    invitation = Invitation.objects.get()
    services.submit_evaluation(invitation, answers=[])
    stale = Invitation.objects.get()
    Invitation.objects.filter(pk=stale.pk).update(is_answered=True)
    stale.is_answered = False

    with pytest.raises(EvaluationAlreadyAnswered):
        services.submit_evaluation(stale, answers=[])
    assert Response.objects.count() == 1


@pytest.mark.parametrize("token", ["onbekend", "a" * 64, "x" * 300, "%00"])
def test_an_unknown_link_gets_a_clear_dutch_page(client, db, token):
    response = client.get(f"/evaluatie/{token}/")

    assert response.status_code == 404
    assert "Deze link kennen we niet" in response.content.decode()


@pytest.mark.parametrize(
    "overall, message",
    [("", "Kies een score van 1 tot 5."), ("6", "Kies een score van 1 tot 5."), ("vijf", "Kies een score")],
)
def test_bad_input_gets_a_message_and_stores_nothing(client, token, overall, message):
    response = answer(client, token, overall=overall)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Er is iets niet in orde" in html
    assert not Response.objects.exists()
    assert not Invitation.objects.get().is_answered


def test_a_too_long_open_answer_is_refused(client, token):
    response = answer(client, token, better="x" * (services.MAX_TEXT_LENGTH + 1))

    assert "Hou je antwoord korter dan 2000 tekens" in response.content.decode()
    assert not Response.objects.exists()


def test_open_questions_are_optional(client, token):
    assert answer(client, token, strong="", better="").status_code == 302
    assert Answer.objects.filter(text="").count() == 4


def test_no_path_leads_from_a_response_to_a_person(client, token):
    """A response and its answers point only at the edition and the questions; nothing
    points at them but each other; none records a time finer than a day; their keys are
    random, so their order says nothing."""
    answer(client, token)

    def foreign_keys(model):
        return {field.related_model for field in model._meta.concrete_fields if field.is_relation}

    assert foreign_keys(Response) == {Edition}
    assert foreign_keys(Answer) == {Response, Question}
    assert foreign_keys(Question) == {QuestionSet}
    pointing_at_responses = {
        model
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in (Response, Answer)
    }
    assert pointing_at_responses == {Answer}
    for model in (Response, Answer):
        assert not [field for field in model._meta.concrete_fields if isinstance(field, models.DateTimeField)]
        assert isinstance(model._meta.pk, models.UUIDField)
    # The invitation keeps whether, never when, it was answered.
    assert [field.name for field in Invitation._meta.concrete_fields if "answer" in field.name] == ["is_answered"]
    assert get_user_model() in foreign_keys(Invitation)
