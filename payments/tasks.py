"""Background work of payments: mails, run after commit."""

from django.tasks import task

from payments import notifications, services
from payments.models import Invoice, Payment


@task
def send_payment_mail(payment_id: int, kind: str):
    payment = Payment.objects.select_related("enrolment__person", "enrolment__edition__course").get(pk=payment_id)
    notifications.send_payment_mail(payment, kind)


@task
def render_invoice_pdf(invoice_id: int):
    services.store_invoice_pdf(Invoice.objects.select_related("payment__enrolment__edition__course").get(pk=invoice_id))
