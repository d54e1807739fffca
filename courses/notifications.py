"""The mails of an edition's approval round: plain, short, Dutch."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from academy.outbox import send_each_once
from academy.sites import default_site_url
from courses.models import EditionReview
from courses.selectors import list_approver_addresses, list_review_recipients


def send_edition_submitted(review: EditionReview) -> int:
    """Tell the steering group that an edition waits for its approval, with a link to the
    review page, once per review and approver. Return the number of mails sent now."""
    recipients = list_approver_addresses(review.edition)
    if not recipients:
        return 0
    context = {
        "review": review,
        "edition": review.edition,
        "review_url": default_site_url() + reverse("editions:review", args=[review.edition_id]),
    }
    subject = render_to_string("courses/mail/edition_submitted_subject.txt", context).strip()
    body = render_to_string("courses/mail/edition_submitted.txt", context)
    event = f"edition_review:submitted:{review.pk}"
    return send_each_once((event, EmailMessage(subject=subject, body=body, to=[address])) for address in recipients)


def send_edition_decision(review: EditionReview) -> int:
    """Tell the edition's trainers and its submitter that the steering group approved it or
    asks for changes, with the group's comment, once per review and person. Return the
    number of mails sent now."""
    recipients = list_review_recipients(review)
    if not recipients:
        return 0
    context = {
        "review": review,
        "edition": review.edition,
        "approved": review.step == EditionReview.Step.APPROVED,
        "edit_url": default_site_url() + reverse("editions:edit", args=[review.edition_id]),
    }
    subject = render_to_string("courses/mail/edition_decision_subject.txt", context).strip()
    body = render_to_string("courses/mail/edition_decision.txt", context)
    # One mail each, so that trainers from different organisations do not see each other's address.
    event = f"edition_review:decision:{review.pk}"
    return send_each_once((event, EmailMessage(subject=subject, body=body, to=[address])) for address in recipients)
