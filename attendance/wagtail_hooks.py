from functools import cache

from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from academy.person_merge import MERGE_PEOPLE
from attendance.admin_views import AdminRollCallView, SessionListView
from attendance.completion import get_completions
from attendance.merging import AttendanceRecords
from attendance.selectors import (
    can_take_any_roll_call,
    can_take_every_roll_call,
    can_take_roll_call,
    is_check_in_open,
    list_editions_for_roll_call,
    list_sessions_to_check_in,
)
from enrolment.extensions import EXPORT_COLUMNS, ExportColumn
from enrolment.models import Enrolment


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return can_take_any_roll_call(request.user)


@hooks.register("register_admin_urls")
def register_attendance_urls():
    return [
        path("aanwezigheden/", SessionListView.as_view(), name="attendance_admin_sessions"),
        path("aanwezigheden/<int:session_id>/", AdminRollCallView.as_view(), name="attendance_admin_roll_call"),
    ]


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return AttendanceMenuItem(_("Aanwezigheden"), reverse("attendance_admin_sessions"), icon_name="tasks", order=217)


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    actions.register_action(
        "academy.attendance_recorded", _("Aanwezigheden genoteerd"), _("Aanwezigheden van een sessie genoteerd")
    )
    actions.register_action(
        "academy.attendance_checked_in", _("Zelf ingecheckt"), _("Deelnemer checkte zelf in met de sessiecode")
    )


@hooks.register("mijn_academie_section")
def check_in_now_section(person, *, now, enrolments):
    """'Inchecken' at the top of Mijn academie for each session the person may check in to
    now: one tap, no code. One query, and none while no session of the person's confirmed
    editions is open for check-in (most of the time)."""
    confirmed_sessions = (
        session
        for enrolment in enrolments
        if enrolment.status == Enrolment.Status.CONFIRMED
        for session in enrolment.edition.sessions.all()
    )
    if not any(is_check_in_open(session, now=now) for session in confirmed_sessions):
        return None
    sessions = list(list_sessions_to_check_in(person, now=now))
    if not sessions:
        return None
    return {"template": "attendance/dashboard_section.html", "sessions": sessions}


@hooks.register(EXPORT_COLUMNS)
def attendance_export_column(enrolments):
    """The attendance of each confirmed enrolment in the staff's exports: sessions attended of
    the sessions owed, by the course's rule (attendance.completion)."""
    completions = get_completions(
        [enrolment for enrolment in enrolments if enrolment.status == Enrolment.Status.CONFIRMED]
    )
    values = {pk: f"{completion.attended}/{completion.owed}" for pk, completion in completions.items()}
    return [ExportColumn("attendance", str(_("Aanwezig (sessies)")), values)]


@hooks.register(MERGE_PEOPLE)
def attendance_in_a_merge():
    return AttendanceRecords()


def _roll_call_button(edition, **kwargs):
    url = reverse("attendance_admin_sessions") + "?" + urlencode({"edition": edition.pk})
    return Button(_("Aanwezigheden"), url=url, icon_name="tasks", **kwargs)


@hooks.register("register_edition_edit_buttons")
def roll_call_button(user, edition):
    """A link to the edition's sessions in the admin's roll call, for whoever may take it."""
    return _roll_call_button(edition) if can_take_roll_call(user, edition) else None


@hooks.register("register_edition_listing_buttons")
def roll_call_listing_buttons(user):
    """The roll call link on each listed edition the user may take it for; who may is read
    once per listing, on its first row."""

    @cache
    def editions_with_roll_call():
        # None: every edition.
        if can_take_every_roll_call(user):
            return None
        return set(list_editions_for_roll_call(user).values_list("pk", flat=True))

    def button(edition):
        allowed = editions_with_roll_call()
        if allowed is not None and edition.pk not in allowed:
            return None
        return _roll_call_button(edition, priority=30)

    return button
