"""The base of every service error: a Dutch message fit to show to the person acting."""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    message = _("Dat is niet gelukt.")

    def __init__(self, message=None):
        self.message = message or self.message
        super().__init__(str(self.message))
