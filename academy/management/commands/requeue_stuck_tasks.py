from datetime import timedelta

from django.core.management.base import BaseCommand

from academy.task_recovery import STUCK_AFTER, requeue_stuck_tasks


class Command(BaseCommand):
    help = (
        "Zet achtergrondtaken die langer dan --minuten lopen (hun worker is weg) opnieuw in de wachtrij. "
        "Laat een planner dit elke vijf minuten uitvoeren."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--minuten",
            type=int,
            default=int(STUCK_AFTER.total_seconds() // 60),
            help="Na hoeveel minuten een lopende taak als vastgelopen geldt.",
        )

    def handle(self, *args, minuten, **options):
        requeued, failed = requeue_stuck_tasks(stuck_after=timedelta(minutes=minuten))
        self.stdout.write(f"{requeued} vastgelopen ta(a)k(en) opnieuw ingepland, {failed} als mislukt gemarkeerd.")
