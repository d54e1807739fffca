"""The trainer's pages: their editions, an edition's participants, its attendance sheet.

An edition the person may not see is a 404, not a 403, for another trainer too: which
editions exist and who takes part is nobody else's business.
"""

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from attendance.selectors import can_take_roll_call
from teaching import rendering, selectors, services
from teaching.exceptions import TeachingError
from teaching.forms import ParticipantMessageForm

# Counted per person in the shared cache, over every POST: a message to a whole group is
# rare, a sixth one within the hour is a mistake or a script.
MESSAGE_RATE = "5/h"


def _get_edition(request, edition_id):
    return get_object_or_404(selectors.list_editions_for_participant_lists(request.user), pk=edition_id)


@require_safe
@login_required
def my_editions(request):
    return render(request, "teaching/my_editions.html", {"overview": selectors.get_trainer_overview(request.user)})


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
@ratelimit(key="user", rate=MESSAGE_RATE, method="POST", block=False)
def participants(request, edition_id):
    edition = _get_edition(request, edition_id)
    form = ParticipantMessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if request.limited:
            return render(request, "429.html", status=429)
        if form.is_valid():
            try:
                count = services.send_message_to_participants(
                    edition, subject=form.cleaned_data["subject"], body=form.cleaned_data["body"], by=request.user
                )
            except TeachingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Je bericht wordt verstuurd naar %(count)d deelnemer.",
                        "Je bericht wordt verstuurd naar %(count)d deelnemers.",
                        count,
                    )
                    % {"count": count},
                )
                return redirect("teaching:participants", edition_id=edition.pk)
    return render(
        request,
        "teaching/participants.html",
        {
            **selectors.get_participant_list(edition),
            "form": form,
            "can_take_roll_call": can_take_roll_call(request.user, edition),
        },
    )


@require_safe
@login_required
@cache_control(private=True, no_store=True)
def attendance_sheet(request, edition_id):
    edition = _get_edition(request, edition_id)
    pdf = rendering.render_attendance_sheet(edition, request=request)
    filename = slugify(_("aanwezigheidslijst %(edition)s") % {"edition": edition}) or "aanwezigheidslijst"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    return response
