"""Errors of the attendance services, each with a Dutch message."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class AttendanceError(ServiceError):
    pass


class NotAParticipant(AttendanceError):
    message = _("Deze persoon is geen bevestigde deelnemer van deze editie.")


class SessionNotStarted(AttendanceError):
    message = _("Deze sessie is nog niet begonnen. Aanwezigheden noteer je vanaf het begin van de sessie.")


class CheckInClosed(AttendanceError):
    message = _("Inchecken met de code kan alleen tijdens de sessie.")


class UnknownCheckInCode(AttendanceError):
    message = _("Deze code kennen we niet. Kijk ze na en probeer opnieuw.")
