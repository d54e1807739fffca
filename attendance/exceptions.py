"""Errors of the attendance services, each with a Dutch message."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class AttendanceError(ServiceError):
    pass


class NotAParticipant(AttendanceError):
    message = _("Deze persoon is geen bevestigde deelnemer van deze editie.")


class SessionNotStarted(AttendanceError):
    message = _("Deze sessie is nog niet begonnen. Aanwezig of afwezig noteer je vanaf kort voor het begin.")


class CheckInClosed(AttendanceError):
    message = _("Inchecken kan alleen tijdens de sessie en kort ervoor.")


class UnknownCheckInCode(AttendanceError):
    message = _("Deze code kennen we niet. Kijk ze na en probeer opnieuw.")
