from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.dimensions import DEFAULT_DIMENSION, DIMENSIONS
from reports.selectors import get_current_programme_year

ALL_YEARS = "alle"


class ReportForm(forms.Form):
    """What a report shows: the dimension it breaks figures down by and the programme year."""

    dimensie = forms.ChoiceField(
        label=_("Per"),
        choices=[(slug, dimension.label) for slug, dimension in DIMENSIONS.items()],
        error_messages={"invalid_choice": _("Kies een indeling uit de lijst: “%(value)s” bestaat niet.")},
    )
    werkjaar = forms.ChoiceField(
        label=_("Werkjaar"),
        error_messages={"invalid_choice": _("Kies een werkjaar uit de lijst: “%(value)s” bestaat niet.")},
    )

    def __init__(self, params, *, report, years):
        self.report = report
        self.years = {year.name: year for year in years}
        current = get_current_programme_year(years)
        default_year = current.name if current else ALL_YEARS
        data = {
            "dimensie": params.get("dimensie") or DEFAULT_DIMENSION,
            "werkjaar": params.get("werkjaar") or default_year,
        }
        super().__init__(data)
        year_choices = [(name, name) for name in self.years]
        if not report.needs_year:
            year_choices.insert(0, (ALL_YEARS, _("Alle werkjaren")))
        self.fields["werkjaar"].choices = year_choices

    def clean_werkjaar(self):
        name = self.cleaned_data["werkjaar"]
        if name == ALL_YEARS:
            return None
        return self.years[name]

    def clean(self):
        cleaned = super().clean()
        if self.report.needs_year and not self.years:
            raise forms.ValidationError(_("Er is nog geen werkjaar: dit rapport vergelijkt werkjaren."))
        return cleaned

    @property
    def dimension(self):
        return DIMENSIONS[self.cleaned_data["dimensie"]]

    @property
    def year(self):
        return self.cleaned_data["werkjaar"]

    def query_string(self):
        year = self.year.name if self.year else ALL_YEARS
        return urlencode({"dimensie": self.cleaned_data["dimensie"], "werkjaar": year})
