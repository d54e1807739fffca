"""The reports of the admin's "Rapporten": their names, what each figure means, and their selector.

The texts are the definitions the report pages, the exports and the README state; the
computations are in reports.selectors.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from reports import selectors


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    summary: str
    definitions: tuple
    selector: object
    needs_year: bool = False
    percent_chart: bool = False


SEAT = _(
    "Een deelnemer is een inschrijving die een plaats heeft: bevestigd, in een editie die niet geannuleerd is. "
    "Wie annuleerde, op de wachtlijst staat of nog wacht op goedkeuring, telt niet mee."
)
MANY = _(
    "Bij doelgroep en partnerorganisatie telt een inschrijving mee bij elke doelgroep of partnerorganisatie "
    "van de vorming: de rijen kunnen samen meer zijn dan het totaal."
)
YEAR = _("Het werkjaar is dat van de editie; edities zonder werkjaar tellen alleen mee bij ‘Alle werkjaren’.")

REPORTS = {
    report.slug: report
    for report in (
        Report(
            "bereik",
            _("Bereik"),
            _("Hoeveel mensen de academie bereikte en hoe lang."),
            (
                SEAT,
                _("Unieke personen: elke persoon één keer, ook met meer inschrijvingen."),
                _(
                    "Deelnemersuren: per sessie waarop een deelnemer aanwezig was, de duur van de sessie "
                    "(van begin tot einde), opgeteld. Gewettigd afwezig telt niet."
                ),
                MANY,
                YEAR,
            ),
            selectors.get_reach,
        ),
        Report(
            "bezetting",
            _("Bezettingsgraad"),
            _("Hoeveel van de aangeboden plaatsen bezet zijn."),
            (
                _("Edities: goedgekeurde edities, zonder de geannuleerde."),
                _("Plaatsen: de som van het aantal plaatsen van die edities."),
                _("Bezette plaatsen: de deelnemers (bevestigde inschrijvingen) van die edities."),
                _("Bezettingsgraad: bezette plaatsen gedeeld door plaatsen."),
                MANY,
                YEAR,
            ),
            selectors.get_fill_rate,
            percent_chart=True,
        ),
        Report(
            "wachtlijst",
            _("Wachtlijst"),
            _("Hoeveel wachtlijstplaatsen een plaats werden."),
            (
                _(
                    "Wachtlijstplaatsen: inschrijvingen die ooit op de wachtlijst stonden (nu of volgens hun "
                    "geschiedenis), ook als ze later annuleerden."
                ),
                _("Werden een plaats: daarvan de inschrijvingen die later bevestigd werden."),
                _("Wachten nog: daarvan de inschrijvingen die nu nog op de wachtlijst staan."),
                _("Omzetting: werden een plaats gedeeld door wachtlijstplaatsen."),
                MANY,
                YEAR,
            ),
            selectors.get_waitlist_conversion,
            percent_chart=True,
        ),
        Report(
            "no-show",
            _("No-show"),
            _("Hoeveel deelnemers op geen enkele sessie kwamen."),
            (
                _(
                    "Bevestigd in afgelopen edities: deelnemers van edities die voorbij zijn en waarvan de "
                    "aanwezigheden genoteerd werden (minstens één aanwezigheid voor een van hun sessies)."
                ),
                _("Op geen enkele sessie: daarvan wie voor geen enkele sessie aanwezig was."),
                _("No-show: op geen enkele sessie gedeeld door bevestigd in afgelopen edities."),
                MANY,
                YEAR,
            ),
            selectors.get_no_shows,
            percent_chart=True,
        ),
        Report(
            "nieuw-terugkerend",
            _("Nieuw en terugkerend"),
            _("Hoeveel mensen in een werkjaar voor het eerst kwamen."),
            (
                _("Unieke personen: iedereen met minstens één plaats in een editie van het werkjaar."),
                _(
                    "Terugkerend: wie ook een plaats had in een editie van een eerder werkjaar. "
                    "Nieuw: wie dat niet had; hun eerste inschrijving ooit valt in dit werkjaar."
                ),
                MANY,
            ),
            selectors.get_new_and_returning,
            needs_year=True,
        ),
        Report(
            "jaarvergelijking",
            _("Dit jaar en vorig jaar"),
            _("Het bereik van een werkjaar naast dat van het werkjaar ervoor."),
            (
                SEAT,
                _("Vorig jaar is het werkjaar dat het laatst begon vóór het gekozen werkjaar."),
                _("Verschil deelnemers: de groei (of daling) ten opzichte van vorig jaar."),
                MANY,
            ),
            selectors.get_year_comparison,
            needs_year=True,
        ),
    )
}
