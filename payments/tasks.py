"""Background work of payments: mails, run after commit."""

from django.tasks import task

from payments import notifications
from payments.models import Payment


@task
def send_payment_mail(payment_id: int, kind: str):
    payment = Payment.objects.select_related("enrolment__person", "enrolment__edition__course").get(pk=payment_id)
    notifications.send_payment_mail(payment, kind)
