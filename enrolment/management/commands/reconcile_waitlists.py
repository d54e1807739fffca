from django.core.management.base import BaseCommand

from enrolment.services import reconcile_waitlists


class Command(BaseCommand):
    help = (
        "Geef vrije plaatsen aan wie op de wachtlijst staat, waar een storing ze leeg liet. "
        "Laat een planner dit om de paar minuten uitvoeren."
    )

    def handle(self, *args, **options):
        promoted = reconcile_waitlists()
        for edition_id, enrolments in promoted.items():
            self.stdout.write(f"Editie {edition_id}: {len(enrolments)} persoon/personen van de wachtlijst bevestigd.")
        total = sum(len(enrolments) for enrolments in promoted.values())
        self.stdout.write(f"{total} vrije plaats(en) ingevuld.")
