from django.core.management.base import BaseCommand

from enrolment.reminders import DEFAULT_DAYS_BEFORE, send_due_reminders


class Command(BaseCommand):
    help = "Verstuur herinneringen voor vormingen die binnenkort beginnen. Laat een planner dit elk uur uitvoeren."

    def add_arguments(self, parser):
        parser.add_argument("--dagen", type=int, default=DEFAULT_DAYS_BEFORE, help="Hoeveel dagen op voorhand.")

    def handle(self, *args, dagen, **options):
        count = send_due_reminders(days_before=dagen)
        self.stdout.write(f"{count} herinnering(en) ingepland.")
