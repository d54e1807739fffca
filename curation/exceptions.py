"""Errors of the curation services, each with a Dutch message for the person acting."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class CourseRequestError(ServiceError):
    pass


class InvalidCourseRequest(CourseRequestError):
    message = _("De vormingsvraag is niet volledig of bevat een fout.")


class NotPublic(CourseRequestError):
    message = _("Deze vormingsvraag is niet openbaar.")


class AlreadySupported(CourseRequestError):
    message = _("Je steunt deze vormingsvraag al. Je steun telt maar één keer.")


class StatusUnchanged(CourseRequestError):
    message = _("De vormingsvraag heeft die status al.")


class UnknownStatus(CourseRequestError):
    message = _("Deze status bestaat niet.")


class AnswerMismatch(CourseRequestError):
    message = _("De gekozen editie hoort niet bij de gekozen vorming.")
