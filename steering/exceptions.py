"""Errors of the steering group's services, each with a Dutch message for the person acting."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class ProposalDecisionError(ServiceError):
    message = _("Over dit voorstel kun je nu niet beslissen.")


class AlreadyDecided(ProposalDecisionError):
    message = _("Over dit voorstel is al beslist: het wacht niet meer op de stuurgroep.")


class NotYourDecision(ProposalDecisionError):
    message = _("Dit voorstel wacht niet op jouw beslissing.")


class ChangesNotSaid(ProposalDecisionError):
    message = _("Schrijf welke wijzigingen je vraagt: de lesgever krijgt je tekst in de e-mail.")
