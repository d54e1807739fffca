"""No seat stays empty while people wait: every path that frees a seat fills it at once,
a cache that is down rolls nothing back, and reconcile_waitlists repairs what a failure
left behind."""

from datetime import timedelta
from io import StringIO

import pytest

from django.core import mail
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.utils import timezone

from accounts.personal_data import anonymise_account
from courses.models import Edition
from enrolment import services
from enrolment.models import Enrolment
from enrolment.tasks import promote_waitlist
from tests.factories import make_edition, make_person

Status = Enrolment.Status


@pytest.fixture
def edition(offer):
    Edition.objects.filter(pk=offer["edition"].pk).update(capacity=2)
    return Edition.objects.get(pk=offer["edition"].pk)


@pytest.fixture
def enrolments(edition):
    """Two confirmed, two on the waitlist, in this order."""
    return [services.enrol(edition, person=make_person()).enrolment for _ in range(4)]


def statuses(enrolments):
    return [Enrolment.objects.get(pk=enrolment.pk).status for enrolment in enrolments]


def lose_a_promotion(enrolment):
    """Free the seat the way a lost promotion task used to leave it: cancelled, nobody promoted."""
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Status.CANCELLED, cancelled_at=timezone.now())


def reconcile():
    out = StringIO()
    call_command("reconcile_waitlists", stdout=out)
    return out.getvalue()


def test_reconciliation_fills_a_seat_a_lost_promotion_left_empty(
    enrolments, edition, django_capture_on_commit_callbacks
):
    lose_a_promotion(enrolments[0])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        output = reconcile()

    assert statuses(enrolments) == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert [message.to for message in mail.outbox] == [[enrolments[2].person.email]]
    assert mail.outbox[0].subject.startswith("Er is een plaats vrij")
    assert f"Editie {edition.pk}: 1 persoon/personen" in output
    assert "1 vrije plaats(en) ingevuld." in output


def test_a_second_reconciliation_does_nothing(enrolments, django_capture_on_commit_callbacks):
    lose_a_promotion(enrolments[0])
    with django_capture_on_commit_callbacks(execute=True):
        reconcile()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        output = reconcile()

    assert "0 vrije plaats(en) ingevuld." in output
    assert statuses(enrolments) == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert callbacks == []
    assert mail.outbox == []


def test_reconciliation_fills_several_seats_in_waitlist_order(edition):
    people = [services.enrol(edition, person=make_person()).enrolment for _ in range(5)]
    lose_a_promotion(people[0])
    lose_a_promotion(people[1])

    promoted = services.reconcile_waitlists()

    assert promoted == {edition.pk: [people[2], people[3]]}
    assert statuses(people)[2:] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


@pytest.mark.parametrize(
    "change",
    [
        {"status": Edition.Status.CANCELLED},
        {"status": Edition.Status.DRAFT},
    ],
    ids=["cancelled", "not-approved"],
)
def test_reconciliation_leaves_editions_that_are_not_approved_alone(enrolments, edition, change):
    lose_a_promotion(enrolments[0])
    Edition.objects.filter(pk=edition.pk).update(**change)

    assert services.reconcile_waitlists() == {}
    assert statuses(enrolments)[2] == Status.WAITLISTED


def test_reconciliation_leaves_an_ended_edition_alone(enrolments, edition):
    lose_a_promotion(enrolments[0])
    Edition.objects.filter(pk=edition.pk).update(ends_at=timezone.now() - timedelta(hours=1))

    assert services.reconcile_waitlists() == {}
    assert statuses(enrolments)[2] == Status.WAITLISTED


def test_the_promote_waitlist_task_also_repairs_other_editions(enrolments, offer):
    lose_a_promotion(enrolments[0])
    other = make_edition(offer["course"], starts_in_days=60)

    promote_waitlist.enqueue(other.pk)

    assert statuses(enrolments)[2] == Status.CONFIRMED


def test_erasing_an_account_hands_its_seat_to_the_waitlist_at_once(enrolments):
    # No on-commit callback runs here: the seat must not wait for a task.
    anonymise_account(enrolments[0].person)

    assert statuses(enrolments) == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]


def refuse(*args, **kwargs):
    raise ConnectionError("Connection refused")


@pytest.fixture
def cache_down(monkeypatch):
    """A cache whose server refuses every write, as Redis does when it is stopped."""
    for name in ("incr", "add", "set", "set_many", "delete"):
        monkeypatch.setattr(LocMemCache, name, refuse)


@pytest.fixture
def queued_tasks(settings):
    """Tasks queued rather than run: the mails a worker would send later."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    from django.tasks import default_task_backend

    return default_task_backend.results


def queued_mails(results):
    return sorted(tuple(result.args) for result in results if result.task.name == "send_enrolment_mail")


def test_a_cache_that_is_down_rolls_back_no_promotion(
    enrolments, cache_down, queued_tasks, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_enrolment(enrolments[0], by=enrolments[0].person)

    assert statuses(enrolments) == [Status.CANCELLED, Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert queued_mails(queued_tasks) == sorted([(enrolments[0].pk, "cancelled"), (enrolments[2].pk, "promoted")])
    assert "Could not drop the places left of the catalogue" in caplog.text


def test_a_cache_that_is_down_stops_no_reconciliation(
    enrolments, cache_down, queued_tasks, django_capture_on_commit_callbacks
):
    lose_a_promotion(enrolments[0])

    with django_capture_on_commit_callbacks(execute=True):
        reconcile()

    assert statuses(enrolments)[2] == Status.CONFIRMED
    assert queued_mails(queued_tasks) == [(enrolments[2].pk, "promoted")]
