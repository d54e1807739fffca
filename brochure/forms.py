from django import forms
from django.utils.translation import gettext_lazy as _

from brochure.models import Brochure
from courses.choices import Province
from courses.models import PartnerOrganisation, ProgrammeYear


class MakeBrochureForm(forms.Form):
    """Which brochure to make: a programme year, and the whole offer or a partner's or a
    province's part of it."""

    programme_year = forms.ModelChoiceField(queryset=ProgrammeYear.objects.all(), label=_("Werkjaar"))
    variant = forms.ChoiceField(
        label=_("Versie"), choices=Brochure.Variant.choices, initial=Brochure.Variant.MAIN, widget=forms.RadioSelect
    )
    partner = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.all(),
        label=_("Partnerorganisatie"),
        required=False,
        help_text=_("Voor de versie per partnerorganisatie: de vormingen die zij mee organiseert."),
    )
    province = forms.ChoiceField(
        label=_("Provincie"),
        choices=[("", "---------"), *Province.choices],
        required=False,
        help_text=_("Voor de versie per provincie: de edities in die provincie."),
    )

    def clean(self):
        data = super().clean()
        variant = data.get("variant")
        if variant == Brochure.Variant.PARTNER and not data.get("partner"):
            self.add_error("partner", _("Kies de partnerorganisatie van deze versie."))
        if variant == Brochure.Variant.PROVINCE and not data.get("province"):
            self.add_error("province", _("Kies de provincie van deze versie."))
        if variant != Brochure.Variant.PARTNER:
            data["partner"] = None
        if variant != Brochure.Variant.PROVINCE:
            data["province"] = ""
        return data


class RemakeBrochureForm(forms.Form):
    """Nothing to fill in: the action is confirmed by posting."""
