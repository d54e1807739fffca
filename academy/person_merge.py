"""What an app does in a merge of two records of one person (accounts.merging.merge_people()).

Each app that keeps something per person registers a Wagtail hook named MERGE_PEOPLE
returning a PersonRecords, which describes what it will move and moves it. They run in their
``order`` (enrolment first: it locks the editions, in primary-key order, before anything
else), sharing one MergeState, so a later app knows what an earlier one did. The protocol
sits in the core so that the apps below accounts name no upper module.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from wagtail import hooks

from academy.errors import ServiceError

MERGE_PEOPLE = "merge_people"
MERGE_ACTION = "academy.person.merge"
MERGED_AWAY_ACTION = "academy.person.merged_away"


class MergeError(ServiceError):
    message = gettext_lazy("Deze twee personen kunnen niet samengevoegd worden.")


@dataclass
class MergeState:
    """What the apps share during one merge: notes for the log and the confirmation, and
    what each app leaves for the next (``data``)."""

    notes: list = field(default_factory=list)
    data: dict = field(default_factory=dict)


class PersonRecords:
    """What one app keeps per person, as a merge sees it."""

    order = 100

    def describe(self, kept, *, duplicate) -> list[str]:
        """Say, in Dutch, what a merge of duplicate into kept will move and how it settles conflicts."""
        return []

    def move(self, kept, *, duplicate, by, state: MergeState) -> None:
        """Move the duplicate's records to kept, inside the merge's transaction."""


def list_record_providers():
    return sorted((hook() for hook in hooks.get_hooks(MERGE_PEOPLE)), key=lambda provider: provider.order)
