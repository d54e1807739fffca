"""The roll call and self check-in, by HTTP: who may, what is saved, what is refused."""

from datetime import timedelta

import pytest

from django.contrib.messages import get_messages
from django.utils import timezone

from wagtail.models import ModelLogEntry

from attendance.models import Attendance, CheckInCode
from attendance.services import ensure_check_in_code
from attendance.views import CHECK_IN_RATE, ROLL_CALL_RATE
from certificates.models import Certificate
from courses.models import Session
from tests.attendance.conftest import confirm, named_person
from tests.factories import make_person

PRESENT, ABSENT, EXCUSED = Attendance.Status.PRESENT, Attendance.Status.ABSENT, Attendance.Status.EXCUSED


def roll_call_url(session):
    return f"/lesgever/sessies/{session.pk}/aanwezigheden/"


def post_marks(client, session, pairs):
    return client.post(roll_call_url(session), {f"mark_{enrolment.pk}": status for enrolment, status in pairs})


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# The roll call


def test_full_room_shortcut_marks_everyone_without_a_mark_present(client, trainer, edition, first_session, enrolment):
    absent = confirm(edition, named_person("Bo", "Absent", "bo@example.org"))
    excused_earlier = confirm(edition, named_person("Cas", "Excuus", "cas@example.org"))
    Attendance.objects.create(enrolment=excused_earlier, session=first_session, status=EXCUSED)
    client.force_login(trainer)

    response = client.post(roll_call_url(first_session), {f"mark_{absent.pk}": ABSENT, "iedereen_aanwezig": "1"})

    assert response.status_code == 302
    marks = dict(Attendance.objects.filter(session=first_session).values_list("enrolment_id", "status"))
    assert marks == {enrolment.pk: PRESENT, absent.pk: ABSENT, excused_earlier.pk: EXCUSED}


def test_roll_call_lists_the_confirmed_participants_with_a_radio_group_each(client, trainer, first_session, enrolment):
    client.force_login(trainer)

    response = client.get(roll_call_url(first_session))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<legend>An Peeters</legend>" in html
    for status in (PRESENT, ABSENT, EXCUSED):
        assert f'name="mark_{enrolment.pk}" value="{status}"' in html
    assert "Gewettigd afwezig" in html
    assert "private" in response["Cache-Control"]


def test_trainer_marks_a_whole_session_at_once(client, trainer, edition, first_session, enrolment):
    bart = confirm(edition, named_person("Bart", "Claes"))
    chris = confirm(edition, named_person("Chris", "Janssens"))
    client.force_login(trainer)

    response = post_marks(client, first_session, [(enrolment, PRESENT), (bart, ABSENT), (chris, EXCUSED)])

    assert response.status_code == 302
    assert response["Location"] == roll_call_url(first_session)
    saved = dict(Attendance.objects.filter(session=first_session).values_list("enrolment_id", "status"))
    assert saved == {enrolment.pk: PRESENT, bart.pk: ABSENT, chris.pk: EXCUSED}
    assert set(Attendance.objects.values_list("recorded_by", flat=True)) == {trainer.pk}
    assert message_texts(response) == ["De aanwezigheden zijn bewaard: 3 wijzigingen."]
    entry = ModelLogEntry.objects.get(action="academy.attendance_recorded")
    assert entry.user == trainer and entry.data["session"] == first_session.pk


def test_current_marks_are_chosen_when_the_page_opens_again(client, trainer, first_session, enrolment):
    client.force_login(trainer)
    post_marks(client, first_session, [(enrolment, EXCUSED)])

    html = client.get(roll_call_url(first_session)).content.decode()

    assert f'name="mark_{enrolment.pk}" value="{EXCUSED}" id="id_mark_{enrolment.pk}_2" checked' in html
    assert f'value="{ABSENT}" id="id_mark_{enrolment.pk}_1" checked' not in html


def test_marking_every_session_issues_the_certificate(
    client, trainer, edition, enrolment, django_capture_on_commit_callbacks
):
    client.force_login(trainer)

    for session in edition.sessions.all():
        with django_capture_on_commit_callbacks(execute=True):
            post_marks(client, session, [(enrolment, PRESENT)])

    certificate = Certificate.objects.get()
    assert (certificate.person, certificate.edition) == (enrolment.person, edition)


def test_a_late_enroller_is_shown_as_such_and_not_marked_absent(client, trainer, edition, first_session, enrolment):
    late = confirm(edition, named_person("Lotte", "Laat"), joined_at=first_session.starts_at + timedelta(hours=1))
    client.force_login(trainer)

    html = client.get(roll_call_url(first_session)).content.decode()
    response = post_marks(client, first_session, [(enrolment, PRESENT)])

    assert "Ingeschreven na het begin van deze sessie" in html
    assert f'name="mark_{late.pk}" value="{ABSENT}" id="id_mark_{late.pk}_1" checked' not in html
    assert response.status_code == 302
    assert not Attendance.objects.filter(enrolment=late).exists()


def test_an_unknown_status_changes_nothing(client, trainer, first_session, enrolment):
    client.force_login(trainer)
    post_marks(client, first_session, [(enrolment, PRESENT)])

    response = post_marks(client, first_session, [(enrolment, "misschien")])

    assert response.status_code == 200
    assert "Kies aanwezig, afwezig of gewettigd afwezig." in response.content.decode()
    assert "Er is iets niet in orde" in message_texts(response)[-1]
    assert Attendance.objects.get().status == PRESENT


def test_a_session_that_has_not_begun_takes_no_presence(client, trainer, offer, edition, enrolment):
    later = Session.objects.create(
        edition=edition,
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=3),
        venue=edition.sessions.first().venue,
    )
    client.force_login(trainer)

    response = post_marks(client, later, [(enrolment, PRESENT)])

    assert response.status_code == 200
    assert message_texts(response) == [
        "Deze sessie is nog niet begonnen. Aanwezig of afwezig noteer je vanaf kort voor het begin."
    ]
    assert not Attendance.objects.exists()


def test_staff_take_the_roll_call_of_any_edition(client, staff_member, first_session, enrolment):
    client.force_login(staff_member)

    response = post_marks(client, first_session, [(enrolment, PRESENT)])

    assert response.status_code == 302
    assert Attendance.objects.get().recorded_by == staff_member


@pytest.mark.parametrize("who", ["other_trainer", "steering_member", "participant"])
def test_nobody_else_sees_or_takes_the_roll_call(client, request, who, first_session, enrolment):
    client.force_login(request.getfixturevalue(who))

    assert client.get(roll_call_url(first_session)).status_code == 404
    assert post_marks(client, first_session, [(enrolment, PRESENT)]).status_code == 404
    assert not Attendance.objects.exists()


def test_the_roll_call_needs_a_login(client, first_session, enrolment):
    response = post_marks(client, first_session, [(enrolment, PRESENT)])

    assert response.status_code == 302
    assert "login" in response["Location"]
    assert not Attendance.objects.exists()


def test_saving_the_roll_call_is_rate_limited(client, trainer, first_session, enrolment):
    client.force_login(trainer)
    limit = int(ROLL_CALL_RATE.split("/")[0])
    for _ in range(limit):
        post_marks(client, first_session, [(enrolment, PRESENT)])

    response = post_marks(client, first_session, [(enrolment, ABSENT)])

    assert response.status_code == 429
    assert Attendance.objects.get().status == PRESENT


def test_the_roll_call_page_takes_a_fixed_number_of_queries(
    client, trainer, edition, first_session, django_assert_max_num_queries
):
    enrolments = [confirm(edition, named_person(f"Deelnemer{index}", "Groep")) for index in range(30)]
    for enrolment in enrolments[::2]:
        Attendance.objects.create(enrolment=enrolment, session=first_session, status=PRESENT)
    ensure_check_in_code(first_session)
    client.force_login(trainer)

    # One of them is the two-factor check, which guards the trainer's pages as the admin.
    with django_assert_max_num_queries(15):
        response = client.get(roll_call_url(first_session))

    assert response.content.decode().count("<fieldset") == 30


def test_the_roll_call_shows_the_check_in_code_and_its_qr_code(client, trainer, first_session):
    client.force_login(trainer)

    html = client.get(roll_call_url(first_session)).content.decode()

    code = CheckInCode.objects.get(session=first_session).code
    assert f'<strong class="check-in-code">{code}</strong>' in html
    assert 'src="data:image/svg+xml' in html
    assert 'alt="QR-code naar de incheckpagina van deze sessie"' in html


def test_the_participant_list_links_each_session_to_its_roll_call(client, trainer, steering_member, edition):
    client.force_login(trainer)
    html = client.get(f"/lesgever/edities/{edition.pk}/deelnemers/").content.decode()
    for session in edition.sessions.all():
        assert f'href="{roll_call_url(session)}"' in html

    client.force_login(steering_member)
    html = client.get(f"/lesgever/edities/{edition.pk}/deelnemers/").content.decode()
    assert "/aanwezigheden/" not in html


# Self check-in


def check_in_url(session):
    return f"/inchecken/{ensure_check_in_code(session)}/"


def test_a_participant_checks_in_during_the_session(client, participant, current_session, enrolment):
    client.force_login(participant)
    url = check_in_url(current_session)

    page = client.get(url).content.decode()
    response = client.post(url)

    assert "Ik ben aanwezig" in page
    assert response.status_code == 302 and response["Location"] == url
    attendance = Attendance.objects.get()
    assert (attendance.session, attendance.status, attendance.source) == (current_session, PRESENT, "zelf")
    assert message_texts(response) == ["Je bent ingecheckt. Fijne sessie!"]
    assert "Je bent ingecheckt voor deze sessie." in client.get(url).content.decode()


@pytest.mark.parametrize("hours", [-5, 5], ids=["before", "after"])
def test_check_in_outside_the_session_is_refused(client, participant, edition, enrolment, hours):
    # Five hours ahead, or ended five hours ago.
    starts_at = timezone.now() + timedelta(hours=hours) - (timedelta(0) if hours > 0 else timedelta(hours=2))
    session = Session.objects.create(
        edition=edition, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2), online_url="https://example.org"
    )
    client.force_login(participant)
    url = check_in_url(session)

    page = client.get(url).content.decode()
    response = client.post(url)

    assert "Ik ben aanwezig" not in page
    assert "Inchecken kan vanaf" in page or "Inchecken kan alleen" in page
    assert message_texts(response) == ["Inchecken kan alleen tijdens de sessie en kort ervoor."]
    assert not Attendance.objects.exists()


def test_an_unknown_code_is_refused(client, participant, current_session, enrolment):
    client.force_login(participant)

    response = client.post("/inchecken/ZZZZZZ/")

    assert response.status_code == 404
    assert "Deze code kennen we niet." in response.content.decode()
    assert not Attendance.objects.exists()


def test_someone_not_enrolled_cannot_check_in(client, current_session, enrolment):
    client.force_login(make_person())

    response = client.post(check_in_url(current_session))

    assert message_texts(response) == ["Je bent niet ingeschreven voor deze sessie."]
    assert not Attendance.objects.exists()


def test_the_check_in_page_tells_someone_not_enrolled_before_they_press(client, current_session, enrolment):
    client.force_login(make_person())

    html = client.get(check_in_url(current_session)).content.decode()

    assert "Je bent niet ingeschreven voor deze sessie." in html
    assert "Ik ben aanwezig" not in html


def test_check_in_sends_the_anonymous_to_the_login_and_back(client, current_session):
    url = check_in_url(current_session)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next={url}"


def test_a_typed_code_checks_in_whatever_its_case_and_spaces(client, participant, current_session, enrolment):
    code = ensure_check_in_code(current_session)
    client.force_login(participant)

    response = client.post("/inchecken/", {"code": f" {code[:3].lower()} {code[3:]} "})

    assert response.status_code == 302 and response["Location"] == "/mijn/"
    assert Attendance.objects.get().status == PRESENT


def test_a_wrong_typed_code_says_so_next_to_the_field(client, participant, current_session, enrolment):
    client.force_login(participant)

    response = client.post("/inchecken/", {"code": "QQQQQQ"})

    assert response.status_code == 200
    assert "Deze code kennen we niet." in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Attendance.objects.exists()


def test_checking_in_is_rate_limited_per_person(client, participant, current_session, enrolment):
    client.force_login(participant)
    limit = int(CHECK_IN_RATE.split("/")[0])
    for _ in range(limit):
        client.post("/inchecken/", {"code": "QQQQQQ"})

    response = client.post(check_in_url(current_session))

    assert response.status_code == 429
    assert not Attendance.objects.exists()
