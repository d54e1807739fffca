"""Fixed vocabularies of the offer, shared by models, filters and the seed data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    ANTWERPEN = "antwerpen", _("Antwerpen")
    LIMBURG = "limburg", _("Limburg")
    OOST_VLAANDEREN = "oost-vlaanderen", _("Oost-Vlaanderen")
    VLAAMS_BRABANT = "vlaams-brabant", _("Vlaams-Brabant")
    WEST_VLAANDEREN = "west-vlaanderen", _("West-Vlaanderen")
    BRUSSEL = "brussel", _("Brussel")


class CourseFormat(models.TextChoices):
    STUDY_DAY = "studiedag", _("Studiedag")
    ID_DAY = "id-dag", _("ID-dag")
    EVENING = "avond", _("Avond")
    EVENING_SERIES = "avondreeks", _("Avondreeks")
    WEEKEND_SERIES = "weekendlessenreeks", _("Weekendlessenreeks")
    SUMMER_CAMP = "zomerkamp", _("Zomerkamp")
    TRAINING_PATH = "vormingstraject", _("Vormingstraject")
    ONLINE = "online", _("Online")
    HYBRID = "hybride", _("Hybride")


class Scope(models.TextChoices):
    LOCAL = "lokaal", _("Lokaal")
    REGIONAL = "regionaal", _("Regionaal")
    PROVINCIAL = "provinciaal", _("Provinciaal")
    NATIONAL = "nationaal", _("Nationaal")


class PackageLevel(models.TextChoices):
    BASIC = "basis", _("Basisvorming")
    ADVANCED = "verdieping", _("Verdiepend pakket")


class AudienceCode(models.TextChoices):
    VOLUNTEER = "vrijwilliger", _("Vrijwilligers")
    PROFESSIONAL = "beroepskracht", _("Beroepskrachten")
    OFFICIAL = "mandataris", _("Mandatarissen")
    CANDIDATE = "kandidaat-mandataris", _("Kandidaat-mandatarissen")
    INTERESTED = "geinteresseerde", _("Geïnteresseerden")


class TrackColour(models.TextChoices):
    """The palette a track's colour is chosen from: white text on each, and each as text on
    white, has a contrast of at least 4.5:1 (WCAG AA)."""

    RED = "rood", _("Rood")
    ORANGE = "oranje", _("Oranje")
    GREEN = "groen", _("Groen")
    PETROL = "petrol", _("Petrol")
    BLUE = "blauw", _("Blauw")
    PURPLE = "paars", _("Paars")


# The one home of the track colours: pages, cards and certificates set the CSS custom
# property --track from here.
TRACK_COLOUR_HEX = {
    TrackColour.RED: "#b3261e",
    TrackColour.ORANGE: "#a14a00",
    TrackColour.GREEN: "#1e6b36",
    TrackColour.PETROL: "#00636b",
    TrackColour.BLUE: "#0b5394",
    TrackColour.PURPLE: "#6b2c91",
}
DEFAULT_TRACK_COLOUR = TrackColour.BLUE


def track_colour_hex(colour: str) -> str:
    """The hex value of a track colour; the default for an unknown or empty one."""
    return TRACK_COLOUR_HEX.get(colour, TRACK_COLOUR_HEX[DEFAULT_TRACK_COLOUR])
