"""Read a trainer's editions, their participants and their waitlists."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Q
from django.utils import timezone

from wagtail.models import Page, Site

from academy.models import SiteSettings
from attendance.selectors import filter_open_for_check_in, get_check_in_opens_at, is_check_in_open
from courses.models import CoursePage, Edition, PackagePage, Session, TrackPage, Trainer
from enrolment.models import Enrolment
from materials.selectors import list_material_of_edition
from roles import rules

# Empty rows at the bottom of the attendance sheet, for whoever turns up unannounced.
WALK_IN_ROWS = 3


def list_editions_for_participant_lists(user):
    """The editions whose participants the user may see
    (roles.rules.editions_with_visible_participants)."""
    return rules.editions_with_visible_participants(user).select_related("course")


def is_teaching(user) -> bool:
    """Tell whether the user teaches some course or edition (roles.rules.courses_taught_by)."""
    return rules.courses_taught_by(user).exists()


@dataclass
class CurrentSession:
    """The session a trainer has to be at now, or the next one."""

    session: Session
    is_running: bool
    check_in_opens_at: object


@dataclass
class TrainerOverview:
    upcoming: list
    past: list
    current: CurrentSession | None = None


def get_current_session(user, *, now=None) -> CurrentSession | None:
    """The session of the user's editions that takes attendance now, else the next one to
    begin, with its edition and course; None when nothing is left. One query."""
    now = now or timezone.now()
    sessions = Session.objects.filter(edition__in=rules.editions_taught_by(user).values("pk")).exclude(
        edition__status=Edition.Status.CANCELLED
    )
    session = (
        filter_open_for_check_in(sessions, now=now)
        .select_related("edition__course", "venue")
        .order_by("starts_at", "pk")
        .first()
        or sessions.filter(starts_at__gt=now)
        .select_related("edition__course", "venue")
        .order_by("starts_at", "pk")
        .first()
    )
    if session is None:
        return None
    return CurrentSession(
        session=session,
        is_running=is_check_in_open(session, now=now),
        check_in_opens_at=get_check_in_opens_at(session),
    )


def get_trainer_overview(user, *, now=None) -> TrainerOverview:
    """The editions the user trains, upcoming ones first (soonest first), then past ones
    (latest first), each with its numbers of confirmed and waitlisted participants.
    """
    now = now or timezone.now()
    editions = list(
        rules.editions_taught_by(user)
        .select_related("course")
        .annotate(
            confirmed_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)),
            waitlisted_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)),
        )
        .order_by("starts_at", "pk")
    )
    # An edition without sessions has no dates yet: it is still to come.
    upcoming = [edition for edition in editions if edition.ends_at is None or edition.ends_at >= now]
    past = [edition for edition in editions if edition.ends_at is not None and edition.ends_at < now]
    past.reverse()
    return TrainerOverview(upcoming=upcoming, past=past, current=get_current_session(user, now=now))


def list_confirmed_participants(edition):
    """The edition's confirmed enrolments by participant name, with each person's profile,
    roles and partner organisations loaded in a fixed number of queries.
    """
    return (
        Enrolment.objects.filter(edition=edition)
        .confirmed()
        .select_related("person__profile")
        .prefetch_related("person__profile__roles", "person__profile__partner_organisations")
        .order_by("person__last_name", "person__first_name", "person__email", "pk")
    )


@dataclass
class Participant:
    """One confirmed participant as a trainer sees them: no contact details, only what
    the trainer needs to welcome them.
    """

    enrolment_id: int
    name: str
    organisations: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    accessibility_needs: str = ""
    dietary_needs: str = ""

    @property
    def has_needs(self):
        return bool(self.accessibility_needs or self.dietary_needs)


def _participant(enrolment) -> Participant:
    person = enrolment.person
    try:
        profile = person.profile
    except ObjectDoesNotExist:
        # People enrolled by staff before profiles existed have none.
        profile = None
    return Participant(
        enrolment_id=enrolment.pk,
        name=person.get_full_name() or person.email or person.get_username(),
        organisations=[str(organisation) for organisation in profile.partner_organisations.all()] if profile else [],
        roles=[str(role) for role in profile.roles.all()] if profile else [],
        accessibility_needs=profile.accessibility_needs.strip() if profile else "",
        dietary_needs=profile.dietary_needs.strip() if profile else "",
    )


def list_participants(edition) -> list[Participant]:
    return [_participant(enrolment) for enrolment in list_confirmed_participants(edition)]


def count_waitlisted(edition) -> int:
    return Enrolment.objects.filter(edition=edition).waitlisted().count()


def list_sessions(edition):
    return Session.objects.filter(edition=edition).select_related("venue").order_by("starts_at", "pk")


def list_trainers(edition):
    return Trainer.objects.filter(edition=edition).order_by("name", "pk")


def get_participant_list(edition) -> dict:
    """What the participant page shows of an edition."""
    return {
        "edition": edition,
        "course": edition.course,
        "sessions": list(list_sessions(edition)),
        "trainers": list(list_trainers(edition)),
        "participants": list_participants(edition),
        "waitlist_count": count_waitlisted(edition),
    }


def get_academy_name(request=None) -> str:
    """The academy's one name, from the settings of the request's site or the default site."""
    if request is not None:
        return SiteSettings.for_request(request).academy_name
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).academy_name if site else settings.WAGTAIL_SITE_NAME


def get_attendance_sheet(edition, *, academy_name: str) -> dict:
    """What the printed attendance sheet shows: one column per session, one row per participant."""
    return {
        "academy_name": academy_name,
        "walk_in_rows": range(WALK_IN_ROWS),
        "edition": edition,
        "course": edition.course,
        "sessions": list(list_sessions(edition)),
        "trainers": list(list_trainers(edition)),
        "participants": list_participants(edition),
    }


def list_message_recipients(edition):
    """The confirmed participants of the edition who have an e-mail address."""
    return (
        Enrolment.objects.filter(edition=edition)
        .confirmed()
        .exclude(person__email="")
        .select_related("person")
        .order_by("pk")
    )


def list_editions_with_editable_material(user):
    """The editions the user may add material to (roles.rules.editions_with_material_editable_by)."""
    return rules.editions_with_material_editable_by(user).select_related("course")


def get_edition_material(edition) -> dict:
    """What the material page of an edition lists: the course's material, then each session's."""
    return {"materials": list(list_material_of_edition(edition))}


def list_places_for_proposals(user):
    """The live tracks and packages under which the user may add a course (Wagtail's page
    permissions and roles.rules.may_create_page_type), tracks first, in tree order."""
    if not rules.may_create_page_type(user, CoursePage):
        return Page.objects.none()
    places = Page.objects.type(TrackPage, PackagePage).live().order_by("path")
    allowed = [page.pk for page in places if page.permissions_for_user(user).can_add_subpage()]
    return Page.objects.filter(pk__in=allowed).order_by("path")
