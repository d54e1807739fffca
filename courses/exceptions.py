"""The errors of the offer's services, each with a Dutch message for the person acting."""

from django.utils.translation import gettext_lazy as _


class EditionApprovalError(Exception):
    """A step of an edition's approval round that cannot be taken now; nothing changed."""

    message = _("Deze stap in de goedkeuring van de editie kan nu niet.")

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(str(self.message))


class EditionNotDraft(EditionApprovalError):
    message = _("Alleen een editie in concept kan ter goedkeuring ingediend worden.")


class EditionNotSubmitted(EditionApprovalError):
    message = _("Deze editie wacht niet op goedkeuring: ze is niet (meer) ingediend.")


class ReviewCommentMissing(EditionApprovalError):
    message = _("Schrijf erbij welke wijzigingen de stuurgroep vraagt.")
