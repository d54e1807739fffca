"""Errors of the material services, each with a Dutch message for the trainer."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class MaterialError(ServiceError):
    message = _("Dit materiaal kon niet bewaard worden.")


class SessionOfAnotherCourse(MaterialError):
    message = _("Kies een sessie van deze editie.")
