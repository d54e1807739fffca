"""The "Achtergrondtaken" admin view: staff see failed, stuck and retrying tasks and retry them."""

import json
from dataclasses import dataclass

from django_tasks_db.models import get_date_max

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from academy.admin_pages import AdminPageMixin
from academy.task_recovery import list_retryable_tasks, list_tasks_needing_attention, retry_task

PERMISSION = "academy.manage_backgroundtask"
# A page staff can read; a longer list means something else is wrong, and the count says so.
MAX_ROWS = 200


def may_manage_background_tasks(user) -> bool:
    return user.has_perm(PERMISSION)


@dataclass
class TaskRow:
    id: str
    name: str
    arguments: str
    state: str
    error: str
    attempts: int
    at: object
    next_attempt: object
    retryable: bool


def _row(result, *, retryable_ids) -> TaskRow:
    if result.status == TaskResultStatus.FAILED:
        state = _("Mislukt")
    elif result.status == TaskResultStatus.RUNNING:
        state = _("Vastgelopen")
    else:
        state = _("Wacht op een nieuwe poging")
    last_line = result.traceback.strip().splitlines()[-1] if result.traceback.strip() else ""
    return TaskRow(
        id=str(result.pk),
        name=result.task_name,
        arguments=json.dumps(result.args_kwargs, ensure_ascii=False),
        state=state,
        error=last_line or result.exception_class_path,
        attempts=len(result.worker_ids),
        at=result.finished_at or result.started_at or result.enqueued_at,
        next_attempt=None if result.run_after == get_date_max() else result.run_after,
        retryable=result.pk in retryable_ids,
    )


class PermissionRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_manage_background_tasks(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BackgroundTaskListView(PermissionRequiredMixin, AdminPageMixin, TemplateView):
    template_name = "academy/background_tasks.html"
    page_title = gettext_lazy("Achtergrondtaken")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        results = list_tasks_needing_attention(now=now)
        retryable_ids = set(list_retryable_tasks(now=now).values_list("pk", flat=True))
        context["rows"] = [_row(result, retryable_ids=retryable_ids) for result in results[:MAX_ROWS]]
        context["total"] = results.count()
        context["retryable_count"] = len(retryable_ids)
        return context


class RetryBackgroundTaskView(PermissionRequiredMixin, View):
    """Queue one failed or stuck task again, or all of them without a task id."""

    http_method_names = ["post"]

    def post(self, request, task_id=None):
        if task_id is not None:
            if retry_task(task_id, by=request.user):
                messages.success(request, _("De taak staat opnieuw in de wachtrij."))
            else:
                messages.error(request, _("Deze taak is niet mislukt of vastgelopen; er is niets veranderd."))
        else:
            ids = list(list_retryable_tasks().values_list("pk", flat=True))
            count = sum(retry_task(result_id, by=request.user) for result_id in ids)
            messages.success(
                request,
                ngettext(
                    "%(count)s taak staat opnieuw in de wachtrij.",
                    "%(count)s taken staan opnieuw in de wachtrij.",
                    count,
                )
                % {"count": count},
            )
        return redirect("academy_background_tasks")
