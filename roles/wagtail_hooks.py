from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from courses.models import CoursePage, Edition
from enrolment import extensions
from roles.permission_policies import EditionPermissionPolicy
from roles.rules import (
    courses_editable_by_trainer,
    is_limited_to_own_offer,
    may_create_page_type,
    may_edit_course_page,
    may_view_every_participant,
)

# Registered before any viewset asks for the Edition policy (Wagtail would otherwise
# create a plain model-level fallback).
register_permission_policy(Edition, EditionPermissionPolicy(Edition), exact_class=True)


def _refuse(request, page, message):
    messages.error(request, message % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("before_edit_page")
def keep_trainers_to_their_own_courses_on_edit(request, page):
    if may_edit_course_page(request.user, page):
        return None
    if request.method == "GET" and not isinstance(page.specific, CoursePage):
        # A trainer who clicks a track's or a package's title in the explorer wants what
        # is in it, not an error: show its courses.
        return redirect("wagtailadmin_explore", page.pk)
    return _refuse(request, page, _("Je kunt ‘%(title)s’ niet bewerken: je bent geen lesgever van deze vorming."))


@hooks.register("before_delete_page")
def keep_trainers_to_their_own_courses_on_delete(request, page):
    if may_edit_course_page(request.user, page):
        return None
    return _refuse(request, page, _("Je kunt ‘%(title)s’ niet verwijderen: je bent geen lesgever van deze vorming."))


@hooks.register("before_move_page")
def keep_trainers_to_their_own_courses_on_move(request, page, destination):
    if may_edit_course_page(request.user, page):
        return None
    return _refuse(request, page, _("Je kunt ‘%(title)s’ niet verplaatsen: je bent geen lesgever van deze vorming."))


@hooks.register("before_create_page")
def let_trainers_create_only_courses(request, parent_page, page_class):
    if may_create_page_type(request.user, page_class):
        return None
    messages.error(request, _("Als lesgever kun je alleen vormingen toevoegen."))
    return redirect("wagtailadmin_explore", parent_page.pk)


@hooks.register("construct_edition_form")
def keep_trainers_to_editions_of_their_own_courses(form, user):
    if not is_limited_to_own_offer(user):
        return
    # A trainer proposes an edition; only the steering group approves it.
    form.fields["status"].disabled = True
    # And keeps it with a course they may edit.
    form.fields["course"].queryset = courses_editable_by_trainer(user)


# Participants' needs in the staff's enrolment exports, for who sees every participant's.
hooks.register(extensions.SEES_NEEDS, may_view_every_participant)
