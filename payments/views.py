from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from payments.models import Payment
from payments.selectors import get_payment_instructions


@login_required
def instructions(request, enrolment_id):
    """What the participant pays for one of their enrolments, and how: the confirmation
    page after enrolling, reachable from Mijn academie."""
    # Someone else's payment is a 404: its existence is nobody else's business.
    payment = get_object_or_404(
        Payment.objects.select_related("enrolment__edition__course"),
        enrolment_id=enrolment_id,
        enrolment__person=request.user,
    )
    return render(
        request,
        "payments/instructions.html",
        {"payment": payment, "enrolment": payment.enrolment, "instructions": get_payment_instructions(payment)},
    )
