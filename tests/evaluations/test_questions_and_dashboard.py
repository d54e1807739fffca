"""Staff set the questions of a programme year; Mijn academie asks for the open evaluations."""

import re
from datetime import date

from django.urls import reverse

from courses.models import ProgrammeYear
from evaluations.models import QuestionSet
from tests.evaluations.conftest import answer, ended_edition, invite

LIST_URL = reverse("wagtailsnippets_evaluations_questionset:list")
ADD_URL = reverse("wagtailsnippets_evaluations_questionset:add")


def question_set_data(year, *questions):
    data = {
        "programme_year": str(year.pk),
        "introduction": "Vertel ons eerlijk wat je ervan vond.",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "1",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, (text, kind, topic) in enumerate(questions):
        data.update(
            {
                f"questions-{index}-text": text,
                f"questions-{index}-kind": kind,
                f"questions-{index}-topic": topic,
                f"questions-{index}-required": "on",
                f"questions-{index}-ORDER": str(index + 1),
                f"questions-{index}-DELETE": "",
            }
        )
    return data


def test_staff_set_a_years_questions_and_the_evaluation_asks_them(client, course, participant, staff_member):
    year = ProgrammeYear.objects.create(name="2026-2027", starts_on=date(2026, 9, 1), ends_on=date(2027, 8, 31))
    client.force_login(staff_member)
    assert client.get(LIST_URL).status_code == 200

    response = client.post(
        ADD_URL,
        question_set_data(
            year,
            ("Hoe tevreden ben je in het algemeen?", "score", "algemeen"),
            ("Zou je deze vorming aanraden aan je afdeling?", "score", "ander"),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""

    edition = ended_edition(course, programme_year=year)
    token = invite(edition, [participant])[participant.pk]
    html = client.get(f"/evaluatie/{token}/").content.decode()
    assert "Vertel ons eerlijk wat je ervan vond." in html
    assert "Zou je deze vorming aanraden aan je afdeling?" in html
    assert "Wat kan beter?" not in html
    assert QuestionSet.objects.get(programme_year=year).questions.count() == 2


def test_only_staff_change_the_questions(client, db, trainer, steering_member):
    for person in (trainer, steering_member):
        client.force_login(person)
        assert client.get(ADD_URL).status_code == 302
        assert client.post(ADD_URL, {}).status_code == 302
    assert not QuestionSet.objects.exists()


def test_mijn_academie_asks_for_the_open_evaluation_until_it_is_answered(client, edition, participant):
    token = invite(edition, [participant])[participant.pk]
    client.force_login(participant)

    html = client.get("/mijn/").content.decode()
    [link] = re.findall(r'href="(/evaluatie/[^"]+)">Geef je mening over Lokale politiek voor beginners', html)
    assert link == f"/evaluatie/{token}/"

    answer(client, token)
    assert "Geef je mening over" not in client.get("/mijn/").content.decode()
