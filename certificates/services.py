"""Issue, revoke and re-render certificates: one per achievement, whatever calls first.

Issuing is idempotent: the database holds one certificate per person and edition (or
package), and a second call for the same achievement returns the first certificate,
revoked or not. A revoked certificate stays revoked; staff may reissue nothing over it.
"""

import logging
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import get_active_log_context, log
from wagtail.models import ModelLogEntry

from academy.task_queue import enqueue_in_transaction
from attendance.completion import get_completion, get_completions
from certificates import tasks
from certificates.exceptions import (
    AlreadyRevoked,
    HolderErased,
    NotCompleted,
    NotConfirmed,
    NoteRequired,
    PackageNotCompleted,
    PdfNotWritten,
    ReasonRequired,
)
from certificates.models import ERASED_HOLDER_NAME, Certificate
from certificates.progress import get_package_progress, list_completed_course_ids
from certificates.rendering import render_certificate_pdfs
from certificates.selectors import Issuer, get_issuer, holder_name_of
from courses.models import CoursePage, Edition, PackagePage, ProgrammeYear
from enrolment.models import Enrolment

# Certificates laid out in one WeasyPrint document and then written one by one: about a
# third quicker per PDF than alone (more than ten gain little), while what a worker holds
# in memory stays the same for an edition of ten or of a thousand.
RENDER_CHUNK = 10

logger = logging.getLogger(__name__)


@dataclass
class IssueOutcome:
    certificate: Certificate
    created: bool


def _local_day(moment):
    return timezone.localdate(moment) if moment else None


def _delete_files(names):
    """Delete the files; one the storage refuses to delete is left to clean_orphan_files."""
    storage = Certificate._meta.get_field("pdf").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the certificate file %s.", name, exc_info=True)


@contextmanager
def _pdfs_removed_on_error():
    """Collect the names of the PDFs written inside the block; delete them when it raises.

    A certificate whose transaction rolls back must leave no file behind, and Django has
    no rollback hook: the block around the transaction cleans up. A file whose transaction
    fails in its commit itself is left to delete_orphan_pdfs().
    """
    written = []
    finished = False
    try:
        yield written
        finished = True
    finally:
        if not finished:
            _delete_files(written)


def _store_pdfs(certificates, contents, *, written: list):
    """Write each certificate's PDF, then save the new file names in one query.

    Each file gets a new name beside the one it replaces, so a row always names a whole
    file: the replaced files are deleted once the transaction commits. Append the names
    written to written, for the caller to delete on rollback. Raise PdfNotWritten when
    the storage refuses a file.
    """
    field = Certificate._meta.get_field("pdf")
    replaced = [certificate.pdf.name for certificate in certificates if certificate.pdf]
    names = []
    for certificate, content in zip(certificates, contents, strict=True):
        name = field.generate_filename(certificate, f"{certificate.code}.pdf")
        try:
            name = field.storage.save(name, ContentFile(content), max_length=field.max_length)
        except OSError as error:
            raise PdfNotWritten from error
        written.append(name)
        names.append(name)
    rendered_at = timezone.now()
    for certificate, name in zip(certificates, names, strict=True):
        certificate.pdf = name
        certificate.rendered_at = rendered_at
    Certificate.objects.bulk_update(certificates, ["pdf", "rendered_at"])
    if replaced:
        transaction.on_commit(partial(_delete_files, replaced))


def _save_pdfs(certificates, *, issuer: Issuer, written: list):
    contents = render_certificate_pdfs(certificates, academy=issuer.settings, site_url=issuer.site_url)
    _store_pdfs(certificates, contents, written=written)


def _publish(certificates, *, issuer: Issuer, written: list):
    """Give new certificates their PDF, log them and mail them to their holders (a mail
    task per chunk, which sends its mails over one connection).

    Call it inside the transaction that saved the certificates and inside
    _pdfs_removed_on_error(), whose list is written: a PDF that cannot be written rolls
    the certificates back and leaves no file.
    """
    for start in range(0, len(certificates), RENDER_CHUNK):
        chunk = certificates[start : start + RENDER_CHUNK]
        _save_pdfs(chunk, issuer=issuer, written=written)
        _log_issued(chunk)
        certificate_ids = [certificate.pk for certificate in chunk]
        enqueue_in_transaction(tasks.send_certificate_mails, certificate_ids)


def _log_issued(certificates):
    """Write the audit log entry of each new certificate, as wagtail's log() does, in one
    query for the chunk."""
    content_type = ContentType.objects.get_for_model(Certificate, for_concrete_model=False)
    context = get_active_log_context()
    timestamp = timezone.now()
    ModelLogEntry.objects.bulk_create(
        ModelLogEntry(
            content_type=content_type,
            object_id=str(certificate.pk),
            label=str(certificate),
            action="academy.certificate.issue",
            timestamp=timestamp,
            user=certificate.issued_by or context.user,
            uuid=context.uuid,
            data={"code": certificate.code, "person": certificate.person_id, "note": certificate.issue_note},
        )
        for certificate in certificates
    )


def _insert(certificate, *, lookup) -> IssueOutcome:
    """Save a new certificate, or return the one another process saved first."""
    try:
        with transaction.atomic():
            certificate.save()
    except IntegrityError:
        return IssueOutcome(Certificate.objects.get(**lookup), created=False)
    return IssueOutcome(certificate, created=True)


def _edition_lookup(enrolment_or_certificate):
    """The fields that identify the certificate of a person's edition."""
    person_id, edition_id = enrolment_or_certificate.person_id, enrolment_or_certificate.edition_id
    return {"kind": Certificate.Kind.EDITION, "person_id": person_id, "edition_id": edition_id}


def _insert_many(certificates) -> list[Certificate]:
    """Save new edition certificates in one query; when another process issued one of them
    meanwhile, save them one by one and return only the ones saved here."""
    try:
        with transaction.atomic():
            return Certificate.objects.bulk_create(certificates)
    except IntegrityError:
        outcomes = [_insert(certificate, lookup=_edition_lookup(certificate)) for certificate in certificates]
        return [outcome.certificate for outcome in outcomes if outcome.created]


def _edition_certificate(enrolment, *, completion, issuer: Issuer, by=None, note="") -> Certificate:
    """The unsaved certificate of the enrolment's edition."""
    edition = enrolment.edition
    course = edition.course
    package = course.package
    return Certificate(
        kind=Certificate.Kind.EDITION,
        person=enrolment.person,
        edition=edition,
        holder_name=holder_name_of(enrolment.person),
        title=course.title,
        track_title=course.track.title if course.track_id else "",
        level=package.get_level_display() if package else "",
        first_day=_local_day(edition.starts_at),
        last_day=_local_day(edition.ends_at),
        sessions_attended=completion.present,
        sessions_total=completion.owed,
        partner_names="\n".join(partner.name for partner in course.partner_organisations.all()),
        issuer_name=issuer.name,
        issued_by=by,
        issue_note=note,
    )


def issue_certificate(enrolment: Enrolment, *, by=None, note: str = "", completion=None, issuer=None) -> IssueOutcome:
    """Issue the participation certificate of a completed edition, or return the one that exists.

    The certificate and its PDF are saved in one transaction: when the PDF cannot be
    written, nothing is issued and a retry issues it. Raise NotConfirmed for an enrolment
    that is not confirmed and NotCompleted when the attendance does not complete the
    edition; staff (by) may issue anyway with a note, otherwise NoteRequired. Raise
    PdfNotWritten when the storage refuses the PDF.
    """
    existing = Certificate.objects.filter(**_edition_lookup(enrolment)).first()
    if existing is not None:
        return IssueOutcome(existing, created=False)
    if enrolment.status != Enrolment.Status.CONFIRMED:
        raise NotConfirmed
    completion = completion or get_completion(enrolment)
    note = note.strip()
    if not completion.is_completed:
        if by is None:
            raise NotCompleted
        if not note:
            raise NoteRequired
    issuer = issuer or get_issuer()
    certificate = _edition_certificate(enrolment, completion=completion, issuer=issuer, by=by, note=note)
    with _pdfs_removed_on_error() as written, transaction.atomic():
        outcome = _insert(certificate, lookup=_edition_lookup(enrolment))
        if outcome.created:
            new = [outcome.certificate]
            if by is not None:
                # Issued by hand, the course counts as completed: it may complete its package too.
                new += _insert_package_certificate_if_completed(enrolment, issuer=issuer)
            _publish(new, issuer=issuer, written=written)
    return outcome


def _insert_package_certificate(person, package: PackagePage, *, by=None, issuer: Issuer) -> IssueOutcome:
    lookup = {"kind": Certificate.Kind.PACKAGE, "person_id": person.pk, "package_id": package.pk}
    existing = Certificate.objects.filter(**lookup).first()
    if existing is not None:
        return IssueOutcome(existing, created=False)
    completed = list_completed_course_ids(person)
    [progress] = get_package_progress(person, [package], completed_course_ids=completed)
    if progress.needed == 0 or progress.completed < progress.needed:
        raise PackageNotCompleted
    certificates = (
        Certificate.objects.valid()
        .filter(person=person, kind=Certificate.Kind.EDITION, edition__course__package=package)
        .order_by("first_day")
    )
    days = [day for certificate in certificates for day in (certificate.first_day, certificate.last_day) if day]
    track = package.get_parent().specific
    courses = package.get_children().live().specific().order_by("path")
    certificate = Certificate(
        kind=Certificate.Kind.PACKAGE,
        person=person,
        package=package,
        holder_name=holder_name_of(person),
        title=package.title,
        track_title=track.title,
        level=package.get_level_display(),
        first_day=min(days) if days else None,
        last_day=max(days) if days else None,
        courses_completed="\n".join(course.title for course in courses if course.pk in completed),
        issuer_name=issuer.name,
        issued_by=by,
    )
    return _insert(certificate, lookup=lookup)


def issue_package_certificate(person, package: PackagePage, *, by=None, issuer=None) -> IssueOutcome:
    """Issue the certificate of a package its required courses and electives complete, or
    return the one that exists. An exemption opens the next package but earns no
    certificate. Raise NotCompleted otherwise, and PdfNotWritten when the storage refuses
    the PDF (nothing is issued then)."""
    issuer = issuer or get_issuer()
    with _pdfs_removed_on_error() as written, transaction.atomic():
        outcome = _insert_package_certificate(person, package, by=by, issuer=issuer)
        if outcome.created:
            _publish([outcome.certificate], issuer=issuer, written=written)
    return outcome


def _insert_package_certificate_if_completed(enrolment, *, issuer: Issuer) -> list[Certificate]:
    """Save the certificate of the enrolment's package when it is now complete; return it
    in a list when it is new."""
    package = enrolment.edition.course.package
    if package is None:
        return []
    try:
        outcome = _insert_package_certificate(enrolment.person, package, issuer=issuer)
    except NotCompleted:
        return []
    return [outcome.certificate] if outcome.created else []


def _people_who_may_complete(package: PackagePage, person_ids) -> set[int]:
    """Of these people, those with enough courses of the package enrolled in or certified
    to have completed it: a bound, in two queries, before reading anyone's progress."""
    courses = list(CoursePage.objects.live().filter(package=package).values_list("pk", "is_required"))
    electives = sum(1 for _pk, is_required in courses if not is_required)
    needed = len(courses) - electives + min(package.electives_required, electives)
    if needed == 0:
        return set()
    course_ids = [pk for pk, _is_required in courses]
    taken = set(
        Enrolment.objects.confirmed()
        .filter(person_id__in=person_ids, edition__course_id__in=course_ids)
        .values_list("person_id", "edition__course_id")
    ) | set(
        Certificate.objects.valid()
        .filter(person_id__in=person_ids, kind=Certificate.Kind.EDITION, edition__course_id__in=course_ids)
        .values_list("person_id", "edition__course_id")
    )
    counts = Counter(person_id for person_id, _course_id in taken)
    return {person_id for person_id, count in counts.items() if count >= needed}


def _issue_earned_in_chunk(enrolments, *, issuer: Issuer) -> list[Certificate]:
    """Issue what a chunk of enrolments earned, in one transaction: its certificates exist
    with their PDFs or not at all, and the database commits once for them."""
    completions = get_completions(enrolments)
    completed = [
        enrolment
        for enrolment in enrolments
        if enrolment.status == Enrolment.Status.CONFIRMED and completions[enrolment.pk].is_completed
    ]
    certified = set(
        Certificate.objects.filter(
            kind=Certificate.Kind.EDITION,
            person_id__in=[enrolment.person_id for enrolment in completed],
            edition_id__in={enrolment.edition_id for enrolment in completed},
        ).values_list("person_id", "edition_id")
    )
    by_package = {}
    for enrolment in completed:
        package = enrolment.edition.course.package
        if package is not None:
            by_package.setdefault(package, []).append(enrolment.person_id)
    candidates = {
        (person_id, package.pk)
        for package, person_ids in by_package.items()
        for person_id in _people_who_may_complete(package, person_ids)
    }
    with _pdfs_removed_on_error() as written, transaction.atomic():
        new = _insert_many(
            [
                _edition_certificate(enrolment, completion=completions[enrolment.pk], issuer=issuer)
                for enrolment in completed
                if (enrolment.person_id, enrolment.edition_id) not in certified
            ]
        )
        for enrolment in completed:
            package = enrolment.edition.course.package
            if package is not None and (enrolment.person_id, package.pk) in candidates:
                new += _insert_package_certificate_if_completed(enrolment, issuer=issuer)
        _publish(new, issuer=issuer, written=written)
    return new


def _earning_enrolments():
    return (
        Enrolment.objects.select_related("person", "edition__course__track", "edition__course__package")
        .prefetch_related("edition__course__partner_organisations")
        .order_by("pk")
    )


def issue_earned_certificates(enrolment_ids, *, issuer=None) -> list[Certificate]:
    """Issue what the attendance of these enrolments has earned: each completed edition's
    certificate and, when that course completes its package, the package's. Enrolments
    that are not confirmed or not completed earn nothing. Return the new certificates."""
    issuer = issuer or get_issuer()
    enrolment_ids = sorted(enrolment_ids)
    issued = []
    for start in range(0, len(enrolment_ids), RENDER_CHUNK):
        chunk = list(_earning_enrolments().filter(pk__in=enrolment_ids[start : start + RENDER_CHUNK]))
        issued += _issue_earned_in_chunk(chunk, issuer=issuer)
    return issued


def issue_certificates_for_edition(edition, *, issuer=None) -> int:
    """Issue every certificate the edition's attendance has earned, a chunk of enrolments
    at a time, so memory does not grow with the edition. Return how many were new."""
    issuer = issuer or get_issuer()
    enrolments = _earning_enrolments().filter(edition=edition).confirmed()
    issued = 0
    last_pk = 0
    while True:
        chunk = list(enrolments.filter(pk__gt=last_pk)[:RENDER_CHUNK])
        if not chunk:
            return issued
        last_pk = chunk[-1].pk
        issued += len(_issue_earned_in_chunk(chunk, issuer=issuer))


def revoke_certificate(certificate: Certificate, *, by, reason: str) -> Certificate:
    """Revoke the certificate; its verification page says so from now on, and the holder
    is mailed which certificate and why once the transaction commits.

    Raise ReasonRequired without a reason and AlreadyRevoked for a revoked certificate."""
    from certificates.tasks import send_revocation_mail

    reason = reason.strip()
    if not reason:
        raise ReasonRequired
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
        if certificate.is_revoked:
            raise AlreadyRevoked
        certificate.revoked_at = timezone.now()
        certificate.revoked_by = by
        certificate.revocation_reason = reason
        certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        log(certificate, "academy.certificate.revoke", user=by, data={"code": certificate.code, "reason": reason})
        enqueue_in_transaction(send_revocation_mail, certificate.pk)
    return certificate


def schedule_certificates_for_edition(edition: Edition, *, by) -> None:
    """Issue every certificate the edition's attendance has earned, in a background task
    once the transaction commits."""
    log(edition, "academy.certificate.issue_batch", user=by, data={"edition": edition.pk})
    transaction.on_commit(partial(tasks.issue_certificates_for_edition.enqueue, edition.pk))


def schedule_certificates_for_programme_year(programme_year: ProgrammeYear, *, by) -> None:
    """Issue every certificate the approved editions of the programme year have earned, in
    background tasks once the transaction commits."""
    log(programme_year, "academy.certificate.issue_batch", user=by, data={"programme_year": programme_year.pk})
    transaction.on_commit(partial(tasks.issue_certificates_for_programme_year.enqueue, programme_year.pk))


def rerender_certificate(certificate: Certificate, *, by=None, issuer=None) -> Certificate:
    """Render the certificate's PDF again under the same code, with the holder's current name.

    The new PDF is written beside the old one before the row names it, and the name
    and the file are saved together: when the new PDF cannot be written, the certificate
    keeps its old name and PDF, and a retry finds it still to be re-rendered. Raise
    HolderErased for a certificate whose holder had their account erased (their name is
    gone and so is the PDF), PdfNotWritten when the storage refuses the PDF.
    """
    if certificate.is_holder_erased:
        raise HolderErased
    issuer = issuer or get_issuer()
    previous_name = certificate.holder_name
    certificate.holder_name = holder_name_of(certificate.person)
    with _pdfs_removed_on_error() as written, transaction.atomic():
        _save_pdfs([certificate], issuer=issuer, written=written)
        certificate.save(update_fields=["holder_name"])
        log(
            certificate,
            "academy.certificate.rerender",
            user=by,
            data={"code": certificate.code, "previous_name": previous_name, "name": certificate.holder_name},
        )
    return certificate


def _renamed_certificates_of(person):
    """The person's valid certificates whose name is no longer the person's."""
    return (
        Certificate.objects.valid()
        .filter(person=person)
        .exclude(holder_name__in=[holder_name_of(person), ERASED_HOLDER_NAME])
    )


def rerender_certificates_of_person(person, *, by=None) -> int:
    """Re-render, under the same codes, the person's valid certificates that carry another
    name than the person's current one. Return how many were re-rendered."""
    certificates = list(_renamed_certificates_of(person).select_related("person").order_by("pk"))
    issuer = get_issuer() if certificates else None
    for certificate in certificates:
        rerender_certificate(certificate, by=by, issuer=issuer)
    return len(certificates)


def schedule_rerender_of_renamed_certificates(person) -> None:
    """After a change of the person's name, re-render their valid certificates in a
    background task once the transaction commits. Do nothing when no name differs."""
    if _renamed_certificates_of(person).exists():
        transaction.on_commit(partial(tasks.rerender_certificates_of_person.enqueue, person.pk))


def erase_certificate_holder(person) -> None:
    """Take the person's name off their certificates when their account is erased.

    The verification page then shows ERASED_HOLDER_NAME; codes, validity and revocation
    stay as they were, so a printed certificate can still be checked. The PDFs, which
    carry the name, are deleted once the transaction commits, so a rollback keeps them;
    the names in the certificates' log entries are dropped as well.
    """
    certificates = list(Certificate.objects.filter(person=person).order_by("pk"))
    if not certificates:
        return
    files = [certificate.pdf.name for certificate in certificates if certificate.pdf]
    log_entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Certificate))
    for certificate in certificates:
        certificate.holder_name = ERASED_HOLDER_NAME
        certificate.pdf = ""
        certificate.rendered_at = None
        certificate.save(update_fields=["holder_name", "pdf", "rendered_at"])
        entries = log_entries.filter(object_id=str(certificate.pk))
        entries.update(label=str(certificate))
        entries.filter(action="academy.certificate.rerender").update(data={"code": certificate.code})

    transaction.on_commit(partial(_delete_files, files))


# Files no certificate names: a batch whose commit failed, a crash between the write and the
# commit. Younger files may still belong to a transaction that has not committed yet.
ORPHAN_MIN_AGE = timedelta(hours=1)


def delete_orphan_pdfs(*, now=None, min_age: timedelta = ORPHAN_MIN_AGE) -> list[str]:
    """Delete the files in the certificates folder that no certificate names, older than min_age.

    Return the names deleted. A file the storage refuses to delete is logged and kept.
    """
    now = now or timezone.now()
    field = Certificate._meta.get_field("pdf")
    storage = field.storage
    folder = field.upload_to.rstrip("/")
    try:
        _directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}/{file_name}" for file_name in files]
    named = set(Certificate.objects.filter(pdf__in=names).values_list("pdf", flat=True))
    orphans = [name for name in names if name not in named and storage.get_modified_time(name) <= now - min_age]
    _delete_files(orphans)
    return orphans


def move_certificates_to_person(kept, *, duplicate, keep_with_duplicate) -> int:
    """Give duplicate's certificates to kept, under the same codes and as issued, inside the
    caller's transaction; those in keep_with_duplicate (an achievement kept holds a
    certificate for already) stay, still valid. Return how many moved."""
    return (
        Certificate.objects.filter(person=duplicate)
        .exclude(pk__in=list(keep_with_duplicate.values_list("pk", flat=True)))
        .update(person=kept)
    )
