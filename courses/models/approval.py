"""The steering group's approval of a course page, with the editions proposed along with it."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.models import AbstractGroupApprovalTask


class CourseApprovalTask(AbstractGroupApprovalTask):
    """Approval by a group, like Wagtail's own: and when the page is a course, the same
    decision approves, or sends back, the editions submitted with it (a trainer's proposal
    of a course and its first dates), so the steering group decides once."""

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from courses.services import decide_proposed_editions

        super().on_action(task_state, user, action_name, **kwargs)
        if action_name in ("approve", "reject"):
            decide_proposed_editions(
                task_state.workflow_state.content_object,
                approved=action_name == "approve",
                by=user,
                comment=kwargs.get("comment", ""),
            )

    class Meta:
        verbose_name = _("goedkeuring van een vorming en haar voorgestelde edities")
        verbose_name_plural = _("goedkeuringen van vormingen en hun voorgestelde edities")
