"""Results: the figures on a hand-made fixture, who sees what, the signal, query counts."""

from datetime import date
from decimal import Decimal

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import ProgrammeYear
from evaluations import selectors
from evaluations.models import Answer, Response, Topic
from roles.groups import TRAINERS
from steering.models import SignalThresholds
from tests import factories
from tests.evaluations.conftest import ended_edition, member_of

TOPICS = (Topic.OVERALL, Topic.RELEVANCE, Topic.TRAINER, Topic.ORGANISATION)


def respond(edition, *scores, texts=()):
    """One anonymous response: scores for the four standard topics, then open answers."""
    response = Response.objects.create(edition=edition, submitted_on=timezone.localdate())
    for topic, score in zip(TOPICS, scores, strict=True):
        Answer.objects.create(response=response, topic=topic, question_text=str(Topic(topic).label), score=score)
    for text in texts:
        Answer.objects.create(response=response, topic=Topic.OTHER, question_text="Wat kan beter?", text=text)


def year(name, start):
    return ProgrammeYear.objects.create(name=name, starts_on=date(start, 9, 1), ends_on=date(start + 1, 8, 31))


@pytest.fixture
def results(offer, course, trainer, other_trainer):
    """A1 (Lies, 2025-2026): 3 responses, overall 5 4 3. A2 (Andere, same year): 2
    responses, overall 2 2. B1 (Sociale vorming, 2026-2027, Lies as the course's trainer):
    3 responses, overall 1 2 2."""
    first, second = year("2025-2026", 2025), year("2026-2027", 2026)
    a1 = ended_edition(course, trainer=trainer, programme_year=first, label="Hasselt")
    a2 = ended_edition(course, trainer=other_trainer, programme_year=first, label="Gent")
    other_track = factories.make_track(offer["catalogue"], slug="sociale-vorming", title="Sociale vorming")
    course_b = factories.make_course(other_track, title="Samen sterk in de buurt")
    course_b.trainers.add(trainer.trainer_profile)
    course_b.save()
    b1 = ended_edition(course_b, programme_year=second)
    respond(a1, 5, 4, 5, 3, texts=["Meer pauzes graag."])
    respond(a1, 4, 4, 5, 3, texts=["De zaal was te klein."])
    respond(a1, 3, 4, 4, 3)
    respond(a2, 2, 3, 2, 2, texts=["Te snel."])
    respond(a2, 2, 3, 2, 2)
    respond(b1, 1, 2, 1, 2)
    respond(b1, 2, 2, 2, 2)
    respond(b1, 2, 2, 3, 2)
    return {"a1": a1, "a2": a2, "b1": b1, "course_b": course_b, "track_b": other_track}


def figures_by_label(rows):
    return {str(row.label): (row.responses, row.is_shown and row.average(Topic.OVERALL)) for row in rows}


def test_figures_per_year_track_course_and_trainer_on_a_hand_made_fixture(results):
    overview = selectors.get_results_overview()

    assert figures_by_label(overview["by_course"]) == {
        "Lokale politiek voor beginners": (5, Decimal("3.2")),
        "Samen sterk in de buurt": (3, Decimal("1.7")),
    }
    assert figures_by_label(overview["by_track"]) == {
        "Politieke vorming": (5, Decimal("3.2")),
        "Sociale vorming": (3, Decimal("1.7")),
    }
    assert figures_by_label(overview["by_year"]) == {
        "2025-2026": (5, Decimal("3.2")),
        "2026-2027": (3, Decimal("1.7")),
    }
    # Lies teaches A1 (the edition's trainer) and B1 (the course's): 17 / 6.
    assert figures_by_label(overview["by_trainer"]) == {
        "Andere Lesgever": (2, False),
        "Lies Lesgever": (6, Decimal("2.8")),
    }
    [lies] = [row for row in overview["by_trainer"] if row.label == "Lies Lesgever"]
    assert [(str(label), value) for label, value in lies.averages] == [
        ("Algemene score", Decimal("2.8")),
        ("Relevantie voor je werk of engagement", Decimal("3.0")),
        ("De lesgever", Decimal("3.3")),
        ("De organisatie", Decimal("2.5")),
    ]


def test_steering_group_sees_every_edition_and_the_totals(client, results, steering_member):
    client.force_login(steering_member)

    html = client.get("/admin/evaluaties/").content.decode()

    for heading in ("Per werkjaar", "Per traject", "Per vorming", "Per lesgever"):
        assert heading in html
    assert "Lokale politiek voor beginners (Hasselt)" in html
    assert "Lokale politiek voor beginners (Gent)" in html
    assert "3,2" in html and "1,7" in html
    assert "nog te weinig antwoorden" in html  # Gent, and Andere Lesgever


def test_staff_read_an_editions_open_answers(client, results, staff_member):
    client.force_login(staff_member)

    html = client.get(f"/admin/evaluaties/editie/{results['a1'].pk}/").content.decode()

    assert "Meer pauzes graag." in html and "De zaal was te klein." in html
    assert "4,0" in html  # the overall average of A1


def test_a_trainer_sees_only_their_own_editions_and_no_totals(client, results, other_trainer):
    client.force_login(other_trainer)

    html = client.get("/admin/evaluaties/").content.decode()
    own = client.get(f"/admin/evaluaties/editie/{results['a2'].pk}/")
    others = [client.get(f"/admin/evaluaties/editie/{results[key].pk}/") for key in ("a1", "b1")]

    assert "(Gent)" in html
    assert "(Hasselt)" not in html and "Samen sterk in de buurt" not in html
    assert "Per lesgever" not in html and "Per vorming" not in html
    assert [response.status_code for response in others] == [404, 404]
    # Two responses: too few to show anything, also the open answer.
    own_html = own.content.decode()
    assert own.status_code == 200
    assert "Nog te weinig antwoorden" in own_html
    assert "Te snel." not in own_html and "2,0" not in own_html


def test_from_three_responses_a_trainer_sees_their_results(client, results, trainer):
    client.force_login(trainer)

    html = client.get(f"/admin/evaluaties/editie/{results['a1'].pk}/").content.decode()
    listing = client.get("/admin/evaluaties/").content.decode()

    assert "Meer pauzes graag." in html and "Nog te weinig antwoorden" not in html
    assert "(Hasselt)" in listing and "Samen sterk in de buurt" in listing and "(Gent)" not in listing


def test_a_participant_never_sees_results(client, results, participant):
    client.force_login(participant)

    for url in ("/admin/evaluaties/", f"/admin/evaluaties/editie/{results['a1'].pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Meer pauzes" not in response.content.decode()
    assert Client().get("/admin/evaluaties/").status_code == 302


def test_the_menu_item_shows_for_trainers_and_curators_only(client, results, trainer, steering_member):
    client.force_login(trainer)
    assert "/admin/evaluaties/" in client.get("/admin/").content.decode()
    client.force_login(steering_member)
    assert "/admin/evaluaties/" in client.get("/admin/").content.decode()
    client.force_login(member_of(TRAINERS))  # a trainer role without a trainer record
    assert "/admin/evaluaties/" not in client.get("/admin/").content.decode()
    assert client.get("/admin/evaluaties/")["Location"] == "/admin/"


def test_a_low_overall_average_is_a_signal_for_the_steering_group(client, results, steering_member):
    client.force_login(steering_member)

    html = client.get("/admin/signalen/").content.decode()
    section = html[html.index("Lage evaluaties") : html.index("Open vormingsvragen")]

    # B1: 1.7 from 3 responses. A2 (2.0) has only 2 responses; A1 averages 4.0.
    assert "Samen sterk in de buurt" in section and "1,7" in section
    assert "(Gent)" not in section and "(Hasselt)" not in section

    SignalThresholds.objects.update_or_create(defaults={"low_evaluation_below": "4.5"})
    section = client.get("/admin/signalen/").content.decode()
    assert "(Hasselt)" in section[section.index("Lage evaluaties") :]


def test_the_low_score_signal_compares_exactly(results):
    # A1's overall average is exactly 4.0: not below 4.0, below 4.1.
    assert results["a1"] not in selectors.list_low_scoring_editions(below="4.0")
    assert results["a1"] in selectors.list_low_scoring_editions(below="4.1")


def add_editions(course, trainer, count):
    for _ in range(count):
        edition = ended_edition(course, trainer=trainer)
        for score in (1, 2, 2):
            respond(edition, score, score, score, score, texts=["Goed."])


@pytest.mark.parametrize("url", ["/admin/evaluaties/", "/admin/signalen/"])
def test_results_pages_take_as_many_queries_for_few_or_many_editions(
    client, results, course, trainer, steering_member, url, django_assert_num_queries
):
    client.force_login(steering_member)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200

    add_editions(course, trainer, 8)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Lokale politiek voor beginners") >= 8


def test_an_editions_results_take_a_constant_number_of_queries(client, results, trainer, django_assert_num_queries):
    client.force_login(trainer)
    url = f"/admin/evaluaties/editie/{results['a1'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(10):
        respond(results["a1"], 3, 3, 3, 3, texts=["Nog een antwoord."])
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Nog een antwoord.") == 10
