"""academy.outbox: a mail is sent once per event and recipient; a failed send is not recorded."""

import threading
import time
from smtplib import SMTPDataError

import pytest

from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.locmem import EmailBackend
from django.db import connection, connections

from academy.models import SentMail
from academy.outbox import send_each_once, send_once


def message(to="ann@example.org"):
    return EmailMessage(subject="Bevestiging", body="Je bent ingeschreven.", to=[to])


def test_the_same_event_is_mailed_to_each_recipient_once(db):
    assert send_once(message(), event="enrolment:confirmed:1") is True
    assert send_once(message(), event="enrolment:confirmed:1") is False
    assert send_once(message("bert@example.org"), event="enrolment:confirmed:1") is True
    assert send_once(message(), event="enrolment:cancelled:1") is True

    assert [sent.to[0] for sent in mail.outbox] == ["ann@example.org", "bert@example.org", "ann@example.org"]


def test_a_failed_send_records_nothing_so_the_retry_sends_it(db, monkeypatch):
    real_send = EmailBackend.send_messages

    def refuse(self, messages):
        raise SMTPDataError(451, "Try again later")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with pytest.raises(SMTPDataError):
        send_once(message(), event="certificate:issued:7")
    assert not SentMail.objects.exists()

    monkeypatch.setattr(EmailBackend, "send_messages", real_send)
    assert send_once(message(), event="certificate:issued:7") is True
    assert len(mail.outbox) == 1


def test_a_batch_stopped_midway_sends_only_the_rest_the_second_time(db, monkeypatch):
    real_send = EmailBackend.send_messages
    sent_before_failure = []

    def fail_on_the_third(self, messages):
        sent_before_failure.append(messages[0].to[0])
        if len(sent_before_failure) == 3:
            raise ConnectionResetError("connection reset by peer")
        return real_send(self, messages)

    batch = [(f"certificate:issued:{n}", message(f"houder{n}@example.org")) for n in range(5)]
    monkeypatch.setattr(EmailBackend, "send_messages", fail_on_the_third)
    with pytest.raises(ConnectionResetError):
        send_each_once(batch)
    monkeypatch.setattr(EmailBackend, "send_messages", real_send)

    assert send_each_once(batch) == 3
    assert sorted(sent.to[0] for sent in mail.outbox) == [f"houder{n}@example.org" for n in range(5)]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_runs_at_once_mail_once(transactional_db, monkeypatch):
    """The second run waits on the first one's claim, then skips."""
    real_send = EmailBackend.send_messages
    first_is_sending = threading.Event()
    let_first_finish = threading.Event()

    def slow_send(self, messages):
        if not first_is_sending.is_set():
            first_is_sending.set()
            let_first_finish.wait(timeout=10)
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", slow_send)
    outcomes = {}

    def run(name):
        try:
            outcomes[name] = send_once(message(), event="enrolment:promoted:3")
        finally:
            connections.close_all()

    first = threading.Thread(target=run, args=("first",))
    first.start()
    assert first_is_sending.wait(timeout=10)
    second = threading.Thread(target=run, args=("second",))
    second.start()
    time.sleep(0.5)
    # The second insert of the same key blocks until the first transaction ends.
    assert "second" not in outcomes
    let_first_finish.set()
    first.join()
    second.join()

    assert outcomes == {"first": True, "second": False}
    assert len(mail.outbox) == 1
    assert SentMail.objects.count() == 1
