"""Errors of the payment services, each with a Dutch message for the person acting."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError
from enrolment.exceptions import EnrolmentError


class PaymentError(ServiceError):
    pass


class RateNotAvailable(EnrolmentError):
    """Refuses an enrolment (through enrolment's hook) whose rate the edition does not give."""

    message = _("Kies een tarief dat deze editie aanbiedt.")


class BankAccountMissing(PaymentError):
    message = _(
        "De academie heeft nog geen geldig rekeningnummer (IBAN en BIC) in de instellingen staan. "
        "Vul ze in bij Instellingen › Betalingen."
    )


class ReasonRequired(PaymentError):
    message = _("Geef een reden op.")


class StatementError(PaymentError):
    """A file that cannot be imported; lines holds (line number, message) per broken line."""

    message = _("Het bestand is niet ingelezen: niets ervan is opgeslagen.")

    def __init__(self, message=None, *, lines=()):
        super().__init__(message)
        self.lines = list(lines)


class NothingToRefund(PaymentError):
    message = _("Er staat geen terugbetaling open.")


class InvoiceRefused(PaymentError):
    message = _("Voor deze inschrijving kan je geen factuur vragen.")
