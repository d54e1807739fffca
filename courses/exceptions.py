"""The errors of the offer's services, each with a Dutch message for the person acting."""

from django.utils.translation import gettext_lazy as _

from academy.errors import ServiceError


class EditionApprovalError(ServiceError):
    """A step of an edition's approval round that cannot be taken now; nothing changed."""

    message = _("Deze stap in de goedkeuring van de editie kan nu niet.")


class EditionNotDraft(EditionApprovalError):
    message = _("Alleen een editie in concept kan ter goedkeuring ingediend worden.")


class EditionNotSubmitted(EditionApprovalError):
    message = _("Deze editie wacht niet op goedkeuring: ze is niet (meer) ingediend.")


class ReviewCommentMissing(EditionApprovalError):
    message = _("Schrijf erbij welke wijzigingen de stuurgroep vraagt.")
