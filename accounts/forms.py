from allauth.account.forms import SignupForm as AllauthSignupForm

from django import forms
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from courses.models import Audience, PartnerOrganisation

CONSENT_LABEL = _(
    "Ik geef de academie toestemming om mijn gegevens te bewaren en te gebruiken voor mijn inschrijvingen, "
    "aanwezigheden en attesten."
)
CONSENT_REQUIRED = _(
    "Zonder jouw toestemming om je gegevens te verwerken kunnen we geen account voor je maken. "
    "Vink het vakje aan om verder te gaan."
)


SHARING_HELP = _(
    "De contactpersoon van de partnerorganisaties waarvan je lid bent, ziet dan je naam, je e-mailadres, "
    "de vormingen waarvoor je inschrijft en of je ze volgde. Zonder deze toestemming tel je alleen mee in de "
    "cijfers, zonder naam. Je kan ze altijd weer intrekken."
)


class SignupForm(AllauthSignupForm):
    """Sign-up by e-mail address, with the person's name and their consent."""

    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Familienaam"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    consent = forms.BooleanField(label=CONSENT_LABEL, error_messages={"required": CONSENT_REQUIRED})

    field_order = ["first_name", "last_name", "email", "password1", "password2", "consent"]


class ProfileForm(forms.Form):
    """The person's own profile: name, contact details, roles, memberships and needs."""

    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, widget=forms.TextInput({"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Familienaam"), max_length=150, widget=forms.TextInput({"autocomplete": "family-name"})
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}),
    )
    municipality = forms.CharField(
        label=_("Gemeente"),
        max_length=80,
        required=False,
        widget=forms.TextInput({"autocomplete": "address-level2"}),
    )
    roles = forms.ModelMultipleChoiceField(
        label=_("Ik ben"),
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Ik ben lid van"),
        queryset=PartnerOrganisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    accessibility_needs = forms.CharField(
        label=_("Wat heb je nodig om goed te kunnen deelnemen?"),
        help_text=_("Bijvoorbeeld een rolstoeltoegankelijke zaal, een ringleiding of een tolk."),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    dietary_needs = forms.CharField(
        label=_("Voedingswensen"),
        help_text=_("Bijvoorbeeld vegetarisch, halal of een allergie."),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    consent_given = forms.BooleanField(label=CONSENT_LABEL, required=False)
    shares_participation = forms.BooleanField(
        label=_("Mijn organisatie mag zien aan welke vormingen ik deelneem"),
        help_text=SHARING_HELP,
        required=False,
    )

    def __init__(self, *args, profile, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "first_name": profile.user.first_name,
                "last_name": profile.user.last_name,
                "phone": profile.phone,
                "municipality": profile.municipality,
                "roles": list(profile.roles.all()),
                "partner_organisations": list(profile.partner_organisations.all()),
                "accessibility_needs": profile.accessibility_needs,
                "dietary_needs": profile.dietary_needs,
                "consent_given": profile.consent_given,
                "shares_participation": profile.shares_participation,
            },
        )
        super().__init__(*args, **kwargs)
        if profile.consent_given:
            # Given consent is on record; the form only shows it.
            self.fields["consent_given"].disabled = True
        if profile.shares_participation_since:
            since = formats.date_format(timezone.localtime(profile.shares_participation_since), "j F Y")
            self.fields["shares_participation"].help_text = format_lazy(
                "{} {}", SHARING_HELP, _("Je gaf deze toestemming op %(date)s.") % {"date": since}
            )

    def clean_consent_given(self):
        consent_given = self.cleaned_data["consent_given"]
        if not consent_given:
            raise forms.ValidationError(CONSENT_REQUIRED)
        return consent_given


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat mijn account en mijn gegevens gewist worden, en dat dit niet ongedaan kan worden."),
        error_messages={"required": _("Vink aan dat je je account echt wil verwijderen.")},
    )
