"""Forms of the staff actions on enrolments; each feeds one service."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import Edition
from enrolment.people import list_possible_duplicates, search_people


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.starts_at is None:
            return str(obj)
        return _("%(edition)s, vanaf %(date)s") % {
            "edition": obj,
            "date": date_format(timezone.localtime(obj.starts_at), "d/m/Y"),
        }


class PersonChoiceField(forms.ModelChoiceField):
    widget = forms.RadioSelect

    def label_from_instance(self, obj):
        profile = getattr(obj, "profile", None)
        parts = [
            obj.get_full_name() or obj.username,
            obj.email,
            profile.phone if profile else "",
            profile.municipality if profile else "",
        ]
        return " – ".join(part for part in parts if part)


def _bookable_editions():
    # The editions staff may enrol anyone in; the service checks again (_check_bookable).
    return Edition.objects.public().approved().select_related("course").order_by("starts_at", "pk")


class FindPersonForm(forms.Form):
    """The search before an enrolment on someone's behalf: which edition, and who."""

    edition = EditionChoiceField(queryset=_bookable_editions(), label=_("Editie"), required=False)
    q = forms.CharField(
        label=_("Zoek een persoon"),
        required=False,
        max_length=100,
        help_text=_("Naam, telefoonnummer of e-mailadres, of een deel ervan."),
    )


class EnrolPersonForm(forms.Form):
    """An existing person chosen from a search by name, phone or e-mail address, or a new
    person without an e-mail address when nobody found is the one."""

    # Chosen in FindPersonForm, above the people found.
    edition = EditionChoiceField(
        queryset=_bookable_editions(),
        label=_("Editie"),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Kies eerst een editie, bovenaan, en klik op Zoeken."),
            "invalid_choice": _("Voor deze editie kan je niemand inschrijven. Kies een andere editie."),
        },
    )
    # The search the people offered below come from, kept so the choice is checked against it.
    q = forms.CharField(required=False, widget=forms.HiddenInput)
    person = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Bestaande persoon"),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Kies een persoon uit de lijst van gevonden personen.")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150, required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    is_someone_else = forms.BooleanField(
        label=_("Het is niemand uit de lijst: maak een nieuwe persoon"),
        required=False,
        help_text=_("Alleen nodig wanneer er al iemand met deze naam of dit telefoonnummer bestaat."),
    )

    def __init__(self, *args, query="", **kwargs):
        super().__init__(*args, **kwargs)
        query = self.data.get("q", query) if self.is_bound else query
        self.initial.setdefault("q", query)
        candidates = {person.pk: person for person in search_people(query)}
        first_name, last_name = self.data.get("first_name", ""), self.data.get("last_name", "")
        if first_name.strip() and last_name.strip():
            # Whoever the new person may be is offered too, for the service refuses a namesake.
            duplicates = list_possible_duplicates(
                first_name=first_name, last_name=last_name, phone=self.data.get("phone", "")
            )
            candidates.update((person.pk, person) for person in duplicates)
        self.fields["person"].queryset = (
            get_user_model().objects.filter(pk__in=candidates).select_related("profile").order_by("last_name", "pk")
        )
        self.has_candidates = bool(candidates)

    def clean(self):
        cleaned_data = super().clean()
        first_name = cleaned_data.get("first_name", "").strip()
        last_name = cleaned_data.get("last_name", "").strip()
        if "person" in self.errors:
            return cleaned_data
        if cleaned_data.get("person") is not None:
            if first_name or last_name or cleaned_data.get("phone"):
                raise forms.ValidationError(
                    _("Kies een bestaande persoon óf vul de gegevens van een nieuwe persoon in, niet allebei.")
                )
            return cleaned_data
        if not first_name and not last_name:
            raise forms.ValidationError(
                _("Zoek en kies een bestaande persoon, of vul de naam van een nieuwe persoon in.")
            )
        if not first_name:
            self.add_error("first_name", _("Vul de voornaam in."))
        if not last_name:
            self.add_error("last_name", _("Vul de familienaam in."))
        return cleaned_data


class CancelEnrolmentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van annulering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Geef een reden op voor de annulering.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef een reden op voor de annulering."))
        return reason


class MoveEnrolmentForm(forms.Form):
    to_edition = EditionChoiceField(queryset=Edition.objects.none(), label=_("Naar editie"))
    reason = forms.CharField(
        label=_("Reden (optioneel)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000, required=False
    )

    def __init__(self, *args, enrolment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_edition"].queryset = (
            Edition.objects.public()
            .approved()
            .filter(course_id=enrolment.edition.course_id)
            .exclude(pk=enrolment.edition_id)
            .select_related("course")
            .order_by("starts_at", "pk")
        )
        self.fields["to_edition"].empty_label = None


class CancelEditionForm(forms.Form):
    """Why the academy cancels the edition: everyone who is enrolled reads it in a mail."""

    reason = forms.CharField(
        label=_("Reden van de annulering"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Iedereen die ingeschreven is of op de wachtlijst staat, krijgt deze reden in een mail. "
            "Schrijf ze voor de deelnemers."
        ),
    )
