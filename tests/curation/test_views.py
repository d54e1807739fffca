"""The public course-request pages: the form, its spam protection, the public list and voting."""

import pytest

from django.contrib.messages import get_messages
from django.core import mail

from wagtail.models import ModelLogEntry

from curation.models import CourseRequest, CourseRequestEvent, CourseRequestSupport
from curation.views import REQUEST_RATE, client_address
from tests.curation.factories import make_request
from tests.factories import make_person, make_theme

FORM = "/vormingsvraag/"
THANKS = "/vormingsvraag/bedankt/"
PUBLIC = "/vormingsvraag/openbaar/"

Status = CourseRequest.Status


def support_url(course_request):
    return f"{PUBLIC}{course_request.pk}/steunen/"


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def field_errors(response, name):
    return response.context["form"].errors.get(name, [])


# The form


def test_form_is_open_to_anyone_with_labels_and_a_hidden_honeypot(client, db):
    response = client.get(FORM)

    assert response.status_code == 200
    page = response.content.decode()
    assert '<label for="id_subject">' in page
    assert '<label for="id_contact_email">' in page
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
    assert "CAPTCHA" not in page.upper()


def test_missing_fields_get_a_dutch_message_each_and_nothing_is_stored(client, db):
    response = client.post(FORM, {"website": ""})

    assert response.status_code == 200
    assert field_errors(response, "subject") == ["Vul het onderwerp in."]
    assert field_errors(response, "municipality") == ["Vul de gemeente in waar de vorming zou plaatsvinden."]
    assert field_errors(response, "province") == ["Kies de provincie."]
    assert field_errors(response, "group_size") == ["Vul in met hoeveel personen je ongeveer verwacht te zijn."]
    assert field_errors(response, "period") == [
        "Vul in wanneer de vorming zou plaatsvinden, bijvoorbeeld 'voorjaar 2027'."
    ]
    assert field_errors(response, "contact_name") == ["Vul je naam in."]
    assert field_errors(response, "contact_email") == ["Vul je e-mailadres in."]
    page = response.content.decode()
    # Errors are tied to their field for screen readers, and summarised at the top.
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_subject_helptext id_subject_error"' in page
    assert 'role="alert"' in page
    assert not CourseRequest.objects.exists()


def test_a_bad_email_address_is_refused(client, db, form_data):
    response = client.post(FORM, {**form_data, "contact_email": "ann-at-example"})

    assert field_errors(response, "contact_email") == ["Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be."]
    assert not CourseRequest.objects.exists()


@pytest.mark.parametrize("group_size", ["0", "501", "-3", "veel"])
def test_group_size_out_of_range_is_refused(client, db, form_data, group_size):
    response = client.post(FORM, {**form_data, "group_size": group_size})

    assert response.status_code == 200
    assert field_errors(response, "group_size") == ["Geef een groepsgrootte tussen 1 en 500 personen."]
    assert not CourseRequest.objects.exists()


def test_a_request_is_stored_and_its_contact_gets_a_confirmation(
    client, site, form_data, django_capture_on_commit_callbacks
):
    theme = make_theme("Lokale politiek")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, {**form_data, "theme": theme.pk})

    assert response.status_code == 302
    assert response["Location"] == THANKS
    course_request = CourseRequest.objects.get()
    assert course_request.subject == "Hoe lees ik een gemeentebegroting?"
    assert course_request.theme == theme
    assert course_request.group_size == 15
    assert course_request.is_public
    assert course_request.status == Status.NEW
    assert list(CourseRequestEvent.objects.values_list("status", flat=True)) == [Status.NEW]
    assert ModelLogEntry.objects.for_instance(course_request).filter(action="wagtail.create").exists()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.org"]
    assert message.subject == "Je vormingsvraag is goed aangekomen: Hoe lees ik een gemeentebegroting?"
    assert "Dag Ann Peeters," in message.body
    assert "Genk (Limburg)" in message.body
    assert "http://localhost/vormingsvraag/openbaar/" in message.body

    thanks = client.get(THANKS)
    assert thanks.status_code == 200
    assert "Bedankt voor je vormingsvraag" in thanks.content.decode()


def test_no_mail_is_sent_before_the_request_is_committed(client, site, form_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(FORM, form_data)

    # The mail waits for the commit (so does the refresh of the cached home page).
    assert len([callback for callback in callbacks if getattr(callback, "func", None)]) == 1
    assert mail.outbox == []


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(
    client, db, form_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM, {**form_data, "website": "https://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == THANKS
    assert not CourseRequest.objects.exists()
    assert mail.outbox == []


def test_too_many_posts_from_one_address_get_429(client, db, form_data):
    limit = int(REQUEST_RATE.split("/")[0])
    for _ in range(limit):
        assert client.post(FORM, {**form_data, "website": "spam"}).status_code == 302

    response = client.post(FORM, form_data)

    assert response.status_code == 429
    assert "429.html" in [template.name for template in response.templates]
    assert "te veel aanvragen" in response.content.decode()
    assert not CourseRequest.objects.exists()
    # Another address is not held back, and reading the form stays possible.
    assert client.get(FORM).status_code == 200
    assert client.post(FORM, {"website": ""}, REMOTE_ADDR="10.0.0.9").status_code == 200


# The public list


def test_public_list_shows_only_public_requests_that_are_not_rejected(client, db):
    make_request(subject="Openbaar en nieuw", is_public=True)
    make_request(subject="Openbaar en aanvaard", is_public=True, status=Status.ACCEPTED)
    make_request(subject="Openbaar maar afgewezen", is_public=True, status=Status.REJECTED)
    make_request(subject="Niet openbaar", is_public=False, notes="Intern: bel de voorzitter")

    page = client.get(PUBLIC).content.decode()

    assert "Openbaar en nieuw" in page
    assert "Openbaar en aanvaard" in page
    assert "Openbaar maar afgewezen" not in page
    assert "Niet openbaar" not in page
    assert "Intern" not in page
    # Contact details stay hidden even on a public request.
    assert "ann@example.org" not in page and "Ann Peeters" not in page


def test_public_list_counts_supporters_in_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    people = [make_person() for _ in range(3)]
    for number in range(25):
        course_request = make_request(subject=f"Vraag {number}", is_public=True, theme=make_theme(f"Thema {number}"))
        for person in people[: number % 4]:
            CourseRequestSupport.objects.create(course_request=course_request, person=person)
    client.force_login(people[0])

    with django_assert_max_num_queries(12):
        response = client.get(PUBLIC)

    assert response.status_code == 200
    page = response.content.decode()
    assert "3 personen willen dit ook." in page
    assert "1 persoon wil dit ook." in page
    assert "Je steunt deze vraag." in page


def test_anonymous_visitors_get_a_link_to_log_in_instead_of_the_button(client, db):
    course_request = make_request(is_public=True)

    page = client.get(PUBLIC).content.decode()

    assert "Meld je aan om deze vraag te steunen" in page
    assert f"next=/vormingsvraag/openbaar/%23vraag-{course_request.pk}" in page
    assert f'action="{support_url(course_request)}"' not in page


# Voting


def test_a_logged_in_person_supports_a_public_request_once(client, db):
    course_request = make_request(is_public=True)
    person = make_person("bert@example.org")
    client.force_login(person)

    first = client.post(support_url(course_request))
    assert first.status_code == 302
    assert first["Location"] == f"{PUBLIC}#vraag-{course_request.pk}"
    assert texts(first) == ["Bedankt! Je steun voor deze vormingsvraag is geteld."]
    assert "Bedankt! Je steun" in client.get(first["Location"]).content.decode()

    second = client.post(support_url(course_request))

    assert second.status_code == 302
    assert texts(second) == ["Je steunt deze vormingsvraag al. Je steun telt maar één keer."]
    assert CourseRequestSupport.objects.filter(course_request=course_request).count() == 1
    page = client.get(PUBLIC).content.decode()
    assert "1 persoon wil dit ook." in page
    assert "Je steunt deze vraag." in page


@pytest.mark.parametrize(
    ("is_public", "status"), [(False, Status.NEW), (False, Status.ACCEPTED), (True, Status.REJECTED)]
)
def test_a_request_that_is_not_public_is_a_404(client, db, is_public, status):
    course_request = make_request(is_public=is_public, status=status)
    client.force_login(make_person())

    response = client.post(support_url(course_request))

    assert response.status_code == 404
    assert not CourseRequestSupport.objects.exists()


def test_anonymous_vote_is_sent_to_log_in_and_back_to_the_request(client, db):
    course_request = make_request(is_public=True)

    response = client.post(support_url(course_request))

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next=/vormingsvraag/openbaar/%23vraag-{course_request.pk}"
    assert not CourseRequestSupport.objects.exists()


def test_voting_needs_a_post(client, db):
    course_request = make_request(is_public=True)
    client.force_login(make_person())

    # A GET (after a login that followed an expired session) goes back to the request.
    assert client.get(support_url(course_request))["Location"] == f"/vormingsvraag/openbaar/#vraag-{course_request.pk}"
    assert client.put(support_url(course_request)).status_code == 405
    assert not CourseRequestSupport.objects.exists()


def test_behind_the_load_balancer_the_limit_counts_per_visitor(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    limit = int(REQUEST_RATE.split("/")[0])
    balancer = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(limit):
        client.post(FORM, {"website": ""}, HTTP_X_FORWARDED_FOR="203.0.113.5", **balancer)

    assert client.post(FORM, {"website": ""}, HTTP_X_FORWARDED_FOR="203.0.113.5", **balancer).status_code == 429
    assert client.post(FORM, {"website": ""}, HTTP_X_FORWARDED_FOR="203.0.113.6", **balancer).status_code == 200


def test_ipv6_addresses_count_per_network(rf):
    first = rf.post(FORM, REMOTE_ADDR="2001:db8:1:2:aaaa::1")
    second = rf.post(FORM, REMOTE_ADDR="2001:db8:1:2:bbbb::2")
    other = rf.post(FORM, REMOTE_ADDR="2001:db8:1:3::1")

    assert client_address(None, first) == client_address(None, second) == "2001:db8:1:2::/64"
    assert client_address(None, other) != client_address(None, first)
    assert client_address(None, rf.post(FORM, REMOTE_ADDR="192.0.2.7")) == "192.0.2.7"
