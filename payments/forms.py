"""Forms of the staff actions on payments; each feeds one service."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from payments.models import BankStatement, Payment
from payments.references import find_reference

# A bank statement is small; anything larger is not one.
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class ImportStatementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort bestand"), choices=BankStatement.Kind.choices)
    file = forms.FileField(label=_("Rekeninguittreksel"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("Dit bestand is te groot voor een rekeninguittreksel (max. 5 MB)."))
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Geef een reden op.")},
    )


class RefundForm(ReasonForm):
    amount = forms.DecimalField(label=_("Bedrag (EUR)"), max_digits=9, decimal_places=2, min_value=Decimal("0.01"))


class MatchForm(forms.Form):
    reference = forms.CharField(
        label=_("Gestructureerde mededeling van de betaling"),
        max_length=40,
        help_text=_("Bijvoorbeeld +++123/4567/89002+++; spaties en tekens mogen."),
    )

    def clean_reference(self):
        digits = find_reference(self.cleaned_data["reference"])
        if not digits:
            raise forms.ValidationError(_("Dit is geen geldige gestructureerde mededeling (controlegetal klopt niet)."))
        payment = Payment.objects.filter(reference=digits).first()
        if payment is None:
            raise forms.ValidationError(_("Geen enkele betaling heeft deze mededeling."))
        self.cleaned_data["payment"] = payment
        return digits


class InvoiceDetailsForm(forms.ModelForm):
    """Who the invoice is made out to; the VAT number is stored as BE0123456789."""

    class Meta:
        from payments.models import InvoiceDetails

        model = InvoiceDetails
        fields = ["organisation", "vat_number", "address", "order_reference"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}

    def clean_vat_number(self):
        from payments.models import normalise_vat_number

        value = self.cleaned_data["vat_number"].strip()
        return normalise_vat_number(value) if value else ""
