"""Personal calendar feeds: a secret address a calendar app can follow without logging in."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """The secret token in the address of a person's calendar feed.

    The token is the only credential of the feed, so it is unguessable and can be
    replaced at any time (see calendars.services).
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("deelnemer"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    renewed_at = models.DateTimeField(_("vernieuwd op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("agendafeed")
        verbose_name_plural = _("agendafeeds")

    def __str__(self):
        # Never the token: it would end up in logs and admin listings.
        return str(self.person)
