"""Every mail has its plain text and the same text as HTML in the academy's layout."""

import re

import pytest

from django.core import mail
from django.core.mail import EmailMessage, EmailMultiAlternatives

from academy.mail_layout import add_html_alternative
from academy.outbox import send_once
from courses.models import CoursePage
from enrolment import services
from tests.accounts.test_mail_address import ADDRESS, public_site  # noqa: F401
from tests.accounts.test_signup import SIGNUP
from tests.factories import make_person

pytestmark = pytest.mark.usefixtures("public_site")


def parts_of(message):
    """The MIME types of the message's leaves as the recipient's mail program sees them."""
    return [part.get_content_type() for part in message.message().walk() if not part.is_multipart()]


def html_of(message):
    [(html, mimetype)] = [(alt.content, alt.mimetype) for alt in message.alternatives]
    assert mimetype == "text/html"
    return html


def test_enrolment_mail_has_text_and_html_in_the_brand(offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(offer["edition"], person=make_person("dina@example.org"))

    [message] = mail.outbox
    assert parts_of(message) == ["text/plain", "text/html", "text/calendar"]
    # The text part too names the academy as its settings do, and links to its address.
    assert f"{ADDRESS}/mijn/" in message.body
    assert message.body.rstrip().endswith("Academie Samen Sterk")
    html = html_of(message)
    assert "Academie Samen Sterk" in html
    assert f'<a href="{ADDRESS}/mijn/"' in html
    assert f'<a href="{ADDRESS}/"' in html
    assert "<h1" in html and "Ingeschreven: Hoe werkt de gemeente?" in html
    for host in ("localhost", "127.0.0.1", "testserver"):
        assert host not in html


def test_signup_mail_has_text_and_html_with_the_confirmation_link(client):
    client.post("/account/signup/", {**SIGNUP, "next": "/aanbod/"})

    [message] = mail.outbox
    assert parts_of(message) == ["text/plain", "text/html"]
    link = re.search(rf"{re.escape(ADDRESS)}/account/confirm-email/\S+", message.body).group(0)
    html = html_of(message)
    assert "Academie Samen Sterk" in html
    assert f'<a href="{link.replace("&", "&amp;")}"' in html


def test_html_part_escapes_what_the_text_says(offer, django_capture_on_commit_callbacks):
    CoursePage.objects.filter(pk=offer["course"].pk).update(title="Macht & <script>tegenmacht</script>")

    with django_capture_on_commit_callbacks(execute=True):
        services.enrol(offer["edition"], person=make_person("dina@example.org"))

    html = html_of(mail.outbox[0])
    assert "<script>" not in html
    assert "&lt;script&gt;tegenmacht&lt;/script&gt;" in html


def test_a_mail_with_its_own_html_is_sent_as_it_is(site):
    message = EmailMultiAlternatives(subject="Eigen opmaak", body="Tekst", to=["an@example.org"])
    message.attach_alternative("<p>Eigen</p>", "text/html")

    assert add_html_alternative(message) is message
    send_once(message, event="test:own-html")
    assert [alt.content for alt in mail.outbox[0].alternatives] == ["<p>Eigen</p>"]


def test_the_text_part_stays_first_and_unchanged(site):
    send_once(EmailMessage(subject="Onderwerp", body="Dag An,\n\nTot dan.", to=["an@example.org"]), event="test:text")

    [message] = mail.outbox
    assert message.body == "Dag An,\n\nTot dan."
    assert parts_of(message) == ["text/plain", "text/html"]
    assert "<p>Dag An,</p>" in html_of(message)
