from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm

from courses.models import Edition

Status = Edition.Status

# The statuses the edit form offers from each status: none but the current one. Submitting,
# approving and asking for changes are steps of the approval round, and cancelling ends
# every enrolment (enrolment.services.cancel_edition): each has its own view and service.
STATUSES_IN_FORM = {
    Status.DRAFT: (Status.DRAFT,),
    Status.SUBMITTED: (Status.SUBMITTED,),
    Status.APPROVED: (Status.APPROVED,),
    Status.CANCELLED: (Status.CANCELLED,),
}


class EditionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.status if self.instance.pk else Status.DRAFT
        self.fields["status"].choices = [
            (value, label) for value, label in Status.choices if value in STATUSES_IN_FORM[current]
        ]
        self.fields["status"].help_text = _(
            "Indienen en goedkeuren gaan via de goedkeuringsronde; annuleren via ‘Editie annuleren’, "
            "zodat iedereen die ingeschreven is een mail krijgt."
        )
        if self.for_user is not None:
            # Who may choose what (a trainer's courses, the status) is the roles' rule.
            for narrow_form in hooks.get_hooks("construct_edition_form"):
                narrow_form(self, self.for_user)

    def save(self, commit=True):
        """Save through the function registered with the hook "save_edition"
        (enrolment.services.save_edition); its CapacityTooLow is for the view to show on the
        capacity field (see courses.wagtail_hooks.EditionEditView)."""
        # Saving an edition touches seats and mails participants, which enrolment (above
        # courses) owns: it registers the one function that saves an edition.
        [save_edition] = hooks.get_hooks("save_edition")

        edition = super().save(commit=False)
        if commit:
            save_edition(edition, by=self.for_user)
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
