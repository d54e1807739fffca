"""Ask for a brochure and make its PDF: the only code that writes brochures.

A brochure's PDF is replaced whole. The new file is written under a new name beside the
old one, and the row is switched to it in one transaction; the old file is deleted after
the commit. A worker that fails or dies halfway leaves the row naming the previous,
complete file (or none), never a half-written one; a file written by a transaction that
never committed is deleted on the way out, or later by delete_orphan_brochure_files().
"""

import logging
from datetime import timedelta
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log

from academy.page_cache import schedule_invalidation
from brochure import tasks
from brochure.exceptions import PdfNotWritten, ProgrammeYearNotPublished, VariantIncomplete
from brochure.models import Brochure
from brochure.rendering import render_brochure
from courses.models import PartnerOrganisation, ProgrammeYear

logger = logging.getLogger(__name__)


def _variant_lookup(programme_year, *, partner, province) -> dict:
    if partner is not None and province:
        raise VariantIncomplete
    if partner is not None:
        return {"programme_year": programme_year, "variant": Brochure.Variant.PARTNER, "partner": partner}
    if province:
        return {"programme_year": programme_year, "variant": Brochure.Variant.PROVINCE, "province": province}
    return {"programme_year": programme_year, "variant": Brochure.Variant.MAIN}


def request_brochure(
    programme_year: ProgrammeYear,
    *,
    partner: PartnerOrganisation | None = None,
    province: str = "",
    by=None,
) -> Brochure:
    """Queue the making of the programme year's brochure (the main one, or the partner's or
    the province's variant) and return it. Asking again re-makes it; meanwhile the previous
    PDF stays downloadable. Raise ProgrammeYearNotPublished for a year not yet published:
    its offer is not public, and the brochure prints only what is public."""
    if not programme_year.is_published:
        raise ProgrammeYearNotPublished
    lookup = _variant_lookup(programme_year, partner=partner, province=province)
    with transaction.atomic():
        brochure, _created = Brochure.objects.select_for_update().get_or_create(**lookup)
        brochure.status = Brochure.Status.QUEUED
        brochure.requested_at = timezone.now()
        brochure.requested_by = by
        brochure.save(update_fields=["status", "requested_at", "requested_by"])
        log(brochure, "academy.brochure.request", user=by)
        transaction.on_commit(partial(tasks.make_brochure_pdf.enqueue, brochure.pk))
    return brochure


def _delete_files(names):
    """Delete the files; one the storage refuses to delete is left to delete_orphan_brochure_files."""
    storage = Brochure._meta.get_field("pdf").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.warning("Could not delete the brochure file %s.", name, exc_info=True)


def _write_file(brochure: Brochure, content: bytes) -> str:
    field = Brochure._meta.get_field("pdf")
    name = field.generate_filename(brochure, f"{brochure.file_slug()}.pdf")
    try:
        return field.storage.save(name, ContentFile(content), max_length=field.max_length)
    except OSError as error:
        raise PdfNotWritten from error


def make_brochure(brochure: Brochure) -> Brochure:
    """Lay the brochure out from the current public offer and switch it to the new PDF.

    On any failure the brochure is marked failed and keeps the PDF it had; the error is
    raised again for the task framework to retry or report. Raise PdfNotWritten when the
    storage refuses the file.
    """
    finished = False
    written = None
    try:
        rendered = render_brochure(brochure)
        written = _write_file(brochure, rendered.content)
        with transaction.atomic():
            locked = Brochure.objects.select_for_update().get(pk=brochure.pk)
            replaced = locked.pdf.name
            locked.pdf = written
            locked.page_count = rendered.page_count
            locked.rendered_at = timezone.now()
            locked.status = Brochure.Status.READY
            locked.save(update_fields=["pdf", "page_count", "rendered_at", "status"])
            if replaced:
                transaction.on_commit(partial(_delete_files, [replaced]))
            if locked.variant == Brochure.Variant.MAIN:
                # The catalogue links to the main brochure once it exists.
                schedule_invalidation()
        finished = True
        return locked
    finally:
        if not finished:
            if written:
                _delete_files([written])
            Brochure.objects.filter(pk=brochure.pk).update(status=Brochure.Status.FAILED)


def delete_orphan_brochure_files(*, older_than=timedelta(hours=1)) -> list[str]:
    """Delete brochure files no brochure names, older than older_than (a younger one may
    belong to a transaction still running); return their names."""
    storage = Brochure._meta.get_field("pdf").storage
    try:
        _directories, files = storage.listdir("brochures")
    except FileNotFoundError:
        return []
    named = set(Brochure.objects.with_pdf().values_list("pdf", flat=True))
    limit = timezone.now() - older_than
    orphans = [
        f"brochures/{name}"
        for name in files
        if f"brochures/{name}" not in named and storage.get_modified_time(f"brochures/{name}") < limit
    ]
    _delete_files(orphans)
    return orphans
