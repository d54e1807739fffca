import base64
import re

from calendars.models import CalendarFeed
from calendars.services import get_or_create_feed, renew_feed_token
from tests.factories import make_person


def test_feed_is_created_once_per_person(db):
    person = make_person()

    first = get_or_create_feed(person)
    second = get_or_create_feed(person)

    assert first.pk == second.pk
    assert first.token == second.token
    assert CalendarFeed.objects.filter(person=person).count() == 1


def test_feed_token_is_url_safe_with_at_least_128_bits(db):
    tokens = {get_or_create_feed(make_person()).token for _ in range(20)}

    assert len(tokens) == 20
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
        random_bytes = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        assert len(random_bytes) * 8 >= 128
        # Every character of the alphabet is equally likely: no visible structure.
        assert len(set(token)) > 16


def test_renewing_replaces_the_token(db):
    person = make_person()
    old = get_or_create_feed(person).token

    feed = renew_feed_token(person)

    assert feed.token != old
    assert feed.renewed_at is not None
    assert CalendarFeed.objects.get(person=person).token == feed.token
    assert not CalendarFeed.objects.filter(token=old).exists()


def test_renewing_without_a_feed_creates_one(db):
    person = make_person()

    feed = renew_feed_token(person)

    assert CalendarFeed.objects.get(person=person).token == feed.token
