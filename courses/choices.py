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
