from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail import hooks

from academy.post_only import require_post_or_go_back
from courses.models import Edition
from enrolment import extensions, services
from enrolment.exceptions import EnrolmentError
from enrolment.models import Enrolment
from enrolment.partner_channel import get_partner_channel
from enrolment.selectors import get_cancellation, get_dashboard, get_enrolment_start, get_own_enrolment


@login_required
def dashboard(request):
    context = get_dashboard(request.user)
    # Links to pages of apps above enrolment (partner_contacts): (url, label) pairs.
    context["more_links"] = [link for hook in hooks.get_hooks("mijn_academie_links") for link in hook(request.user)]
    return render(request, "enrolment/dashboard.html", context)


# Counted per person in the shared cache: generous for people, tight for scripts.
ENROLMENT_RATE = "20/m"


def _too_many(request):
    return render(request, "429.html", status=429)


def _edition_on_its_course_page(request, edition_id):
    edition = Edition.objects.select_related("course").filter(pk=edition_id, course__live=True).first()
    return f"{edition.course.url}#editie-{edition.pk}" if edition else "/aanbod/"


@require_post_or_go_back(_edition_on_its_course_page)
@login_required
@ratelimit(key="user", rate=ENROLMENT_RATE, method="POST", block=False)
def enrol(request, edition_id):
    if request.limited:
        return _too_many(request)
    # An edition the public site may not show is a 404, as its page would be; whether a
    # public edition takes enrolments now is the service's to say, in a message.
    edition = get_object_or_404(Edition.objects.public().select_related("course"), pk=edition_id)
    # What the person answered for the apps that hook into enrolment (the rate they pay);
    # those apps validate it and refuse with a message.
    return _enrol_and_show(request, edition, rate=request.POST.get("tarief", ""))


def _enrol_and_show(request, edition, *, rate):
    """Enrol the person through the service and redirect to where the outcome shows."""
    # Tagged with the edition's card, so its page shows the message beside the edition.
    card = f"editie-{edition.pk}"
    try:
        outcome = services.enrol(
            edition,
            person=request.user,
            via_partner=get_partner_channel(request),
            details={"rate": rate},
        )
    except EnrolmentError as error:
        messages.error(request, error.message, extra_tags=card)
    else:
        if outcome.is_waitlisted:
            messages.warning(
                request,
                _("Deze editie is volzet: je staat op de wachtlijst. We mailen je als er een plaats vrijkomt."),
                extra_tags=card,
            )
        else:
            messages.success(request, _("Je bent ingeschreven. Je krijgt een bevestiging per e-mail."), extra_tags=card)
        for session in outcome.overlapping_sessions:
            messages.warning(
                request,
                _("Let op: dit valt samen met “%(title)s” op %(date)s, waarvoor je ook ingeschreven bent.")
                % {
                    "title": session.edition.course.title,
                    "date": date_format(timezone.localtime(session.starts_at), "j F Y, H:i"),
                },
                extra_tags=card,
            )
        next_url = extensions.confirmation_url(outcome.enrolment)
        if next_url:
            return redirect(next_url)
    return redirect(f"{edition.course.url}#editie-{edition.pk}")


# The edition someone pressed "Inschrijven" on before they had logged in.
INTENT_SESSION_KEY = "enrolment:intent"


@require_http_methods(["GET", "HEAD"])
@ratelimit(key="user_or_ip", rate=ENROLMENT_RATE, method="GET", block=False)
def start_enrolment(request, edition_id):
    """Take someone from an edition's "Inschrijven" through an account to their seat.

    Without a login, remember the edition in the session and offer to create an account or
    to log in, both coming back here (through the confirmation mail too). Logged in, enrol in
    the edition this browser remembered and show the seat on the course page; without it (a
    link opened elsewhere), or when a rate must be chosen, show the edition, whose button
    enrols with one tap.
    """
    if request.limited:
        return _too_many(request)
    edition = get_object_or_404(Edition.objects.public().select_related("course"), pk=edition_id)
    if not request.user.is_authenticated:
        request.session[INTENT_SESSION_KEY] = edition.pk
        return render(request, "enrolment/start.html", get_enrolment_start(edition, here=request.get_full_path()))
    card = f"editie-{edition.pk}"
    if request.session.pop(INTENT_SESSION_KEY, None) == edition.pk and not edition.price:
        return _enrol_and_show(request, edition, rate="")
    if not get_own_enrolment(edition, person=request.user):
        if edition.price:
            messages.info(request, _("Kies hieronder je tarief en bevestig je inschrijving."), extra_tags=card)
        else:
            messages.info(request, _("Bevestig je inschrijving met de knop “Inschrijven”."), extra_tags=card)
    return redirect(f"{edition.course.url}#{card}")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@ratelimit(key="user", rate=ENROLMENT_RATE, method="POST", block=False)
def cancel(request, enrolment_id):
    """GET asks whether to cancel and says what is lost; POST cancels."""
    if request.limited:
        return _too_many(request)
    # Someone else's enrolment is a 404, not a 403: its existence is nobody else's business.
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("edition__course"), pk=enrolment_id, person=request.user
    )
    if request.method != "POST":
        if not enrolment.is_active:
            messages.info(request, _("Deze inschrijving is al geannuleerd."))
            return redirect("enrolment:dashboard")
        return render(request, "enrolment/cancel_confirm.html", get_cancellation(enrolment))
    try:
        services.cancel_enrolment(enrolment, by=request.user)
    except EnrolmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Je inschrijving is geannuleerd."))
    return redirect("enrolment:dashboard")
