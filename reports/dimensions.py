"""The dimensions a report breaks its figures down by: what each groups on and how a group is named.

Every path starts at an edition; selectors put the path from their own model in front
(`edition__` from an enrolment, `enrolment__edition__` from an attendance). Audience and
partner organisation are many-to-many: a figure counts once under each audience (or
partner organisation) of the course, so their rows may add up to more than the total.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from courses.choices import AudienceCode, CourseFormat, Province, Scope


@dataclass(frozen=True)
class Dimension:
    slug: str
    label: str
    key: str
    label_path: str = ""
    choices: dict = field(default_factory=dict)
    empty_label: str = ""
    many: bool = False

    def values(self, prefix):
        """The keyword arguments of .values() that group a queryset of `prefix` rows by this dimension."""
        group = {"group_key": F(f"{prefix}{self.key}")}
        if self.label_path:
            group["group_label"] = F(f"{prefix}{self.label_path}")
        return group

    def name_of(self, row):
        """The Dutch name of the group a row of values(**self.values(...)) stands for."""
        if row["group_key"] is None:
            return str(self.empty_label)
        if self.label_path:
            return row["group_label"]
        return str(self.choices.get(row["group_key"], row["group_key"]))


DIMENSIONS = {
    dimension.slug: dimension
    for dimension in (
        Dimension("traject", _("Traject"), "course__track_id", "course__track__title", empty_label=_("Zonder traject")),
        Dimension(
            "pakket", _("Pakket"), "course__package_id", "course__package__title", empty_label=_("Zonder pakket (los)")
        ),
        Dimension("vorm", _("Vorm"), "course__format", choices=dict(CourseFormat.choices)),
        Dimension("provincie", _("Provincie"), "province", choices=dict(Province.choices)),
        Dimension("reikwijdte", _("Reikwijdte"), "scope", choices=dict(Scope.choices)),
        Dimension(
            "doelgroep",
            _("Doelgroep"),
            "course__audiences__code",
            choices=dict(AudienceCode.choices),
            empty_label=_("Zonder doelgroep"),
            many=True,
        ),
        Dimension(
            "partnerorganisatie",
            _("Partnerorganisatie"),
            "course__partner_organisations__id",
            "course__partner_organisations__name",
            empty_label=_("Zonder partnerorganisatie"),
            many=True,
        ),
        Dimension(
            "werkjaar",
            _("Werkjaar"),
            "programme_year_id",
            "programme_year__name",
            empty_label=_("Zonder werkjaar"),
        ),
    )
}
DEFAULT_DIMENSION = "traject"
