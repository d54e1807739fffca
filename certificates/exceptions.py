"""Errors of the certificate services, each with a Dutch message."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class CertificateError(ServiceError):
    pass


class NotCompleted(CertificateError):
    message = _("De deelnemer heeft deze vorming (nog) niet voltooid.")


class PackageNotCompleted(NotCompleted):
    message = _("De deelnemer heeft dit pakket (nog) niet voltooid.")


class NoteRequired(CertificateError):
    message = _("De aanwezigheden tonen geen voltooiing. Geef een motivering als je het attest toch wil uitreiken.")


class NotConfirmed(CertificateError):
    message = _("Alleen een bevestigde inschrijving geeft recht op een attest.")


class AlreadyRevoked(CertificateError):
    message = _("Dit attest is al ingetrokken.")


class ReasonRequired(CertificateError):
    message = _("Geef een reden voor de intrekking.")


class HolderErased(CertificateError):
    message = _("De deelnemer heeft het account laten verwijderen: het attest wordt niet opnieuw gemaakt.")


class PdfNotWritten(CertificateError):
    message = _(
        "De pdf van het attest kon niet worden opgeslagen, dus er is niets gewijzigd. "
        "Probeer het later opnieuw of verwittig de beheerder van de website."
    )
