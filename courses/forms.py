from django.core.exceptions import ValidationError

from wagtail.admin.forms import WagtailAdminModelForm

from courses.services import save_edition
from enrolment.exceptions import CapacityTooLow
from enrolment.models import Enrolment


class EditionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from roles.selectors import is_limited_to_own_offer

        if self.for_user is not None and is_limited_to_own_offer(self.for_user):
            # A trainer proposes an edition; only the steering group or staff approve it.
            self.fields["status"].disabled = True

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
