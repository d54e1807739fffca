"""A person's own data: everything we hold, as JSON, and erasing them in place."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import Profile
from calendars.models import CalendarFeed
from certificates.models import Certificate
from certificates.services import erase_certificate_holder
from curation.models import CourseRequest, CourseRequestSupport
from enrolment.exceptions import CancellationClosed
from enrolment.models import Enrolment, PackageExemption
from enrolment.services import cancel_enrolment, lock_editions


def export_personal_data(person) -> dict:
    """Everything the academy holds about the person, in plain JSON types."""
    profile = Profile.objects.filter(user=person).prefetch_related("roles", "partner_organisations").first()
    enrolments = (
        Enrolment.objects.filter(person=person)
        .select_related("edition__course")
        .prefetch_related("events", "attendances__session")
        .order_by("created_at")
    )
    certificates = Certificate.objects.filter(person=person).order_by("issued_at")
    requests = CourseRequest.objects.filter(contact_email__iexact=person.email) if person.email else []
    supports = CourseRequestSupport.objects.filter(person=person).select_related("course_request")
    data = {
        "vormingsvragen": [
            {"onderwerp": request.subject, "status": request.get_status_display(), "op": request.created_at.isoformat()}
            for request in requests
        ],
        "gesteunde_vormingsvragen": [support.course_request.subject for support in supports],
        "account": {
            "voornaam": person.first_name,
            "familienaam": person.last_name,
            "e-mail": person.email,
            "aangemaakt_op": person.date_joined.isoformat(),
            "laatst_aangemeld": person.last_login.isoformat() if person.last_login else None,
        },
        "profiel": None
        if profile is None
        else {
            "telefoon": profile.phone,
            "gemeente": profile.municipality,
            "rollen": [str(role) for role in profile.roles.all()],
            "partnerorganisaties": [str(partner) for partner in profile.partner_organisations.all()],
            "toegankelijkheid": profile.accessibility_needs,
            "voeding": profile.dietary_needs,
            "toestemming": profile.consent_given,
            "toestemming_op": profile.consent_given_at.isoformat() if profile.consent_given_at else None,
            "organisatie_mag_deelname_zien": profile.shares_participation,
            "organisatie_mag_deelname_zien_sinds": profile.shares_participation_since.isoformat()
            if profile.shares_participation_since
            else None,
        },
        "inschrijvingen": [
            {
                "vorming": enrolment.edition.course.title,
                "editie": enrolment.edition.label,
                "begint_op": enrolment.edition.starts_at.isoformat() if enrolment.edition.starts_at else None,
                "status": enrolment.get_status_display(),
                "ingeschreven_op": enrolment.created_at.isoformat(),
                "reden_annulering": enrolment.cancellation_reason,
                "geschiedenis": [
                    {"status": event.get_status_display(), "op": event.at.isoformat(), "toelichting": event.note}
                    for event in enrolment.events.all()
                ],
                "aanwezigheden": [
                    {
                        "sessie": attendance.session.starts_at.isoformat(),
                        "aanwezigheid": attendance.get_status_display(),
                        "bron": attendance.get_source_display(),
                    }
                    for attendance in enrolment.attendances.all()
                ],
            }
            for enrolment in enrolments
        ],
        "attesten": [
            {
                "soort": certificate.get_kind_display(),
                "titel": certificate.title,
                "naam_op_het_attest": certificate.holder_name,
                "code": certificate.code,
                "uitgereikt_op": certificate.issued_at.isoformat(),
                "ingetrokken_op": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
                "reden_intrekking": certificate.revocation_reason,
            }
            for certificate in certificates
        ],
    }
    # Apps above accounts add what they hold about the person (partner_contacts: the
    # organisation they are contact for).
    for hook in hooks.get_hooks("export_personal_data"):
        data.update(hook(person))
    return data


def anonymise_account(person) -> None:
    """Erase the person but keep what the academy must count: their enrolments and
    attendance stay, tied to an anonymous, inactive account that cannot log in.

    Their certificates keep their codes, valid or revoked as they were, but lose the
    name and the PDF: a printed certificate can still be checked, without showing whose.
    The course requests filed with their address stay, without contact details.
    """
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        # Seats first (the lock order of enrolment.services): the editions whose
        # enrolments are cancelled below, in primary-key order, before the person's row.
        lock_editions(Enrolment.objects.active().filter(person=person).values_list("edition_id", flat=True))
        # NO KEY: an enrolment inserted meanwhile only needs the person's key, not a wait.
        person = get_user_model().objects.select_for_update(no_key=True, of=("self",)).get(pk=person.pk)
        if person.email:
            # The requests stay (they count as demand); who filed them and how to reach them go.
            CourseRequest.objects.filter(contact_email__iexact=person.email).update(
                contact_name="", contact_email="", contact_phone=""
            )
        person.username = f"verwijderd-{person.pk}"
        person.first_name = ""
        person.last_name = ""
        person.email = ""
        person.is_active = False
        person.is_staff = False
        person.is_superuser = False
        person.set_unusable_password()
        person.save()
        EmailAddress.objects.filter(user=person).delete()
        CalendarFeed.objects.filter(person=person).delete()
        erase_certificate_holder(person)
        profile = Profile.objects.filter(user=person).first()
        if profile is not None:
            profile.phone = profile.municipality = profile.accessibility_needs = profile.dietary_needs = ""
            profile.shares_participation = False
            profile.shares_participation_since = None
            profile.save()
            profile.roles.clear()
            profile.partner_organisations.clear()
        for enrolment in Enrolment.objects.active().filter(person=person):
            try:
                cancel_enrolment(enrolment, by=person, reason="Account verwijderd")
            except CancellationClosed:
                # Too late to free the seat: the participation stays, anonymously.
                pass
        # Apps above accounts erase what they hold about the person, in this transaction.
        for hook in hooks.get_hooks("anonymise_account"):
            hook(person)
        _forget_names_in_audit_log(person)
        log(person, "academy.account.anonymise", user=None)


def _forget_names_in_audit_log(person):
    """Relabel the audit log entries about the person, their enrolments and exemptions.

    An entry keeps the name its object had when it was written, and for these that held
    the person's e-mail address (their username). The certificates' entries are relabelled
    by erase_certificate_holder."""
    objects = [
        person,
        *Enrolment.objects.filter(person=person).select_related("person", "edition__course"),
        *PackageExemption.objects.filter(person=person).select_related("person", "package"),
    ]
    for instance in objects:
        content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(instance.pk)).update(label=str(instance))
    # The entry of an account made by staff kept the username it was given.
    created = ModelLogEntry.objects.for_instance(person).filter(action="academy.person.create_without_account")
    created.update(data={})
