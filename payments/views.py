from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from payments import services
from payments.exceptions import InvoiceRefused
from payments.forms import InvoiceDetailsForm
from payments.models import Invoice, Payment
from payments.selectors import get_payment_instructions, list_invoices_of
from roles import rules


def _own_payment(request, enrolment_id):
    # Someone else's payment is a 404: its existence is nobody else's business.
    return get_object_or_404(
        Payment.objects.select_related("enrolment__edition__course"),
        enrolment_id=enrolment_id,
        enrolment__person=request.user,
    )


def _render(request, payment, invoice_form=None, status=200):
    invoices = list_invoices_of(payment)
    if invoice_form is None and not invoices and services.may_have_invoice(payment):
        invoice_form = InvoiceDetailsForm()
    return render(
        request,
        "payments/instructions.html",
        {
            "payment": payment,
            "enrolment": payment.enrolment,
            "instructions": get_payment_instructions(payment),
            "invoices": invoices,
            "invoice_form": invoice_form,
        },
        status=status,
    )


@login_required
def instructions(request, enrolment_id):
    """What the participant pays for one of their enrolments, and how: the confirmation
    page after enrolling, reachable from Mijn academie."""
    return _render(request, _own_payment(request, enrolment_id))


@login_required
@require_POST
def request_invoice(request, enrolment_id):
    """ "Factuur nodig?": the person enters their employer's details; the invoice follows."""
    payment = _own_payment(request, enrolment_id)
    form = InvoiceDetailsForm(request.POST)
    if not form.is_valid():
        return _render(request, payment, invoice_form=form, status=400)
    try:
        services.save_invoice_details(payment, by=request.user, **form.cleaned_data)
    except InvoiceRefused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Je factuur is aangemaakt. Je kan ze hieronder downloaden zodra ze klaar is."))
    return redirect("payments:instructions", enrolment_id=enrolment_id)


def invoice_response(invoice: Invoice):
    if not invoice.pdf:
        raise Http404
    return FileResponse(
        invoice.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{invoice.kind}-{invoice.code}.pdf",
    )


@login_required
def download_invoice(request, invoice_id):
    invoice = get_object_or_404(Invoice.objects.select_related("payment__enrolment"), pk=invoice_id)
    if not rules.may_download_invoice(request.user, invoice):
        raise Http404
    return invoice_response(invoice)
