"""Errors of the teaching services, each with a Dutch message for the trainer."""

from django.utils.translation import gettext_lazy as _


class TeachingError(Exception):
    message = _("Dat is niet gelukt.")

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(str(self.message))


class MessageIncomplete(TeachingError):
    message = _("Geef een onderwerp en een bericht op.")
