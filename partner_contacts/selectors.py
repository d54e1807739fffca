"""What a partner organisation's contact sees: its members' participation.

Everything is read in a fixed number of queries, whatever the number of members or
enrolments. Who counts as a member and whose names may be shown is decided in
roles.rules (members_counted_for, members_named_for); nothing here reads a profile's needs.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from academy.page_cache import get_for_generation
from attendance.completion import get_completions
from enrolment.models import Enrolment
from partner_contacts.models import PartnerContact
from roles import rules


@dataclass
class ParticipationCount:
    """How many members enrolled in, attended and completed something (distinct people)."""

    label: str
    enrolled: set = field(default_factory=set)
    attended: set = field(default_factory=set)
    completed: set = field(default_factory=set)

    @property
    def enrolled_count(self):
        return len(self.enrolled)

    @property
    def attended_count(self):
        return len(self.attended)

    @property
    def completed_count(self):
        return len(self.completed)


@dataclass(frozen=True)
class MemberEnrolment:
    course_title: str
    edition_label: str
    starts_at: datetime | None
    attended: bool
    completed: bool


@dataclass(frozen=True)
class NamedMember:
    name: str
    email: str
    enrolments: list[MemberEnrolment]


@dataclass(frozen=True)
class ParticipationReport:
    organisation: object
    member_count: int
    by_course: list[ParticipationCount]
    by_track: list[ParticipationCount]
    by_programme_year: list[ParticipationCount]
    named_members: list[NamedMember]


def get_contact_organisation(user):
    """Return the partner organisation the user is contact for, or None.

    The contacts are read once per offer generation (a contact saved or removed starts a
    new one, partner_contacts.apps): Mijn academie asks on every request.
    """
    if not user.is_authenticated:
        return None
    return get_for_generation("partner-contacts", _organisation_by_contact).get(user.pk)


def _organisation_by_contact():
    contacts = PartnerContact.objects.select_related("organisation").order_by("pk")
    return {contact.user_id: contact.organisation for contact in contacts}


def _count(groups, key, label, person_id, *, attended, completed):
    count = groups.setdefault(key, ParticipationCount(label=label))
    count.enrolled.add(person_id)
    if attended:
        count.attended.add(person_id)
    if completed:
        count.completed.add(person_id)


def _sorted(groups):
    return sorted(groups.values(), key=lambda count: count.label.casefold())


def get_participation_report(organisation) -> ParticipationReport:
    """The participation of the organisation's members: counts of every member's confirmed
    enrolments per course, track and programme year (enrolled, attended at least one
    session, completed by the course's rule), and the enrolments of the members who let
    their organisation see them, by name. Five queries, whatever the number of members."""
    members = rules.members_counted_for(organisation)
    enrolments = list(
        Enrolment.objects.confirmed()
        .filter(person__in=members.values("pk"))
        .select_related("edition__course__track", "edition__programme_year")
        .order_by("edition__starts_at", "pk")
    )
    completions = get_completions(enrolments)
    by_course, by_track, by_year, by_person = {}, {}, {}, {}
    no_track, no_year = _("Zonder traject"), _("Zonder werkjaar")
    for enrolment in enrolments:
        edition = enrolment.edition
        course = edition.course
        completion = completions[enrolment.pk]
        attended, completed = completion.present > 0, completion.is_completed
        track, year = course.track, edition.programme_year
        for groups, key, label in (
            (by_course, course.pk, course.title),
            (by_track, track and track.pk, track.title if track else no_track),
            (by_year, year and year.pk, year.name if year else no_year),
        ):
            _count(groups, key, label, enrolment.person_id, attended=attended, completed=completed)
        by_person.setdefault(enrolment.person_id, []).append(
            MemberEnrolment(
                course_title=course.title,
                edition_label=edition.label,
                starts_at=edition.starts_at,
                attended=attended,
                completed=completed,
            )
        )
    named = rules.members_named_for(organisation).order_by("last_name", "first_name", "email")
    return ParticipationReport(
        organisation=organisation,
        member_count=members.count(),
        by_course=_sorted(by_course),
        by_track=_sorted(by_track),
        by_programme_year=sorted(by_year.values(), key=lambda count: count.label, reverse=True),
        named_members=[
            NamedMember(
                name=person.get_full_name() or person.email,
                email=person.email,
                enrolments=by_person.get(person.pk, []),
            )
            for person in named.only("pk", "first_name", "last_name", "email")
        ],
    )
