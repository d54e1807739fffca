"""Editions as the API writes them, each serialized once per offer generation and process.

An uncached list then costs the filter's count and one page of keys, as the catalogue
does, plus one query batch for the editions this process has not serialized yet. A
serialized edition goes stale with the offer (academy.page_cache.process_memo) and, since
an enrolment window opens and closes with the clock and not with a change, after
MAX_AGE_SECONDS at the latest. The places left are part of it too: every new snapshot of
them (courses.catalogue_index.get_places_left()) starts the memo afresh.
"""

import time

from academy.page_cache import process_memo
from courses.catalogue_index import get_places_left

from . import selectors
from .schemas import EditionOut

MAX_AGE_SECONDS = 60


def _memo(request):
    memo = process_memo("api-editions")
    # Absolute URLs differ per host; booking states move with the clock.
    slot = (request.scheme, request.get_host(), int(time.time() // MAX_AGE_SECONDS), get_places_left()[0])
    if memo.get("slot") != slot:
        memo.clear()
        memo["slot"] = slot
        memo["editions"] = {}
    return memo["editions"]


def serialize_editions(pks, request):
    """The editions with these keys, in this order, as JSON-ready dicts (EditionOut)."""
    serialized = _memo(request)
    missing = [pk for pk in pks if pk not in serialized]
    if missing:
        context = {"request": request}
        for edition in selectors.list_catalogue_editions_by_pk(missing):
            serialized[edition.pk] = EditionOut.model_validate(edition, context=context).model_dump(mode="json")
    return [serialized[pk] for pk in pks if pk in serialized]
