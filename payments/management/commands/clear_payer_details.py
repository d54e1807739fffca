from django.core.management.base import BaseCommand

from payments.services import clear_payer_details


class Command(BaseCommand):
    help = (
        "Erase payers' names and accounts of bank transactions imported longer ago than the payment "
        "settings keep them, except where a refund is still due. Daily from cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{clear_payer_details()} transactie(s) gewist.")
