import logging
import time

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections

from academy.task_recovery import requeue_tasks_of_worker

logger = logging.getLogger(__name__)

# Waits before restarting the worker after the database went away, the last one repeated
# until it is back.
RESTART_BACKOFF = (1, 2, 5, 10, 30)


class Command(DatabaseWorkerCommand):
    help = (
        "Voer achtergrondtaken uit zoals db_worker, maar start opnieuw (met oplopende wachttijd) "
        "wanneer de database wegvalt, in plaats van te stoppen."
    )

    def handle(self, *args, **options):
        # A reloader would restart a second process beside this loop.
        options["reload"] = False
        failures = 0
        while True:
            try:
                # A task still RUNNING under this worker's id was lost with the database,
                # or with the previous process of a supervisor's fixed --worker-id: it will
                # never finish, so run it again now rather than after the stuck-task sweep.
                requeue_tasks_of_worker(options["worker_id"])
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                wait = RESTART_BACKOFF[min(failures, len(RESTART_BACKOFF) - 1)]
                failures += 1
                logger.warning("Worker lost the database (%s); restarting in %s s.", error, wait)
                try:
                    close_old_connections()
                except DatabaseError:
                    # Closing a dropped connection may fail; Django forgets it either way.
                    pass
                time.sleep(wait)
