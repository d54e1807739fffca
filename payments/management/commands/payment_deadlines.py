from django.core.management.base import BaseCommand

from payments.services import release_unpaid_seats, send_payment_reminders


class Command(BaseCommand):
    help = (
        "Mail one reminder per open payment whose deadline nears, and release the unpaid seats "
        "after the deadline in editions that say so. Hourly or daily from cron; a second run does nothing."
    )

    def handle(self, *args, **options):
        reminded = send_payment_reminders()
        released = release_unpaid_seats()
        self.stdout.write(f"{len(reminded)} herinnering(en), {len(released)} plaats(en) vrijgegeven.")
