"""Every permission of the academy, each a named rule: who may see or change what.

The choice: Django's model permissions, which the role groups of roles.groups grant and
the Wagtail admin already checks (listings, exports, edit views), plus this one module of
predicates for what a model permission cannot say: which editions a trainer teaches,
whose participants someone may see, who must log in with a second factor. No `rules`
package: it would add a dependency to a shared environment for what a few plain
functions say as clearly, and Wagtail asks its own permission policies, not Django's
object-permission backends, so the admin would still need roles.permission_policies.

Each rule has a queryset counterpart where listings need one, so that a list and a
detail page can never disagree: the detail page asks whether the object is in the list.

Two conventions hold throughout. `is_staff` grants nothing: roles are groups. An active
superuser may do everything, as everywhere in Django. An inactive user may do nothing.

This module reads the groups (roles.groups), the offer (courses.models) and enrolments
(enrolment.models), so roles sits above courses and enrolment; every app that asks
(accounts, attendance, materials, teaching, steering, certificates) sits above roles.
courses' own admin asks through the permission policies that roles registers with
Wagtail (roles.permission_policies), never by importing this module.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from academy.page_cache import get_for_generation
from courses.models import CoursePage, Edition, PartnerOrganisation, Session, Trainer
from enrolment.models import Enrolment
from roles.groups import ADMIN_ACCESS, ROLES, STAFF, STEERING_GROUP, TRAINERS


def _group_names(user):
    # Asked several times per request (menu items, listings): read the groups once.
    if not hasattr(user, "_academy_group_names"):
        user._academy_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._academy_group_names


def _is_active(user):
    return user.is_authenticated and user.is_active


def _trainer_account_ids():
    return frozenset(Trainer.objects.exclude(user=None).values_list("user_id", flat=True))


def is_trainer(user) -> bool:
    """Tell whether the user has a trainer record (the trainer's pages in the menu).

    Every page a logged-in person sees asks this: the accounts of all trainers are read
    once per offer generation, which a saved trainer record renews.
    """
    return _is_active(user) and user.pk in get_for_generation("trainer-account-ids", _trainer_account_ids)


def is_superuser(user) -> bool:
    return _is_active(user) and user.is_superuser


def is_academy_staff(user) -> bool:
    """Tell whether the user is a member of Academiemedewerkers (or a superuser)."""
    return is_superuser(user) or (_is_active(user) and STAFF in _group_names(user))


def is_steering_member(user) -> bool:
    """Tell whether the user is a member of the Stuurgroep (or a superuser)."""
    return is_superuser(user) or (_is_active(user) and STEERING_GROUP in _group_names(user))


def is_curator(user) -> bool:
    """Tell whether the user curates the whole offer: staff or the steering group."""
    return is_academy_staff(user) or is_steering_member(user)


def is_limited_to_own_offer(user) -> bool:
    """Tell whether the user is a trainer and nothing more: such a user edits only the
    courses and editions they teach."""
    if not _is_active(user) or user.is_superuser:
        return False
    names = _group_names(user)
    return TRAINERS in names and not names & {STEERING_GROUP, STAFF}


def may_use_admin(user) -> bool:
    """Tell whether the user's role opens the Wagtail admin ("Beheer").

    Read from the roles' definitions and the groups already loaded, not has_perm(): the
    site's header asks on every page.
    """
    if is_superuser(user):
        return True
    return _is_active(user) and any(
        ADMIN_ACCESS in ROLES[name].model_permissions for name in _group_names(user) if name in ROLES
    )


def requires_two_factor(user) -> bool:
    """Tell whether the site requires this user to log in with an authenticator app:
    with REQUIRE_2FA_FOR_STAFF, every superuser and every member of a role that says so
    (roles.groups.Role.requires_two_factor)."""
    if not settings.REQUIRE_2FA_FOR_STAFF or not _is_active(user):
        return False
    if user.is_superuser:
        return True
    return any(ROLES[name].requires_two_factor for name in _group_names(user) if name in ROLES)


# Teaching. A user teaches an edition when their Trainer record is among the edition's
# trainers or among its course's trainers; a course when they are among its trainers or
# teach one of its editions. There is no other definition.


def editions_taught_by(user):
    """Return the editions the user teaches."""
    if not _is_active(user):
        return Edition.objects.none()
    return Edition.objects.taught_by(user)


def teaches_edition(user, edition) -> bool:
    return editions_taught_by(user).filter(pk=edition.pk).exists()


def courses_taught_by(user):
    """Return the courses the user teaches."""
    if not _is_active(user):
        return CoursePage.objects.none()
    taught = CoursePage.objects.filter(Q(trainers__user=user) | Q(editions__trainers__user=user)).values("pk")
    return CoursePage.objects.filter(pk__in=taught)


def teaches_course(user, course) -> bool:
    return courses_taught_by(user).filter(pk=course.pk).exists()


def courses_editable_by_trainer(user):
    """Return the courses a trainer may edit: those they teach and those they proposed."""
    if not _is_active(user):
        return CoursePage.objects.none()
    return CoursePage.objects.filter(Q(pk__in=courses_taught_by(user).values("pk")) | Q(owner=user))


def may_edit_course_page(user, page) -> bool:
    """Tell whether the user's role lets them edit, move or delete the page, on top of
    Wagtail's page permissions: a trainer only touches their own courses, never tracks or
    packages."""
    if not is_limited_to_own_offer(user):
        return True
    return isinstance(page.specific, CoursePage) and courses_editable_by_trainer(user).filter(pk=page.pk).exists()


def may_create_page_type(user, page_class) -> bool:
    """Tell whether the user's role lets them create a page of this type: a trainer
    proposes courses, not tracks or packages."""
    return not is_limited_to_own_offer(user) or issubclass(page_class, CoursePage)


# Editions in the admin, on top of the model permissions courses.*_edition.


def editions_editable_by(user):
    """Return the editions the user may change: all with courses.change_edition, narrowed
    to the editions they teach for a trainer."""
    if not (_is_active(user) and user.has_perm("courses.change_edition")):
        return Edition.objects.none()
    if is_limited_to_own_offer(user):
        return editions_taught_by(user)
    return Edition.objects.all()


def may_edit_edition(user, edition) -> bool:
    return editions_editable_by(user).filter(pk=edition.pk).exists()


def editions_approvable_by(user):
    """Return the editions the user may approve: with courses.approve_edition, every
    edition they do not teach, so that nobody approves their own."""
    if not (_is_active(user) and user.has_perm("courses.approve_edition")):
        return Edition.objects.none()
    return Edition.objects.exclude(pk__in=editions_taught_by(user).values("pk"))


def may_approve_edition(user, edition) -> bool:
    return editions_approvable_by(user).filter(pk=edition.pk).exists()


def courses_with_material_editable_by(user):
    """Return the courses whose material the user may change: every course, or for a
    trainer the courses they may edit."""
    if is_limited_to_own_offer(user):
        return courses_editable_by_trainer(user)
    return CoursePage.objects.all()


# Other people's personal data.


def may_view_every_participant(user) -> bool:
    """Tell whether the user sees the participants of every edition, with their needs:
    staff and the steering group. The needs columns of the enrolment exports follow it."""
    return is_curator(user)


def editions_with_visible_participants(user):
    """Return the editions whose participants (with their needs) the user may see: every
    edition for staff and the steering group, the editions they teach for a trainer."""
    if may_view_every_participant(user):
        return Edition.objects.all()
    return editions_taught_by(user)


def may_view_participants(user, edition) -> bool:
    return editions_with_visible_participants(user).filter(pk=edition.pk).exists()


def may_take_every_roll_call(user) -> bool:
    """Tell whether the user records attendance for any edition: academy staff."""
    return is_academy_staff(user)


def editions_with_roll_call(user):
    """Return the editions whose attendance the user may record: all for staff, the
    editions they teach for a trainer."""
    if may_take_every_roll_call(user):
        return Edition.objects.all()
    return editions_taught_by(user)


def may_take_attendance(user, edition) -> bool:
    return editions_with_roll_call(user).filter(pk=edition.pk).exists()


def sessions_with_roll_call(user):
    """Return the sessions whose attendance the user may record."""
    if may_take_every_roll_call(user):
        return Session.objects.all()
    return Session.objects.filter(edition__in=editions_taught_by(user).values("pk"))


def may_take_some_roll_call(user) -> bool:
    """Tell whether the user may take some roll call: staff, or a user with a trainer
    record (who may teach no edition yet and then sees an empty list)."""
    if may_take_every_roll_call(user):
        return True
    return _is_active(user) and hasattr(user, "trainer_profile")


def may_read_restricted_material(user, course) -> bool:
    """Tell whether the user reads the course's participants-only material: its confirmed
    participants, its trainers, staff and the steering group. Not the waitlisted, not the
    cancelled, not another trainer."""
    if not _is_active(user):
        return False
    if is_curator(user):
        return True
    if Enrolment.objects.confirmed().filter(person=user, edition__course_id=course.pk).exists():
        return True
    return teaches_course(user, course)


def may_read_signals(user) -> bool:
    """Tell whether the user reads the steering group's signals: the steering group and
    academy staff; trainers do not."""
    return is_curator(user)


def may_review_proposals(user) -> bool:
    """Tell whether the user reviews course proposals in the admin: the steering group.

    Which proposal waits for whom is the approval task's to say (its groups).
    """
    return is_steering_member(user)


def may_read_reports(user) -> bool:
    """Tell whether the user reads the reports (figures, charts, exports): the steering
    group and academy staff; trainers and participants do not."""
    return is_curator(user)


# Evaluations: anonymous answers, read as figures.


def may_read_all_evaluation_results(user) -> bool:
    """Tell whether the user reads the results of every edition and their totals per
    course, trainer, track and programme year: the steering group and academy staff."""
    return is_curator(user)


def editions_with_visible_evaluation_results(user):
    """Return the editions whose evaluation results the user may read: all for the
    steering group and staff, the editions they teach for a trainer, none for anyone else."""
    if may_read_all_evaluation_results(user):
        return Edition.objects.all()
    return editions_taught_by(user)


def may_read_evaluation_results(user, edition) -> bool:
    return editions_with_visible_evaluation_results(user).filter(pk=edition.pk).exists()


def may_read_some_evaluation_results(user) -> bool:
    """Tell whether the results page is for the user: the steering group, staff, or a
    user with a trainer record."""
    return may_read_all_evaluation_results(user) or (_is_active(user) and hasattr(user, "trainer_profile"))


def may_read_partner_channels(user) -> bool:
    """Tell whether the user reads how many enrolments came through each partner's
    channel: the steering group and academy staff."""
    return is_curator(user)


# Payments (payments/): staff import bank statements, see payers' names and accounts,
# waive and refund. Model permissions granted to Academiemedewerkers (roles.groups).


def may_view_payments(user) -> bool:
    return _is_active(user) and user.has_perm("payments.view_payment")


def may_import_statements(user) -> bool:
    """Import statements and match transfers by hand; this also shows payers' names and
    accounts, which matching needs."""
    return _is_active(user) and user.has_perm("payments.import_statement")


def may_see_payer_accounts(user) -> bool:
    return may_import_statements(user) or may_refund_payments(user)


def may_waive_payments(user) -> bool:
    return _is_active(user) and user.has_perm("payments.waive_payment")


def may_refund_payments(user) -> bool:
    return _is_active(user) and user.has_perm("payments.refund_payment")


# Partner organisations' contacts. The binding of a person to the one organisation they
# are contact for is partner_contacts.PartnerContact, read here through the organisation's
# reverse relation `contacts`, so that roles names no module above it.


def organisations_with_visible_members(user):
    """Return the partner organisations whose members' participation the user may see:
    for a user with partner_contacts.view_member_participation (the Partnercontacten
    group), the one organisation they are contact for; every one for a superuser. Staff,
    the steering group and trainers see none: their work needs no member lists."""
    if not _is_active(user):
        return PartnerOrganisation.objects.none()
    if user.is_superuser:
        return PartnerOrganisation.objects.all()
    if not user.has_perm("partner_contacts.view_member_participation"):
        return PartnerOrganisation.objects.none()
    return PartnerOrganisation.objects.filter(contacts__user=user)


def may_view_members_of(user, organisation) -> bool:
    return organisations_with_visible_members(user).filter(pk=organisation.pk).exists()


def members_counted_for(organisation):
    """Return the people who count as the organisation's members: those who named it in
    their profile. Their participation is counted, never shown by name without consent."""
    return get_user_model().objects.filter(is_active=True, profile__partner_organisations=organisation)


def members_named_for(organisation):
    """Return the organisation's members whose name, e-mail address and courses its
    contacts may see: those who let their organisation see their participation (the
    profile's shares_participation, withdrawable at any time)."""
    return members_counted_for(organisation).filter(profile__shares_participation=True)


# The printed programme brochure (brochure app), asked by its model permissions.


def may_make_brochures(user) -> bool:
    """Tell whether the user may have brochures made and re-made: academy staff."""
    return _is_active(user) and user.has_perm("brochure.add_brochure")


def may_download_brochures(user) -> bool:
    """Tell whether the user may download any brochure in the admin, variants and brochures
    of years not yet public included: staff and the steering group. The public downloads
    the public ones (brochure.models.BrochureQuerySet.public) without asking."""
    return _is_active(user) and user.has_perm("brochure.view_brochure")


def may_download_invoice(user, invoice) -> bool:
    """An invoice or credit note: the enrolled person's own, or any for payment staff."""
    return _is_active(user) and (invoice.payment.enrolment.person_id == user.pk or may_view_payments(user))


def may_invoice_payments(user) -> bool:
    """Enter an employer's invoice details for someone (which numbers an invoice): the staff
    who may change what a payment owes."""
    return may_waive_payments(user)


def editions_with_material_editable_by(user):
    """Return the editions to whose course and sessions the user may add material: with
    materials.add_coursematerial, those of the courses whose material they may change
    (courses_with_material_editable_by), for a trainer only the editions they teach."""
    if not (_is_active(user) and user.has_perm("materials.add_coursematerial")):
        return Edition.objects.none()
    editions = Edition.objects.filter(course__in=courses_with_material_editable_by(user).values("pk"))
    if is_limited_to_own_offer(user):
        editions = editions.filter(pk__in=editions_taught_by(user).values("pk"))
    return editions
