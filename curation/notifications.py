"""The mails a requester gets about their course request: plain, short, Dutch."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from academy.outbox import send_once
from academy.sites import default_site_url
from curation.models import CourseRequest, CourseRequestEvent

STATUS_TEXTS = {
    CourseRequest.Status.NEW: _("Je vraag staat opnieuw als nieuw genoteerd. De stuurgroep bekijkt ze binnenkort."),
    CourseRequest.Status.IN_REVIEW: _(
        "De stuurgroep bekijkt je vraag nu. Misschien nemen we contact met je op voor meer uitleg."
    ),
    CourseRequest.Status.ACCEPTED: _(
        "Goed nieuws: de stuurgroep heeft je vraag aanvaard. We zoeken nu een lesgever, een plaats en een datum."
    ),
    CourseRequest.Status.SCHEDULED: _("Goed nieuws: er is een vorming ingepland die op je vraag antwoordt."),
    CourseRequest.Status.REJECTED: _(
        "Jammer: de stuurgroep kan niet ingaan op je vraag. Misschien past een vorming uit ons aanbod wel."
    ),
}


def _send(course_request, kind, context, *, event):
    # An erased account takes its address off the requests it filed: nobody to tell then.
    if not course_request.contact_email:
        return
    site_url = default_site_url()
    context = {
        "course_request": course_request,
        "site_url": site_url,
        "public_list_url": site_url + reverse("curation:public_list"),
        "catalogue_url": site_url + "/aanbod/",
        **context,
    }
    subject = render_to_string(f"curation/mail/{kind}_subject.txt", context).strip()
    body = render_to_string(f"curation/mail/{kind}.txt", context)
    send_once(EmailMessage(subject=subject, body=body, to=[course_request.contact_email]), event=event)


def send_request_received(course_request: CourseRequest):
    """Confirm to the contact that the request arrived and say what happens next."""
    _send(course_request, "received", {}, event=f"course_request:received:{course_request.pk}")


def send_status_change(event: CourseRequestEvent):
    """Tell the contact about the status the event gave the request, with its note."""
    course_request = event.course_request
    course = course_request.answered_by_course
    edition = course_request.answered_by_edition
    _send(
        course_request,
        "status",
        {
            "event": event,
            "status_label": event.get_status_display(),
            "status_text": STATUS_TEXTS[event.status],
            "course": course,
            "course_url": course.full_url if course is not None and course.live else "",
            "edition": edition,
        },
        event=f"course_request:status:{event.pk}",
    )
