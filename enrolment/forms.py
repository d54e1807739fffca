"""Forms of the staff actions on enrolments; each feeds one service."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import Edition
from enrolment.selectors import list_people_with_email


class EditionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.starts_at is None:
            return str(obj)
        return _("%(edition)s, vanaf %(date)s") % {
            "edition": obj,
            "date": date_format(timezone.localtime(obj.starts_at), "d/m/Y"),
        }


class EnrolPersonForm(forms.Form):
    """Either an existing person, found by e-mail address, or a new person without one."""

    edition = EditionChoiceField(
        # The editions staff may enrol anyone in; the service checks again (_check_bookable).
        queryset=Edition.objects.public().approved().select_related("course").order_by("starts_at", "pk"),
        label=_("Editie"),
    )
    email = forms.EmailField(
        label=_("E-mailadres van een bestaande persoon"),
        required=False,
        help_text=_("Laat leeg om iemand zonder e-mailadres in te schrijven."),
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Familienaam"), max_length=150, required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)

    def clean(self):
        cleaned_data = super().clean()
        email = cleaned_data.get("email")
        first_name = cleaned_data.get("first_name", "").strip()
        last_name = cleaned_data.get("last_name", "").strip()
        if "email" in self.errors:
            return cleaned_data
        if email:
            if first_name or last_name or cleaned_data.get("phone"):
                raise forms.ValidationError(
                    _(
                        "Kies een bestaande persoon met een e-mailadres óf vul de gegevens van een nieuwe persoon "
                        "in, niet allebei."
                    )
                )
            people = list(list_people_with_email(email)[:2])
            if not people:
                self.add_error(
                    "email",
                    _(
                        "Er is niemand met dit e-mailadres. Laat het leeg en vul de naam in om iemand zonder "
                        "e-mailadres in te schrijven."
                    ),
                )
            elif len(people) > 1:
                self.add_error("email", _("Meer dan één persoon heeft dit e-mailadres. Neem contact op met beheer."))
            else:
                cleaned_data["person"] = people[0]
            return cleaned_data
        if not first_name and not last_name:
            raise forms.ValidationError(
                _("Geef het e-mailadres van een bestaande persoon, of de naam van een nieuwe persoon.")
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
