from django import forms
from django.utils.translation import gettext_lazy as _


class ProposalDecisionForm(forms.Form):
    APPROVE = "goedkeuren"
    REQUEST_CHANGES = "wijzigingen"

    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Goedkeuren en publiceren")), (REQUEST_CHANGES, _("Wijzigingen vragen"))],
        widget=forms.HiddenInput,
    )
    comment = forms.CharField(
        label=_("Opmerking voor de lesgever"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
