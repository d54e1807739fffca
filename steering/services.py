"""The steering group's decisions on course proposals, through Wagtail's approval workflow."""

from django.db import transaction

from wagtail.models import Page

from steering.exceptions import AlreadyDecided, ChangesNotSaid, NotYourDecision

APPROVE = "approve"
REQUEST_CHANGES = "reject"


def decide_on_proposal(page, *, by, approve: bool, comment: str = ""):
    """Approve the page in its workflow task (it is published), or ask for changes.

    The decision is the workflow task's own action, so that its mails, log entries and
    hooks follow as when it is taken in Wagtail's editor. Raise AlreadyDecided when the
    page awaits no decision, NotYourDecision when the task is not the user's to decide,
    and ChangesNotSaid when changes are asked without saying which.
    """
    comment = comment.strip()
    if not approve and not comment:
        raise ChangesNotSaid
    with transaction.atomic():
        # Two reviewers deciding at once: the second waits here, then finds it decided.
        page = Page.objects.select_for_update(of=("self",)).get(pk=page.pk).specific
        task_state = page.current_workflow_task_state
        if task_state is None:
            raise AlreadyDecided
        task = task_state.task.specific
        action = APPROVE if approve else REQUEST_CHANGES
        if action not in {name for name, _label, _needs_data in task.get_actions(page, by)}:
            raise NotYourDecision
        task.on_action(task_state, by, action, comment=comment)
    return page
