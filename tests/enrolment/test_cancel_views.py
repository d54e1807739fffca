"""The participant's enrol confirmation, the cancel confirmation page, the deadline and the history."""

import re
from datetime import datetime, timedelta

from django.utils import timezone

from courses.models import Edition
from enrolment import services
from enrolment.models import Enrolment
from tests.factories import fill_edition, make_edition, make_person


def cancel_url(enrolment):
    return f"/mijn/inschrijvingen/{enrolment.pk}/annuleren/"


def card_of(html, edition):
    """The HTML of one edition's card on the course page."""
    match = re.search(rf'<section class="edition" aria-labelledby="editie-{edition.pk}">(.*?)</section>', html, re.S)
    assert match, "edition card not found"
    return match.group(1)


def test_enrol_lands_on_the_card_with_the_message_beside_the_new_state(logged_in, offer):
    edition = offer["edition"]

    response = logged_in.post(f"/mijn/inschrijven/{edition.pk}/", follow=True)

    assert response.redirect_chain == [(f"{offer['course'].url}#editie-{edition.pk}", 302)]
    card = card_of(response.content.decode(), edition)
    assert "Je bent ingeschreven. Je krijgt een bevestiging per e-mail." in card
    assert "Je bent ingeschreven voor deze editie." in card
    # Shown once, beside the card, not also at the top of the page where nobody lands.
    assert response.content.decode().count("Je krijgt een bevestiging per e-mail.") == 1


def test_waitlist_message_and_position_beside_the_card(logged_in, offer):
    full = make_edition(offer["course"], capacity=2, province="brussel", starts_in_days=60)
    fill_edition(full)
    services.enrol(full, person=make_person())
    services.enrol(full, person=make_person())
    services.enrol(full, person=make_person())

    response = logged_in.post(f"/mijn/inschrijven/{full.pk}/", follow=True)

    card = card_of(response.content.decode(), full)
    assert "je staat op de wachtlijst" in card
    assert "Je staat op de wachtlijst, op plaats 4." in card


def test_cancel_get_asks_first_and_changes_nothing(logged_in, offer, person):
    edition = make_edition(offer["course"], capacity=1, province="brussel", starts_in_days=60)
    enrolment = services.enrol(edition, person=person).enrolment
    assert services.enrol(edition, person=make_person()).is_waitlisted

    response = logged_in.get(cancel_url(enrolment))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Wil je je echt uitschrijven?" in html
    assert "Je verliest je plaats in deze editie." in html
    assert "Iemand van de wachtlijst krijgt ze meteen." in html
    assert "Ja, uitschrijven" in html
    assert 'href="/mijn/">Nee, terug' in html
    assert f'<form method="post" action="{cancel_url(enrolment)}"' in html
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CONFIRMED


def test_cancel_page_of_a_waitlist_place_names_the_position(logged_in, offer, person):
    full = make_edition(offer["course"], capacity=1, province="brussel", starts_in_days=60)
    fill_edition(full)
    services.enrol(full, person=make_person())
    enrolment = services.enrol(full, person=person).enrolment

    html = logged_in.get(cancel_url(enrolment)).content.decode()

    assert "Je verliest je plaats 2 op de wachtlijst." in html


def test_cancel_post_cancels_and_goes_to_mijn_academie(logged_in, offer, person):
    enrolment = services.enrol(offer["edition"], person=person).enrolment

    response = logged_in.post(cancel_url(enrolment), follow=True)

    assert response.redirect_chain == [("/mijn/", 302)]
    assert "Je inschrijving is geannuleerd." in response.content.decode()
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED


def test_cancel_page_of_someone_else_is_404(logged_in, offer):
    other = services.enrol(offer["edition"], person=make_person()).enrolment

    assert logged_in.get(cancel_url(other)).status_code == 404


def test_cancel_page_of_a_cancelled_enrolment_goes_back(logged_in, offer, person):
    enrolment = services.enrol(offer["edition"], person=person).enrolment
    services.cancel_enrolment(enrolment, by=person)

    response = logged_in.get(cancel_url(enrolment))

    assert response["Location"] == "/mijn/"


def test_history_keeps_cancelled_enrolments_with_status_and_date(logged_in, offer, person):
    enrolment = services.enrol(offer["edition"], person=person).enrolment
    cancelled_at = timezone.make_aware(datetime(2026, 3, 2, 10, 0))
    services.cancel_enrolment(enrolment, by=person, now=cancelled_at)

    html = logged_in.get("/mijn/").content.decode()

    history = html.split("Geschiedenis", 1)[1]
    assert "Hoe werkt de gemeente?" in history
    assert "geannuleerd · " in history
    assert "2 maart 2026" in history
    assert "Je bent nergens voor ingeschreven." in html


def test_deadline_is_shown_on_the_card_and_in_mijn_academie(logged_in, offer, person):
    edition = offer["edition"]
    deadline = timezone.make_aware(datetime(2099, 3, 12, 18, 0))
    Edition.objects.filter(pk=edition.pk).update(cancellation_deadline=deadline)

    assert "Uitschrijven kan tot 12 maart 2099, 18:00." in card_of(
        logged_in.get(offer["course"].url).content.decode(), edition
    )

    enrolment = services.enrol(edition, person=person).enrolment
    card = card_of(logged_in.get(offer["course"].url).content.decode(), edition)
    assert "Uitschrijven kan tot 12 maart 2099, 18:00." in card
    assert f'href="{cancel_url(enrolment)}"' in card
    dashboard = logged_in.get("/mijn/").content.decode()
    assert "Uitschrijven kan tot 12 maart 2099, 18:00." in dashboard
    assert f'href="{cancel_url(enrolment)}"' in dashboard


def test_after_the_deadline_the_cancel_button_is_gone(logged_in, offer, person):
    edition = offer["edition"]
    enrolment = services.enrol(edition, person=person).enrolment
    Edition.objects.filter(pk=edition.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))

    dashboard = logged_in.get("/mijn/").content.decode()
    card = card_of(logged_in.get(offer["course"].url).content.decode(), edition)
    page = logged_in.get(cancel_url(enrolment)).content.decode()
    response = logged_in.post(cancel_url(enrolment))

    for html in (dashboard, card):
        assert "Uitschrijven kan niet meer: de termijn is voorbij." in html
        assert cancel_url(enrolment) not in html
    assert "Ja, uitschrijven" not in page
    assert response["Location"] == "/mijn/"
    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CONFIRMED


def test_the_waitlist_can_be_left_after_the_deadline(logged_in, offer, person):
    full = make_edition(offer["course"], capacity=1, province="brussel", starts_in_days=60)
    fill_edition(full)
    enrolment = services.enrol(full, person=person).enrolment
    Edition.objects.filter(pk=full.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))

    assert "Van de wachtlijst gaan" in logged_in.get("/mijn/").content.decode()
    logged_in.post(cancel_url(enrolment))

    assert Enrolment.objects.get(pk=enrolment.pk).status == Enrolment.Status.CANCELLED


def test_mijn_academie_queries_do_not_grow_with_history(logged_in, offer, person, django_assert_max_num_queries):
    for days in range(40, 52):
        edition = make_edition(offer["course"], province="brussel", starts_in_days=days)
        enrolment = services.enrol(edition, person=person).enrolment
        if days % 2:
            services.cancel_enrolment(enrolment, by=person)

    with django_assert_max_num_queries(22):
        response = logged_in.get("/mijn/")

    assert response.content.decode().split("Geschiedenis", 1)[1].count("geannuleerd · ") == 6
