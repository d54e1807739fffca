"""Forms of the staff actions on certificates; each feeds one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import CODE_ALPHABET, normalise_certificate_code
from certificates.selectors import get_confirmed_enrolment, list_confirmed_participants
from courses.models import Edition, ProgrammeYear
from enrolment.forms import EditionChoiceField

NOT_CONFIRMED_IN_EDITION = _("Deze persoon heeft geen bevestigde inschrijving voor deze editie.")


def approved_editions():
    return Edition.objects.approved().select_related("course").order_by("-starts_at", "pk")


class ParticipantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.get_username()
        return f"{name} ({obj.email})" if obj.email else name


class RevokeCertificateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De reden staat op de publieke verificatiepagina van het attest."),
        error_messages={"required": _("Geef een reden voor de intrekking.")},
    )


class RerenderCertificateForm(forms.Form):
    """Nothing to fill in: the button confirms."""


class ChooseEditionForm(forms.Form):
    """The first step of issuing by hand: the edition, so that the next step offers only its
    participants."""

    edition = EditionChoiceField(
        queryset=approved_editions(),
        label=_("Editie"),
        error_messages={"invalid_choice": _("Kies een goedgekeurde editie uit de lijst.")},
    )


class IssueCertificateForm(forms.Form):
    """A participant with a confirmed enrolment in an edition; a note when attendance falls short.

    With an edition given (chosen first, or from the edition's listing), only its confirmed
    participants are offered.
    """

    edition = EditionChoiceField(queryset=approved_editions(), label=_("Editie"))
    person = ParticipantChoiceField(
        queryset=list_confirmed_participants(),
        label=_("Deelnemer"),
        help_text=_("Alleen deelnemers met een bevestigde inschrijving."),
        error_messages={"invalid_choice": NOT_CONFIRMED_IN_EDITION},
    )
    note = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht wanneer de aanwezigheden de vorming niet voltooien."),
    )

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if edition is not None:
            self.fields["person"].queryset = list_confirmed_participants(edition)

    def clean(self):
        cleaned_data = super().clean()
        edition, person = cleaned_data.get("edition"), cleaned_data.get("person")
        if edition is not None and person is not None:
            cleaned_data["enrolment"] = get_confirmed_enrolment(edition, person)
            if cleaned_data["enrolment"] is None:
                self.add_error("person", NOT_CONFIRMED_IN_EDITION)
        return cleaned_data


class IssueEditionCertificatesForm(forms.Form):
    """The edition whose preview staff read: chosen in the step before (ChooseEditionForm)."""

    edition = EditionChoiceField(queryset=approved_editions(), label=_("Editie"), widget=forms.HiddenInput)


class IssueProgrammeYearCertificatesForm(forms.Form):
    programme_year = forms.ModelChoiceField(queryset=ProgrammeYear.objects.all(), label=_("Werkjaar"))


class CertificateCodeForm(forms.Form):
    """The code of a certificate typed over from paper, in any of the ways it is printed."""

    code = forms.CharField(
        label=_("Code van het attest"),
        max_length=64,
        help_text=_("Zoals onderaan op het attest, bijvoorbeeld ABCD-EFGH-…. Streepjes en hoofdletters mogen."),
        error_messages={"required": _("Typ de code van het attest over.")},
    )

    def clean_code(self):
        code = normalise_certificate_code(self.cleaned_data["code"])
        if not CODE_ALPHABET.fullmatch(code):
            raise forms.ValidationError(
                _("Een code bestaat alleen uit letters en de cijfers 2 tot 7. Kijk ze nog eens na.")
            )
        return code
