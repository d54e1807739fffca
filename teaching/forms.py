"""The trainer's forms: a message to the participants of an edition, material for it, a course proposal."""

from datetime import date, datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.choices import CourseFormat, Province, Scope
from courses.models import PackagePage, PartnerOrganisation, Theme, Venue
from materials.models import CourseMaterial


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


class SessionChoiceField(forms.ModelChoiceField):
    """A session named by its date, as the trainer knows it."""

    def label_from_instance(self, session):
        moment = date_format(timezone.localtime(session.starts_at), "l j F Y, H:i")
        return f"{moment} – {session.title}" if session.title else moment


class MaterialForm(forms.Form):
    """Material for the course of an edition, or for one of that edition's sessions."""

    session = SessionChoiceField(
        label=_("Bij welke sessie?"),
        queryset=None,
        required=False,
        empty_label=_("Bij de hele vorming"),
        error_messages={"invalid_choice": _("Kies een sessie van deze editie.")},
    )
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef het materiaal een titel.")}
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=CourseMaterial.Kind.choices, widget=forms.RadioSelect, initial="document"
    )
    visibility = forms.ChoiceField(
        label=_("Wie mag het zien?"),
        choices=CourseMaterial.Visibility.choices,
        widget=forms.RadioSelect,
        initial=CourseMaterial.Visibility.PARTICIPANTS,
    )
    upload = forms.FileField(label=_("Bestand"), required=False, help_text=_("Bij de soort ‘Document’."))
    link_url = forms.URLField(label=_("Link"), required=False, help_text=_("Bij de soort ‘Link’."))
    video_url = forms.URLField(label=_("Link naar de video"), required=False, help_text=_("Bij de soort ‘Video’."))
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bij de soort ‘Tekst’, of als uitleg."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = edition.sessions.order_by("starts_at", "pk")

    def clean(self):
        cleaned = super().clean()
        needed = {
            CourseMaterial.Kind.DOCUMENT: ("upload", _("Kies een bestand.")),
            CourseMaterial.Kind.LINK: ("link_url", _("Geef een link op.")),
            CourseMaterial.Kind.VIDEO: ("video_url", _("Geef de link naar de video op.")),
            CourseMaterial.Kind.TEXT: ("text", _("Schrijf de tekst.")),
        }.get(cleaned.get("kind"))
        if needed and not cleaned.get(needed[0]) and needed[0] not in self.errors:
            self.add_error(needed[0], needed[1])
        return cleaned


class PlaceChoiceField(forms.ModelChoiceField):
    """A track, or a package shown with its track."""

    def label_from_instance(self, page):
        if isinstance(page.specific, PackagePage):
            return f"{page.get_parent().title} › {page.title}"
        return f"{page.title} ({_('losse vorming in het traject')})"


class ProposalForm(forms.Form):
    """A new course and the dates of its first edition, proposed together."""

    title = forms.CharField(label=_("Titel van de vorming"), max_length=255)
    summary = forms.CharField(label=_("Samenvatting"), max_length=400, widget=forms.Textarea(attrs={"rows": 4}))
    place = PlaceChoiceField(label=_("Waar in het aanbod?"), queryset=None, widget=forms.RadioSelect, empty_label=None)
    format = forms.ChoiceField(label=_("Vorm"), choices=CourseFormat.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partner_organisations = forms.ModelMultipleChoiceField(
        label=_("Partnerorganisaties"),
        queryset=PartnerOrganisation.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date = forms.DateField(label=_("Datum van de eerste sessie"), widget=forms.DateInput(attrs={"type": "date"}))
    more_dates = forms.CharField(
        label=_("Meer sessies (datums)"),
        required=False,
        help_text=_("Eén datum per lijn, bijvoorbeeld 2027-03-14. Zelfde uren als de eerste sessie."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_at = forms.TimeField(label=_("Van"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label=_("Tot"), widget=forms.TimeInput(attrs={"type": "time"}))
    venue = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=Venue.objects.order_by("municipality", "name"),
        required=False,
        empty_label=_("Online"),
    )
    online_url = forms.URLField(label=_("Onlinelink"), required=False, help_text=_("Voor een online sessie."))
    label = forms.CharField(
        label=_("Naam van de editie"), max_length=120, required=False, help_text=_("Bijvoorbeeld ‘Hasselt, voorjaar’.")
    )
    province = forms.ChoiceField(label=_("Provincie"), choices=Province.choices)
    scope = forms.ChoiceField(label=_("Reikwijdte"), choices=Scope.choices, initial=Scope.LOCAL)
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=1000, initial=20)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"].queryset = places

    def clean_more_dates(self):
        dates = []
        for line in self.cleaned_data["more_dates"].split():
            try:
                dates.append(date.fromisoformat(line.strip()))
            except ValueError:
                raise forms.ValidationError(
                    _("‘%(value)s’ is geen datum: schrijf ze als 2027-03-14."), params={"value": line}
                ) from None
        return dates

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_at"), cleaned.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("Een sessie eindigt na haar begin."))
        if "venue" in cleaned and not cleaned.get("venue") and not cleaned.get("online_url"):
            self.add_error("online_url", _("Kies een locatie of geef een onlinelink op."))
        first = cleaned.get("date")
        if first and first <= timezone.localdate():
            self.add_error("date", _("Kies een datum in de toekomst."))
        return cleaned

    def get_sessions(self):
        """The (start, end) of each session, in the academy's time zone."""
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        return [
            (
                datetime.combine(day, data["starts_at"], tzinfo=zone),
                datetime.combine(day, data["ends_at"], tzinfo=zone),
            )
            for day in sorted({data["date"], *data["more_dates"]})
        ]

    def get_course(self):
        data = self.cleaned_data
        return {key: data[key] for key in ("title", "summary", "format", "themes", "partner_organisations")}

    def get_edition(self):
        data = self.cleaned_data
        return {
            "label": data["label"],
            "province": data["province"],
            "scope": data["scope"],
            "capacity": data["capacity"],
            "sessions": self.get_sessions(),
            "venue": data["venue"],
            "online_url": data["online_url"] if not data["venue"] else "",
        }
