"""What happens to a background task that failed or never finished: the one home of the
retry policy, of what counts as stuck, and of a retry by staff.

The database task backend runs a task once and leaves it FAILED on any error; a worker
that dies mid-task leaves it RUNNING for good. Here:

- a task that fails with a transient error (the mail server, the network, the database
  or the disk) goes back to READY with run_after set later and later (BACKOFF), until
  it has been attempted MAX_ATTEMPTS times; then it stays FAILED for staff to see;
- a task RUNNING longer than STUCK_AFTER is put back to READY by requeue_stuck_tasks()
  (the `requeue_stuck_tasks` command), or FAILED when it has used its attempts;
- staff retry a failed or stuck task with retry_task() (the "Achtergrondtaken" admin
  view), which gives it a fresh round of attempts.

Running a task again is safe because every task is idempotent in effect: mails go
through academy.outbox, certificates exist once per achievement, promotions fill only
free seats. The attempts of a task are the workers that claimed it (worker_ids), which
the backend keeps on the result row.
"""

import logging
import traceback
from datetime import timedelta
from smtplib import SMTPException

from django_tasks_db.models import DBTaskResult, get_date_max

from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.dispatch import receiver
from django.tasks import TaskResultStatus
from django.tasks.signals import task_finished
from django.utils import timezone
from django.utils.module_loading import import_string

from wagtail.log_actions import log

from academy.models import BackgroundTask

logger = logging.getLogger(__name__)

# Waits after the 1st, 2nd, 3rd and 4th failed attempt; the 5th failure is final.
BACKOFF = (timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=10), timedelta(hours=1))
MAX_ATTEMPTS = len(BACKOFF) + 1
# Longer than any task of the academy runs (a certificate batch renders one edition), so
# a task still RUNNING after it lost its worker.
STUCK_AFTER = timedelta(minutes=30)
# SMTPException and ConnectionError are OSErrors; a database that restarts raises
# OperationalError or InterfaceError.
TRANSIENT_ERRORS = (OSError, SMTPException, OperationalError, InterfaceError)


class TaskStuck(Exception):
    """A task that kept losing its worker (killed, out of memory) and used its attempts."""


def is_transient(exception_class_path: str) -> bool:
    """Tell whether an error of this class may go away by itself, so a retry may succeed."""
    try:
        exception_class = import_string(exception_class_path)
    except ImportError:
        return False
    return isinstance(exception_class, type) and issubclass(exception_class, TRANSIENT_ERRORS)


def backoff_after(attempts: int) -> timedelta | None:
    """The wait before the next attempt of a task attempted this many times, or None when
    it has had its last attempt."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return BACKOFF[max(attempts, 1) - 1]


@receiver(task_finished, dispatch_uid="academy.task_recovery.retry_transient_failure")
def retry_transient_failure(sender, task_result, **kwargs):
    """Put a task that failed with a transient error back in the queue, later.

    The backend's worker sends task_finished after it marked the row FAILED: the one
    moment to decide about a retry for every task without wrapping each of them. The
    immediate backend (development, tests) has no queue to put a task back in.
    """
    db_result = getattr(task_result, "db_result", None)
    if db_result is None or task_result.status != TaskResultStatus.FAILED or not task_result.errors:
        return
    error = task_result.errors[-1]
    if not is_transient(error.exception_class_path):
        logger.error(
            "Task %s (%s) failed with %s; not retried.", task_result.id, db_result.task_path, error.exception_class_path
        )
        return
    wait = backoff_after(task_result.attempts)
    if wait is None:
        logger.error(
            "Task %s (%s) failed %s times, last with %s; left FAILED for staff.",
            task_result.id,
            db_result.task_path,
            task_result.attempts,
            error.exception_class_path,
        )
        return
    run_after = timezone.now() + wait
    # Only the row as the worker left it: never one that staff already retried meanwhile.
    DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "Task %s (%s) failed with %s (attempt %s of %s); retrying after %s.",
        task_result.id,
        db_result.task_path,
        error.exception_class_path,
        task_result.attempts,
        MAX_ATTEMPTS,
        run_after.isoformat(),
    )


def _stuck_filter(now):
    return Q(status=TaskResultStatus.RUNNING, started_at__lt=now - STUCK_AFTER)


def requeue_stuck_tasks(*, stuck_after: timedelta = STUCK_AFTER, now=None) -> tuple[int, int]:
    """Put every task RUNNING for longer than stuck_after back in the queue, to run at
    once; one that has used its attempts is marked FAILED (TaskStuck) instead. Return
    how many were re-queued and how many failed."""
    now = now or timezone.now()
    requeued = failed = 0
    with transaction.atomic():
        stuck = list(
            DBTaskResult.objects.running()
            .filter(started_at__lt=now - stuck_after)
            .select_for_update(skip_locked=True)
            .order_by("started_at")
        )
        for result in stuck:
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                error = TaskStuck(f"Still running after {stuck_after} on its last attempt; its worker was lost.")
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = f"{TaskStuck.__module__}.{TaskStuck.__qualname__}"
                result.traceback = "".join(traceback.format_exception_only(error))
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
                logger.error("Task %s (%s) stuck on its last attempt; marked FAILED.", result.pk, result.task_path)
                failed += 1
            else:
                result.status = TaskResultStatus.READY
                result.run_after = get_date_max()
                result.save(update_fields=["status", "run_after"])
                logger.warning(
                    "Task %s (%s) stuck in RUNNING since %s; queued again.",
                    result.pk,
                    result.task_path,
                    result.started_at.isoformat(),
                )
                requeued += 1
    return requeued, failed


def requeue_tasks_of_worker(worker_id: str) -> int:
    """Put the tasks a worker was running back in the queue, once that worker is known to
    have stopped (run_worker restarting after the database went away). Return how many."""
    count = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if result.worker_ids and result.worker_ids[-1] == worker_id:
                result.status = TaskResultStatus.READY
                result.run_after = get_date_max()
                result.save(update_fields=["status", "run_after"])
                logger.warning("Task %s (%s) lost its worker %s; queued again.", result.pk, result.task_path, worker_id)
                count += 1
    return count


def list_tasks_needing_attention(*, now=None):
    """The tasks staff should see: failed ones, stuck ones, and the ones waiting for a
    retry after an error, newest first."""
    now = now or timezone.now()
    return BackgroundTask.objects.filter(
        Q(status=TaskResultStatus.FAILED)
        | _stuck_filter(now)
        | (Q(status=TaskResultStatus.READY) & ~Q(exception_class_path=""))
    ).order_by("-enqueued_at")


def list_retryable_tasks(*, now=None):
    """The tasks retry_task() accepts: failed ones and stuck ones."""
    now = now or timezone.now()
    return BackgroundTask.objects.filter(Q(status=TaskResultStatus.FAILED) | _stuck_filter(now))


def retry_task(result_id, *, by, now=None) -> bool:
    """Queue a failed or stuck task to run at once, with a fresh round of attempts, and
    log who did. Return False, changing nothing, for a task that is neither (it ran
    meanwhile, or is waiting for its own retry)."""
    with transaction.atomic():
        result = list_retryable_tasks(now=now).select_for_update(skip_locked=True).filter(pk=result_id).first()
        if result is None:
            return False
        previous_status = result.status
        result.status = TaskResultStatus.READY
        result.run_after = get_date_max()
        result.finished_at = None
        result.worker_ids = []
        result.save(update_fields=["status", "run_after", "finished_at", "worker_ids"])
        log(result, "academy.task.retry", user=by, data={"task": result.task_path, "status": previous_status})
    logger.info("Task %s (%s) retried by %s.", result.pk, result.task_path, by)
    return True
