"""Errors of the enrolment services, each with a Dutch message for the participant."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class EnrolmentError(ServiceError):
    pass


class EditionNotOpen(EnrolmentError):
    message = _("Voor deze editie kan je niet inschrijven.")


class EditionCancelled(EditionNotOpen):
    message = _("Deze editie is geannuleerd: inschrijven kan niet meer.")


class EnrolmentClosed(EnrolmentError):
    message = _("De inschrijvingen voor deze editie zijn gesloten.")


class EnrolmentNotYetOpen(EnrolmentError):
    message = _("De inschrijvingen voor deze editie zijn nog niet geopend.")


class AlreadyEnrolled(EnrolmentError):
    message = _("Je bent al ingeschreven voor deze editie.")


class NotActive(EnrolmentError):
    message = _("Deze inschrijving is al geannuleerd.")


class CancellationClosed(EnrolmentError):
    message = _("Annuleren kan niet meer: de annuleringstermijn is voorbij. Neem contact op met de academie.")


class ReasonRequired(EnrolmentError):
    message = _("Geef een reden op voor de annulering.")


class CapacityTooLow(EnrolmentError):
    message = _("Het aantal plaatsen kan niet lager zijn dan het aantal bevestigde inschrijvingen.")
    # The form field an admin form shows this error on.
    field = "capacity"


class NotForThisAudience(EnrolmentError):
    message = _("Deze editie is voorbehouden aan een bepaalde doelgroep. Vul je rollen aan in je profiel.")


class PrerequisiteMissing(EnrolmentError):
    message = _("Voor dit verdiepend pakket moet je eerst het basispakket voltooid hebben.")


class EditionAlreadyCancelled(EnrolmentError):
    message = _("Deze editie is al geannuleerd.")


class EditionCancellationReasonRequired(ReasonRequired):
    message = _("Geef een reden op voor de annulering: iedereen die ingeschreven is, krijgt ze in een mail te lezen.")


class PossibleDuplicate(EnrolmentError):
    message = _(
        "Er bestaat al iemand met deze naam of dit telefoonnummer. Kies die persoon in de lijst, of bevestig dat "
        "het iemand anders is."
    )
