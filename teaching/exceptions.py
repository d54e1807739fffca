"""Errors of the teaching services, each with a Dutch message for the trainer."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class TeachingError(ServiceError):
    pass


class MessageIncomplete(TeachingError):
    message = _("Geef een onderwerp en een bericht op.")


class ProposalError(TeachingError):
    message = _("Dit voorstel kon niet ingediend worden.")


class NotATrainer(ProposalError):
    message = _("Alleen lesgevers stellen vormingen voor. Vraag de academie om je als lesgever te registreren.")
