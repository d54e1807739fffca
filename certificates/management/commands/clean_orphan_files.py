from django.core.management.base import BaseCommand

from certificates.services import delete_orphan_pdfs


class Command(BaseCommand):
    help = (
        "Verwijder pdf's in de map van de attesten die bij geen enkel attest horen en ouder zijn dan "
        "een uur. Laat een planner dit dagelijks uitvoeren."
    )

    def handle(self, *args, **options):
        deleted = delete_orphan_pdfs()
        for name in deleted:
            self.stdout.write(f"Verwijderd: {name}")
        self.stdout.write(f"{len(deleted)} verweesd(e) bestand(en) verwijderd.")
