"""Who may do what with a course, its edition and a course request: the whole matrix, by HTTP.

Each cell logs in one role, does one action and checks both the answer and its effect: an
allowed action succeeds and changes what it should, a refused one is answered with a
refusal (a redirect to the login or the admin, a 403 or a 404) and changes nothing.
"""

import pytest

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.test.utils.form_data import rich_text

from accounts.models import Profile
from courses.models import Edition
from courses.services import submit_edition
from curation.models import CourseRequest
from enrolment.models import Enrolment
from materials.models import CourseMaterial
from partner_contacts.services import assign_partner_contact
from roles.groups import STAFF, STEERING_GROUP, TRAINERS
from tests.curation.factories import make_request
from tests.factories import make_course, make_edition, make_partner, make_person

# Wagtail 8.0's moderation notifications still call django.core.mail.get_connection(),
# deprecated in Django 6.1; the mail itself goes out.
pytestmark = pytest.mark.filterwarnings(
    "ignore:get_connection\\(\\) is deprecated:django.utils.deprecation.RemovedInDjango2028Warning"
)

ANONYMOUS = "anonymous"
PARTICIPANT = "participant"
OWN_TRAINER = "trainer of this course"
OTHER_TRAINER = "another trainer"
STEERING = "steering group"
STAFF_MEMBER = "staff"
PARTNER_CONTACT = "partner contact of ACV"
ROLES = [ANONYMOUS, PARTICIPANT, OWN_TRAINER, OTHER_TRAINER, STEERING, STAFF_MEMBER, PARTNER_CONTACT]

READERS = {PARTICIPANT, OWN_TRAINER, STEERING, STAFF_MEMBER}
EDITORS = {OWN_TRAINER, STEERING, STAFF_MEMBER}
TEACHERS = {OWN_TRAINER, STEERING, STAFF_MEMBER}
CURATORS = {STEERING, STAFF_MEMBER}

# action -> the roles allowed to do it; every other role is refused.
ALLOWED = {
    "view draft course in the admin": EDITORS,
    "edit draft course": EDITORS,
    "publish course directly": CURATORS,
    # Approving is the steering group's task in the workflow; staff may still publish directly.
    "approve submitted course": {STEERING},
    # Editions too: only the steering group decides; staff change approved ones, never approve.
    "approve submitted edition": {STEERING},
    "see participants-only material on the course page": READERS,
    "download participants-only document": READERS,
    "view participant list": TEACHERS,
    "download attendance sheet": TEACHERS,
    "open course request triage": CURATORS,
    "change course request status": CURATORS,
    # A partner contact sees their own organisation's members, and nobody else does.
    "see own organisation's consenting members": {PARTNER_CONTACT},
    "see another organisation's members": set(),
}

# Cells where the application disagrees with the matrix above: (action, role) -> reason.
KNOWN_BUGS = {}

# A refusal: a redirect (to the login, the admin dashboard or the explorer), a 403 or a 404.
REFUSED = {302, 403, 404}
REFUSAL_REDIRECTS = ("/account/login/", "/admin/")

NEW_TITLE = "Gewijzigde conceptvorming"


def course_form_data(course, title, **extra):
    return {
        "title": title,
        "slug": course.slug,
        "summary": course.summary,
        "description": rich_text("<p>Uitleg</p>"),
        "learning_goals": rich_text(""),
        "format": course.format,
        "attendance_threshold": "80",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **extra,
    }


@pytest.fixture
def world(roles, make_member):
    """The offer with a trainer on its course, a draft course, a submitted course,
    participants-only material, a confirmed participant and a new course request."""
    own = make_member("lesgever@example.org", TRAINERS, trainer=True)
    course, edition = roles["course"], roles["edition"]
    course.trainers.set([own.trainer_profile])
    course.save()
    edition.trainers.set([own.trainer_profile])

    draft = make_course(roles["basic"], title="Conceptvorming", live=False, has_unpublished_changes=True)
    draft.trainers.set([own.trainer_profile])
    draft.save()
    draft.save_revision(user=own)

    submitted = make_course(roles["basic"], title="Ingediende vorming", live=False, has_unpublished_changes=True)
    submitted.trainers.set([own.trainer_profile])
    submitted.save()
    submitted.save_revision(user=own)
    submitted.get_workflow().start(submitted, own)
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress

    material = CourseMaterial.objects.create(
        course=course,
        title="Syllabus voor deelnemers",
        kind="document",
        file=ContentFile(b"geheim", name="syllabus.txt"),
        visibility="deelnemers",
    )
    submitted_edition = make_edition(course, status=Edition.Status.DRAFT, province="brussel")
    submitted_edition.trainers.set([own.trainer_profile])
    submit_edition(submitted_edition, by=own)

    participant = make_person("deelnemer@example.org")
    Enrolment.objects.create(person=participant, edition=edition, status=Enrolment.Status.CONFIRMED)
    # The participant lets ACV see their participation; CM's member does too.
    acv, cm = make_partner("ACV"), make_partner("CM")
    for person, organisation in ((participant, acv), (make_person("lid@cm.example.org"), cm)):
        profile = Profile.objects.create(
            user=person, shares_participation=True, shares_participation_since=timezone.now()
        )
        profile.partner_organisations.set([organisation])

    return {
        **roles,
        "own": own,
        "participant": participant,
        "draft": draft,
        "submitted": submitted,
        "submitted_edition": submitted_edition,
        "material": material,
        "request": make_request(),
        "acv": acv,
    }


def log_in(client, world, role, make_member):
    users = {
        ANONYMOUS: lambda: None,
        PARTICIPANT: lambda: world["participant"],
        OWN_TRAINER: lambda: world["own"],
        OTHER_TRAINER: lambda: make_member("andere@example.org", TRAINERS, trainer=True),
        STEERING: lambda: make_member("stuurgroep@example.org", STEERING_GROUP),
        STAFF_MEMBER: lambda: make_member("medewerker@example.org", STAFF),
        PARTNER_CONTACT: lambda: (
            assign_partner_contact(make_person("contact@acv.example.org"), organisation=world["acv"], by=None).user
        ),
    }
    user = users[role]()
    if user is not None:
        client.force_login(user)


# Each action returns (response, whether its effect happened, the statuses of a success).


def view_draft(client, world):
    response = client.get(f"/admin/pages/{world['draft'].pk}/edit/")
    return response, 'name="title"' in response.content.decode(), {200}


def edit_draft(client, world):
    draft = world["draft"]
    response = client.post(f"/admin/pages/{draft.pk}/edit/", course_form_data(draft, NEW_TITLE))
    draft.refresh_from_db()
    changed = draft.latest_revision is not None and draft.latest_revision.content["title"] == NEW_TITLE
    return response, changed and not draft.live, {302}


def publish_directly(client, world):
    draft = world["draft"]
    response = client.post(
        f"/admin/pages/{draft.pk}/edit/", course_form_data(draft, draft.title, **{"action-publish": "Publiceren"})
    )
    draft.refresh_from_db()
    return response, draft.live, {302}


def approve_submitted(client, world):
    submitted = world["submitted"]
    task_state = submitted.current_workflow_task_state
    response = client.post(f"/admin/pages/workflow/action/{submitted.pk}/approve/{task_state.pk}/", {"comment": ""})
    submitted.refresh_from_db()
    return response, submitted.live and not submitted.workflow_in_progress, {302}


def approve_submitted_edition(client, world):
    edition = world["submitted_edition"]
    response = client.post(f"/admin/editions/review/{edition.pk}/", {"decision": "goedkeuren", "comment": ""})
    edition.refresh_from_db()
    return response, edition.status == Edition.Status.APPROVED, {302}


def see_material(client, world):
    response = client.get(world["course"].url)
    html = response.content.decode()
    if "Syllabus voor deelnemers" not in html:
        # The public page is shown to everybody: refusing means leaving the material out.
        assert "Er is ook materiaal voor de deelnemers" in html
    return response, "Syllabus voor deelnemers" in html, {200}


def download_document(client, world):
    material = world["material"]
    response = client.get(f"/materiaal/{material.pk}/{material.filename}")
    served = response.status_code == 200 and b"".join(response.streaming_content) == b"geheim"
    response.close()
    return response, served, {200}


def view_participants(client, world):
    response = client.get(f"/lesgever/edities/{world['edition'].pk}/deelnemers/")
    return response, "deelnemer@example.org" in response.content.decode(), {200}


def download_sheet(client, world):
    response = client.get(f"/lesgever/edities/{world['edition'].pk}/aanwezigheidslijst.pdf")
    served = response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return response, served and response.content.startswith(b"%PDF"), {200}


def open_triage(client, world):
    response = client.get(f"/admin/course_requests/edit/{world['request'].pk}/")
    html = response.content.decode()
    return response, 'name="status"' in html and "ann@example.org" in html, {200}


def change_request_status(client, world):
    course_request = world["request"]
    response = client.post(
        f"/admin/course_requests/edit/{course_request.pk}/",
        {
            "status": CourseRequest.Status.IN_REVIEW,
            "status_note": "",
            "notes": "Bekeken.",
            "answered_by_course": "",
            "answered_by_edition": "",
        },
    )
    course_request.refresh_from_db()
    changed = course_request.status == CourseRequest.Status.IN_REVIEW
    # The triage is saved whole or not at all: the notes change exactly when the status does.
    assert changed == (course_request.notes == "Bekeken.")
    return response, changed, {302}


def see_own_members(client, world):
    response = client.get("/organisatie/acv/deelname/")
    return response, "deelnemer@example.org" in response.content.decode(), {200}


def see_other_members(client, world):
    response = client.get("/organisatie/cm/deelname/")
    return response, "lid@cm.example.org" in response.content.decode(), {200}


ACTIONS = {
    "view draft course in the admin": view_draft,
    "edit draft course": edit_draft,
    "publish course directly": publish_directly,
    "approve submitted course": approve_submitted,
    "approve submitted edition": approve_submitted_edition,
    "see participants-only material on the course page": see_material,
    "download participants-only document": download_document,
    "view participant list": view_participants,
    "download attendance sheet": download_sheet,
    "open course request triage": open_triage,
    "change course request status": change_request_status,
    "see own organisation's consenting members": see_own_members,
    "see another organisation's members": see_other_members,
}
assert ACTIONS.keys() == ALLOWED.keys()


def cells():
    for action in ALLOWED:
        for role in ROLES:
            reason = KNOWN_BUGS.get((action, role))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(action, role, marks=marks, id=f"{action} | {role}")


@pytest.mark.parametrize(("action", "role"), list(cells()))
def test_permission_matrix(client, world, make_member, action, role):
    log_in(client, world, role, make_member)

    response, effect, success = ACTIONS[action](client, world)

    if role in ALLOWED[action]:
        assert response.status_code in success
        assert effect, f"{role} may {action}, but it did not happen"
    else:
        refused = REFUSED | ({200} if action == "see participants-only material on the course page" else set())
        assert response.status_code in refused
        if response.status_code == 302:
            assert response["Location"].startswith(REFUSAL_REDIRECTS)
        assert not effect, f"{role} may not {action}, but it happened"
