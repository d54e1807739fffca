"""The trainer's message to the participants of an edition."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ParticipantMessageForm(forms.Form):
    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=150,
        error_messages={
            "required": _("Vul een onderwerp in."),
            "max_length": _("Het onderwerp is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    body = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Elke bevestigde deelnemer met een e-mailadres krijgt dit bericht apart, van de academie."),
        error_messages={
            "required": _("Schrijf een bericht."),
            "max_length": _("Het bericht is te lang: hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
