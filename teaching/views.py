"""The trainer's pages: their editions, an edition's participants, its attendance sheet.

An edition the person may not see is a 404, not a 403, for another trainer too: which
editions exist and who takes part is nobody else's business.
"""

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_safe

from attendance.selectors import can_take_roll_call
from materials import services as material_services
from materials.exceptions import MaterialError
from teaching import rendering, selectors, services
from teaching.exceptions import ProposalError, TeachingError
from teaching.forms import MaterialForm, ParticipantMessageForm, ProposalForm

# Counted per person in the shared cache, over every POST: a message to a whole group is
# rare, a sixth one within the hour is a mistake or a script.
MESSAGE_RATE = "5/h"


def _get_edition(request, edition_id):
    return get_object_or_404(selectors.list_editions_for_participant_lists(request.user), pk=edition_id)


@require_safe
@login_required
def my_editions(request):
    return render(
        request,
        "teaching/my_editions.html",
        {
            "overview": selectors.get_trainer_overview(request.user),
            "can_propose": selectors.list_places_for_proposals(request.user).exists(),
        },
    )


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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
def material(request, edition_id):
    """The material of an edition, and a form to add to it: for the whole course or one
    of the edition's sessions, named by date."""
    edition = get_object_or_404(selectors.list_editions_with_editable_material(request.user), pk=edition_id)
    form = MaterialForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        edition=edition,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = material_services.add_material(
                edition.course,
                session=data["session"],
                title=data["title"],
                kind=data["kind"],
                visibility=data["visibility"],
                text=data["text"],
                upload=data["upload"],
                link_url=data["link_url"],
                video_url=data["video_url"],
                by=request.user,
            )
        except MaterialError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": added.title})
            return redirect("teaching:material", edition_id=edition.pk)
    return render(
        request,
        "teaching/material.html",
        {"edition": edition, "course": edition.course, "form": form, **selectors.get_edition_material(edition)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@cache_control(private=True, no_store=True)
def propose(request):
    """Propose a course with the dates of its first edition: both go to the steering group
    as one proposal, in the admin's moderation workflow."""
    places = selectors.list_places_for_proposals(request.user)
    if not places.exists():
        raise Http404
    form = ProposalForm(request.POST if request.method == "POST" else None, places=places)
    if request.method == "POST" and form.is_valid():
        try:
            course, _edition = services.propose_course(
                form.cleaned_data["place"].specific,
                by=request.user,
                course=form.get_course(),
                edition=form.get_edition(),
            )
        except ProposalError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Je voorstel ‘%(title)s’ is ingediend. De stuurgroep beslist over de vorming en haar datums samen.")
                % {"title": course.title},
            )
            return redirect("teaching:editions")
    return render(request, "teaching/propose.html", {"form": form})
