"""Queue a task as part of the change it belongs to."""

from functools import partial

from django_tasks_db import DatabaseBackend

from django.db import transaction


def enqueue_in_transaction(task, *args, **kwargs):
    """Queue the task so that it exists exactly when the current transaction commits.

    The database queue writes the task row inside the transaction itself: it commits or
    rolls back with the change, and no process can die between the commit and the enqueue
    (which lost the mails of a certificate batch whose worker was killed there). Any other
    backend, such as the immediate one of the embedded default that runs the task at once,
    gets the task after commit.
    """
    if isinstance(task.get_backend(), DatabaseBackend):
        task.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(partial(task.enqueue, *args, **kwargs))
