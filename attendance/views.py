"""The roll call of a session for its trainers and staff, and self check-in for participants.

A session the person may not take attendance for is a 404, not a 403, for another
trainer too, as on the trainer's other pages.
"""

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from attendance import selectors, services
from attendance.exceptions import AttendanceError, UnknownCheckInCode
from attendance.forms import CheckInCodeForm, RollCallForm

# Counted per person in the shared cache: a trainer saves a session a few times at most.
ROLL_CALL_RATE = "30/m"
ROLL_CALL_GROUP = "attendance.roll_call"
# Shared by both check-in forms: enough for typos, too few to try codes.
CHECK_IN_RATE = "10/m"
CHECK_IN_GROUP = "attendance.check_in"
# The name of the second submit button: everyone without a mark is present.
ALL_PRESENT = "iedereen_aanwezig"


def get_roll_call_session(user, session_id):
    return get_object_or_404(selectors.list_sessions_for_roll_call(user), pk=session_id)


def save_roll_call(request, session, form):
    """Validate the roll call and save it; say what happened. Return whether it was saved."""
    if not form.is_valid():
        messages.error(request, _("Er is iets niet in orde. Verbeter wat hieronder gemarkeerd is."))
        return False
    try:
        marks = form.get_marks(unmarked_present=ALL_PRESENT in request.POST)
        changed = services.record_attendance(session, marks=marks, by=request.user)
    except AttendanceError as error:
        messages.error(request, error.message)
        return False
    messages.success(
        request,
        ngettext(
            "De aanwezigheden zijn bewaard: %(count)d wijziging.",
            "De aanwezigheden zijn bewaard: %(count)d wijzigingen.",
            changed,
        )
        % {"count": changed},
    )
    return True


def get_check_in_context(request, session):
    code = services.ensure_check_in_code(session)
    return {
        "check_in_code": code,
        "check_in_url": request.build_absolute_uri(reverse("attendance:check_in", args=[code])),
        "check_in_open": selectors.is_check_in_open(session),
        "check_in_opens_at": selectors.get_check_in_opens_at(session),
    }


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
@ratelimit(key="user", group=ROLL_CALL_GROUP, rate=ROLL_CALL_RATE, method="POST", block=False)
def roll_call(request, session_id):
    session = get_roll_call_session(request.user, session_id)
    form = RollCallForm(selectors.get_roll_call(session), request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.limited:
            return render(request, "429.html", status=429)
        if save_roll_call(request, session, form):
            return redirect("attendance:roll_call", session_id=session.pk)
    return render(
        request,
        "attendance/roll_call.html",
        {"session": session, "edition": session.edition, "form": form, **get_check_in_context(request, session)},
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@cache_control(private=True, no_store=True)
def projector(request, session_id):
    """The check-in code and its QR code alone, large, for a projector or a screen in the room."""
    session = get_roll_call_session(request.user, session_id)
    return render(
        request,
        "attendance/projector.html",
        {"session": session, "edition": session.edition, **get_check_in_context(request, session)},
    )


def _check_in(request, code):
    try:
        services.check_in(code, person=request.user)
    except AttendanceError as error:
        return error
    messages.success(request, _("Je bent ingecheckt. Fijne sessie!"))
    return None


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
@ratelimit(key="user", group=CHECK_IN_GROUP, rate=CHECK_IN_RATE, method="POST", block=False)
def enter_code(request):
    form = CheckInCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.limited:
            return render(request, "429.html", status=429)
        if form.is_valid():
            error = _check_in(request, form.cleaned_data["code"])
            if error is None:
                return redirect("enrolment:dashboard")
            form.add_error("code", error.message)
    return render(request, "attendance/enter_code.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
@ratelimit(key="user", group=CHECK_IN_GROUP, rate=CHECK_IN_RATE, method="POST", block=False)
def check_in(request, code):
    session = selectors.get_session_for_check_in(code)
    if session is None:
        return render(request, "attendance/check_in.html", {"error": UnknownCheckInCode.message}, status=404)
    if request.method == "POST":
        if request.limited:
            return render(request, "429.html", status=429)
        error = _check_in(request, code)
        if error is None:
            return redirect("attendance:check_in", code=code)
        messages.error(request, error.message)
    return render(
        request,
        "attendance/check_in.html",
        {
            "session": session,
            "course": session.edition.course,
            "code": code,
            "is_open": selectors.is_check_in_open(session),
            "opens_at": selectors.get_check_in_opens_at(session),
            "attendance": selectors.get_own_attendance(session, request.user),
            "is_participant": selectors.is_confirmed_participant(session, request.user),
        },
    )


@require_POST
@login_required
@ratelimit(key="user", group=CHECK_IN_GROUP, rate=CHECK_IN_RATE, method="POST", block=False)
def check_in_session(request, session_id):
    """The one tap in Mijn academie: check in to a session running now without its code.

    Whether the person takes part in the session is the service's to say.
    """
    if request.limited:
        return render(request, "429.html", status=429)
    session = get_object_or_404(selectors.list_sessions_for_check_in(), pk=session_id)
    try:
        services.check_in_to_session(session, person=request.user)
    except AttendanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Je bent ingecheckt. Fijne sessie!"))
    return redirect("enrolment:dashboard")
