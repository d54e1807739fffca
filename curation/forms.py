"""The public course-request form and the steering group's triage form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from courses.choices import AudienceCode, CourseFormat, Province
from courses.models import Edition, PartnerOrganisation, Theme, TrackPage
from courses.selectors import list_offered_courses
from curation.models import MAX_GROUP_SIZE, MIN_GROUP_SIZE, CourseRequest

# Named like a field people would fill in, so that scripts do; people never see it.
HONEYPOT_FIELD = "website"

# The bounds of MIN_GROUP_SIZE and MAX_GROUP_SIZE, spelled out for the translators.
GROUP_SIZE_MESSAGE = _("Geef een groepsgrootte tussen 1 en 500 personen.")


def _required(message):
    return {"required": message}


class CourseRequestForm(forms.Form):
    """What anyone asking for a course tells the academy; no account needed."""

    subject = forms.CharField(
        label=_("Over welk onderwerp wil je een vorming?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: 'Hoe lees ik een gemeentebegroting?'"),
        error_messages=_required(_("Vul het onderwerp in.")),
    )
    description = forms.CharField(
        label=_("Vertel er meer over (optioneel)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Houd de toelichting korter dan 2000 tekens.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Thema (optioneel)"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        empty_label=_("Weet ik niet / geen"),
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
    )
    track = forms.ModelChoiceField(
        label=_("Traject (optioneel)"),
        queryset=TrackPage.objects.live().order_by("title"),
        required=False,
        empty_label=_("Weet ik niet / geen"),
        error_messages={"invalid_choice": _("Kies een traject uit de lijst.")},
    )
    format = forms.ChoiceField(
        label=_("Welke vorm heeft je voorkeur? (optioneel)"),
        choices=[("", _("Geen voorkeur")), *CourseFormat.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een vorm uit de lijst.")},
    )
    audience = forms.ChoiceField(
        label=_("Voor wie is de vorming? (optioneel)"),
        choices=[("", _("Iedereen / gemengd")), *AudienceCode.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een doelgroep uit de lijst.")},
    )
    municipality = forms.CharField(
        label=_("In welke gemeente?"),
        max_length=80,
        widget=forms.TextInput({"autocomplete": "address-level2"}),
        error_messages=_required(_("Vul de gemeente in waar de vorming zou plaatsvinden.")),
    )
    province = forms.ChoiceField(
        label=_("Provincie"),
        choices=[("", _("Kies een provincie")), *Province.choices],
        error_messages={
            "required": _("Kies de provincie."),
            "invalid_choice": _("Kies een provincie uit de lijst."),
        },
    )
    group_size = forms.IntegerField(
        label=_("Met hoeveel personen verwacht je te zijn?"),
        min_value=MIN_GROUP_SIZE,
        max_value=MAX_GROUP_SIZE,
        widget=forms.NumberInput({"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul in met hoeveel personen je ongeveer verwacht te zijn."),
            "invalid": GROUP_SIZE_MESSAGE,
            "min_value": GROUP_SIZE_MESSAGE,
            "max_value": GROUP_SIZE_MESSAGE,
        },
    )
    period = forms.CharField(
        label=_("Wanneer?"),
        max_length=80,
        help_text=_("Bijvoorbeeld: 'voorjaar 2027' of 'op een zaterdag in oktober'."),
        error_messages=_required(_("Vul in wanneer de vorming zou plaatsvinden, bijvoorbeeld 'voorjaar 2027'.")),
    )
    organisation = forms.CharField(
        label=_("Organisatie of groep (optioneel)"),
        max_length=150,
        required=False,
        help_text=_("Bijvoorbeeld: 'Femma Genk'. Laat leeg als je de vraag als persoon stelt."),
        widget=forms.TextInput({"autocomplete": "organization"}),
    )
    partner_organisation = forms.ModelChoiceField(
        label=_("Hoort je groep bij een partnerorganisatie? (optioneel)"),
        queryset=PartnerOrganisation.objects.order_by("name"),
        required=False,
        empty_label=_("Nee / weet ik niet"),
        error_messages={"invalid_choice": _("Kies een partnerorganisatie uit de lijst.")},
    )
    contact_name = forms.CharField(
        label=_("Je naam"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "name"}),
        error_messages=_required(_("Vul je naam in.")),
    )
    contact_email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("We sturen je een bevestiging en laten je weten wat er met je vraag gebeurt."),
        widget=forms.EmailInput({"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be."),
        },
    )
    contact_phone = forms.CharField(
        label=_("Je telefoonnummer (optioneel)"),
        max_length=30,
        required=False,
        widget=forms.TextInput({"type": "tel", "autocomplete": "tel"}),
    )
    is_public = forms.BooleanField(
        label=_("Maak mijn vraag openbaar, zodat anderen kunnen laten weten dat zij dit ook willen."),
        required=False,
        help_text=_(
            "Op de website verschijnen dan je vraag en de toelichting, de plaats, de periode, de doelgroep en de "
            "groepsgrootte. Je naam, je organisatie en je contactgegevens blijven verborgen."
        ),
    )
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput({"autocomplete": "off", "tabindex": "-1"}),
    )

    def visible_fields(self):
        # The honeypot is rendered apart, hidden from people and screen readers alike.
        return [field for field in super().visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def is_spam(self):
        """Whether a script filled in the field people never see; call after is_valid()."""
        return bool(self.cleaned_data.get(HONEYPOT_FIELD, "").strip())

    def submitted_fields(self):
        return {name: value for name, value in self.cleaned_data.items() if name != HONEYPOT_FIELD}


class CourseRequestTriageForm(WagtailAdminModelForm):
    """The steering group's form: status with a message to the requester, notes, the answer."""

    status_note = forms.CharField(
        label=_("Boodschap aan de aanvrager (optioneel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Komt in de e-mail die de aanvrager krijgt wanneer de status verandert."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "answered_by_course" in self.fields:
            # A request is answered with what the public can see and book, never a draft.
            self.fields["answered_by_course"].queryset = list_offered_courses().order_by("title")
        if "answered_by_edition" in self.fields:
            self.fields["answered_by_edition"].queryset = (
                Edition.objects.public().select_related("course").order_by("-starts_at", "pk")
            )

    def clean(self):
        cleaned_data = super().clean()
        course = cleaned_data.get("answered_by_course")
        edition = cleaned_data.get("answered_by_edition")
        if course is not None and edition is not None and edition.course_id != course.pk:
            self.add_error("answered_by_edition", _("De gekozen editie hoort niet bij de gekozen vorming."))
        status_changed = "status" in self.changed_data
        if cleaned_data.get("status_note", "").strip() and not status_changed:
            self.add_error(
                "status_note",
                _("Een boodschap aan de aanvrager wordt alleen verstuurd bij een statuswijziging. Wijzig de status."),
            )
        return cleaned_data

    class Meta:
        model = CourseRequest
        fields = ["status", "notes", "answered_by_course", "answered_by_edition"]
