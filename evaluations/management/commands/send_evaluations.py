from django.core.management.base import BaseCommand

from evaluations.services import send_due_evaluations


class Command(BaseCommand):
    help = (
        "Nodig wie een afgelopen editie bijwoonde uit voor een evaluatie en herinner wie nog niet antwoordde. "
        "Laat een planner dit elk uur uitvoeren."
    )

    def handle(self, *args, **options):
        invited, reminded = send_due_evaluations()
        self.stdout.write(f"{invited} uitnodiging(en) en {reminded} herinnering(en) ingepland.")
