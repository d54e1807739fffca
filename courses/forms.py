from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import Edition
from courses.services import save_edition
from enrolment.exceptions import CapacityTooLow
from enrolment.models import Enrolment

Status = Edition.Status

# The statuses the edit form offers from each status. Submitting, approving and asking
# for changes are steps of the approval round, taken through its own views and services.
STATUSES_IN_FORM = {
    Status.DRAFT: (Status.DRAFT, Status.CANCELLED),
    Status.SUBMITTED: (Status.SUBMITTED, Status.CANCELLED),
    Status.APPROVED: (Status.APPROVED, Status.CANCELLED),
    Status.CANCELLED: (Status.CANCELLED, Status.DRAFT),
}


class EditionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status if self.instance.pk else Status.DRAFT
        self.fields["status"].choices = [
            (value, label) for value, label in Status.choices if value in STATUSES_IN_FORM[current]
        ]
        if self.for_user is not None:
            # Who may choose what (a trainer's courses, the status) is the roles' rule.
            for narrow_form in hooks.get_hooks("construct_edition_form"):
                narrow_form(self, self.for_user)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and capacity < Enrolment.objects.filter(edition=self.instance).confirmed().count():
            raise ValidationError(CapacityTooLow.message)
        return capacity

    def save(self, commit=True):
        edition = super().save(commit=False)
        if commit:
            save_edition(edition)
            self.save_m2m()
        return edition


class EditionSubmitForm(forms.Form):
    """Nothing to fill in: the edition is submitted as it stands."""


class EditionReviewForm(forms.Form):
    """The steering group's decision on a submitted edition; the service requires the
    comment when it asks for changes."""

    APPROVE = "goedkeuren"
    REQUEST_CHANGES = "wijzigingen"

    decision = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[(APPROVE, _("Goedkeuren: de editie komt in het aanbod")), (REQUEST_CHANGES, _("Wijzigingen vragen"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Opmerking voor de lesgevers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Verplicht als je wijzigingen vraagt: schrijf welke."),
    )
