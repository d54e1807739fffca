"""The demo offer that seed_demo builds: plausible Dutch content, the same on every run."""

TRACKS = [
    (
        "politieke-vorming",
        "Politieke vorming",
        "Voor wie lokaal of bovenlokaal politiek actief is of wil worden: "
        "mandatarissen, kandidaten en geëngageerde burgers.",
    ),
    (
        "sociale-vorming",
        "Sociale vorming",
        "Voor vrijwilligers en beroepskrachten die samen werken aan een rechtvaardige samenleving.",
    ),
    (
        "professionele-vorming",
        "Professionele vorming",
        "Voor beroepskrachten van de partnerorganisaties: methodiek, begeleiding en organisatie.",
    ),
]

# One colour per track, from courses.choices.TrackColour.
TRACK_COLOURS = {"politieke-vorming": "rood", "sociale-vorming": "groen", "professionele-vorming": "blauw"}

# Per track: (title, summary, format, required in basic package?) for the basic package,
# the advanced package and loose courses.
COURSES = {
    "politieke-vorming": {
        "basis": [
            (
                "Hoe werkt de gemeente?",
                "De gemeenteraad, het college en het OCMW uitgelegd in gewone taal.",
                "avondreeks",
                True,
            ),
            ("Je eerste gemeenteraad", "Agenda lezen, tussenkomen en een voorstel indienen.", "studiedag", True),
            (
                "Spreken in het openbaar",
                "Overtuigend en helder spreken voor een zaal of een camera.",
                "weekendlessenreeks",
                False,
            ),
            (
                "Sociale zekerheid in België",
                "Hoe ons sociaal beschermingsstelsel werkt en wie het betaalt.",
                "avond",
                False,
            ),
        ],
        "verdieping": [
            (
                "Begrotingen lezen en beoordelen",
                "Een gemeentebegroting en meerjarenplan kritisch doornemen.",
                "avondreeks",
                True,
            ),
            ("Onderhandelen in coalities", "Standpunten verdedigen en akkoorden sluiten.", "studiedag", True),
            ("Europa dichtbij", "Wat Europese regels betekenen voor je gemeente.", "online", False),
            (
                "Lokaal sociaal beleid",
                "Armoedebestrijding, wonen en zorg op gemeentelijk niveau.",
                "vormingstraject",
                False,
            ),
        ],
        "los": [
            (
                "ID-dag: democratie onder druk",
                "Een dag over polarisatie, desinformatie en wat je eraan kan doen.",
                "id-dag",
            ),
            ("Zomerkamp politiek engagement", "Vier dagen samen leren, debatteren en plannen.", "zomerkamp"),
        ],
    },
    "sociale-vorming": {
        "basis": [
            ("Vrijwilligerswerk organiseren", "Vrijwilligers vinden, onthalen en houden.", "avondreeks", True),
            ("Vergaderen met resultaat", "Vergaderingen voorbereiden, leiden en opvolgen.", "avond", True),
            ("Armoede begrijpen", "Wat armoede met mensen doet, en hoe je ze niet uitsluit.", "studiedag", False),
            ("Communiceren met je achterban", "Nieuwsbrief, sociale media en het goede gesprek.", "hybride", False),
        ],
        "verdieping": [
            ("Campagne voeren", "Van een probleem naar een campagne die iets verandert.", "weekendlessenreeks", True),
            ("Diversiteit in je vereniging", "Drempels zien en wegnemen.", "avondreeks", True),
            ("Conflicten hanteren", "Omgaan met spanning in een groep.", "studiedag", False),
            ("Fondsen werven", "Subsidies, giften en acties voor je werking.", "online", False),
        ],
        "los": [
            ("ID-dag: klimaat en rechtvaardigheid", "Wat een eerlijke klimaattransitie vraagt.", "id-dag"),
            ("Zomerkamp jong engagement", "Een week vorming voor jonge vrijwilligers.", "zomerkamp"),
        ],
    },
    "professionele-vorming": {
        "basis": [
            ("Groepen begeleiden", "Groepsprocessen herkennen en sturen.", "vormingstraject", True),
            ("Methodieken voor volwasseneneducatie", "Werkvormen die volwassenen echt laten leren.", "studiedag", True),
            ("Gespreksvaardigheden", "Luisteren, doorvragen en feedback geven.", "avondreeks", False),
            ("Privacy en GDPR in de praktijk", "Wat mag je bijhouden over leden en deelnemers?", "online", False),
        ],
        "verdieping": [
            ("Coachend leidinggeven", "Medewerkers en vrijwilligers laten groeien.", "weekendlessenreeks", True),
            ("Projectmatig werken", "Van idee tot afgerond project, met een plan.", "avondreeks", True),
            ("Digitale vorming ontwerpen", "Online en hybride leren dat werkt.", "hybride", False),
            ("Impact meten", "Tonen wat je werking verandert.", "studiedag", False),
        ],
        "los": [
            ("Studiedag welzijnswerk vandaag", "Trends en uitdagingen in het sociaal werk.", "studiedag"),
            ("ID-dag: werken met anderstaligen", "Duidelijk communiceren over taalgrenzen heen.", "id-dag"),
        ],
    },
}

PARTNERS = [
    ("ACV", "partner"),
    ("CM", "partner"),
    ("Familiehulp", "partner"),
    ("OKRA", "partner"),
    ("Femma", "partner"),
    ("Kwb", "partner"),
    ("KAJ", "partner"),
    ("Pasar", "partner"),
    ("CM-Ziekenzorg", "partner"),
    ("Internationaal Comité", "partner"),
    ("Wereldsolidariteit", "partner"),
    ("Arktos", "geassocieerd"),
    ("Groep Intro", "geassocieerd"),
    ("Welzijnszorg", "geassocieerd"),
    ("Pax Christi", "geassocieerd"),
]

# Shown on the partner pages (/partners/<slug>/); the others stay without a description.
PARTNER_DESCRIPTIONS = {
    "ACV": "De christelijke vakbond: militanten en vrijwilligers in bedrijven en gemeenten.",
    "CM": "Het ziekenfonds dat met vrijwilligers werkt aan gezondheid en solidariteit.",
    "Femma": "De vrouwenbeweging die werkt aan tijd voor zorg, werk en engagement.",
    "OKRA": "De beweging van en voor senioren, met trefpunten in heel Vlaanderen.",
}

THEMES = [
    "Lokale politiek",
    "Armoede",
    "Werk en inkomen",
    "Zorg",
    "Klimaat",
    "Diversiteit",
    "Communicatie",
    "Europa",
    "Vrijwilligerswerk",
    "Begeleiding",
]

# (name, street, postcode, municipality, province, step_free, hearing_loop, public_transport)
VENUES = [
    ("Vormingscentrum De Brug", "Lange Nieuwstraat 12", "2000", "Antwerpen", "antwerpen", True, True, True),
    ("Zaal Het Anker", "Grote Markt 3", "2800", "Mechelen", "antwerpen", True, False, True),
    ("Ontmoetingscentrum Kempen", "Stationsstraat 45", "2300", "Turnhout", "antwerpen", False, False, True),
    ("Huis van de Mens", "Kuringersteenweg 20", "3500", "Hasselt", "limburg", True, True, True),
    ("Zaal De Mijn", "Koolmijnlaan 8", "3600", "Genk", "limburg", True, False, False),
    ("Het Pand", "Onderbergen 1", "9000", "Gent", "oost-vlaanderen", True, True, True),
    ("Parochiezaal Sint-Niklaas", "Kerkstraat 10", "9100", "Sint-Niklaas", "oost-vlaanderen", False, False, True),
    ("Vormingshuis Leuven", "Tiensestraat 99", "3000", "Leuven", "vlaams-brabant", True, True, True),
    ("CC Vilvoorde", "Bondgenotenlaan 5", "1800", "Vilvoorde", "vlaams-brabant", True, False, True),
    ("Zaal De Boot", "Vlamingstraat 4", "8000", "Brugge", "west-vlaanderen", True, True, True),
    ("Ontmoetingshuis Kortrijk", "Doorniksestraat 61", "8500", "Kortrijk", "west-vlaanderen", True, False, True),
    ("Huis van de Vakbond", "Pletinckxstraat 19", "1000", "Brussel", "brussel", True, True, True),
]

SESSIONS_PER_FORMAT = {
    "studiedag": (1, 9, 7),
    "id-dag": (1, 9, 7),
    "avond": (1, 19, 3),
    "avondreeks": (3, 19, 3),
    "weekendlessenreeks": (2, 10, 6),
    "zomerkamp": (3, 9, 8),
    "vormingstraject": (5, 13, 4),
    "online": (2, 19, 2),
    "hybride": (2, 18, 3),
}
"""Per format: number of sessions, start hour and length in hours."""

# Public course requests: subject, theme, municipality, province, organisation.
COURSE_REQUESTS = [
    ("Hoe lees ik een gemeentebegroting?", "Lokale politiek", "Genk", "limburg", "Femma Genk"),
    ("Armoede herkennen in de buurt", "Armoede", "Sint-Niklaas", "oost-vlaanderen", "Welzijnszorg Waasland"),
    ("Vrijwilligers onthalen en begeleiden", "Vrijwilligerswerk", "Leuven", "vlaams-brabant", "OKRA Leuven"),
]
