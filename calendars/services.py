"""Write calendar feeds: the only code that creates feeds or changes their tokens."""

import secrets

from django.utils import timezone

from .models import CalendarFeed

# 32 random bytes: 256 bits, 43 URL-safe characters.
TOKEN_BYTES = 32


def _new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def get_or_create_feed(person) -> CalendarFeed:
    """Return the person's calendar feed, creating it with a fresh token on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(person=person, defaults={"token": _new_token})
    return feed


def renew_feed_token(person) -> CalendarFeed:
    """Give the person's feed a fresh token; the old feed address stops working at once."""
    feed, _created = CalendarFeed.objects.update_or_create(
        person=person,
        defaults={"token": _new_token, "renewed_at": timezone.now},
        create_defaults={"token": _new_token},
    )
    return feed
