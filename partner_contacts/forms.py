from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from partner_contacts.models import PartnerContact


class PartnerContactForm(WagtailAdminModelForm):
    """A partner contact: the person, found by their e-mail address, and their organisation.

    A typed address rather than a list of every account: the admin shows nobody's address
    to whoever opens the form."""

    email = forms.EmailField(
        label=_("E-mailadres van de persoon"),
        help_text=_("Het e-mailadres waarmee de persoon een account heeft op de site."),
    )

    class Meta:
        model = PartnerContact
        fields = ["email", "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            # Another person is another contact: remove this one and add them.
            self.fields["email"].disabled = True

    def clean_email(self):
        if self.instance.pk:
            self.cleaned_data["person"] = self.instance.user
            return self.instance.user.email
        email = self.cleaned_data["email"]
        people = list(get_user_model().objects.filter(email__iexact=email, is_active=True)[:2])
        if len(people) != 1:
            raise forms.ValidationError(_("Er is geen actief account met dit e-mailadres."))
        person = people[0]
        existing = PartnerContact.objects.filter(user=person).select_related("organisation").first()
        if existing is not None:
            raise forms.ValidationError(
                _("Deze persoon is al contactpersoon van %(organisation)s. Pas die aanduiding aan.")
                % {"organisation": existing.organisation}
            )
        self.cleaned_data["person"] = person
        return email
