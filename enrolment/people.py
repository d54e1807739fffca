"""Find people for staff who enrol someone on their behalf: by name, phone or e-mail.

The profile's phone number is read through the user's reverse relation (profile__phone):
accounts, which holds the profile, sits above enrolment in the chain of apps.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Replace

# What people write between the digits of a phone number: "011 22 33 44", "0470/12.34.56".
PHONE_SEPARATORS = (" ", ".", "/", "-")
MAX_PEOPLE_FOUND = 20


def phone_digits(phone: str) -> str:
    """The phone number as compared: its digits and a leading +, nothing else."""
    return "".join(character for character in phone if character.isdigit() or character == "+")


def _with_phone_digits(queryset):
    expression = "profile__phone"
    for separator in PHONE_SEPARATORS:
        expression = Replace(expression, Value(separator), Value(""))
    return queryset.annotate(phone_digits=expression)


def _people():
    return _with_phone_digits(get_user_model().objects.filter(is_active=True)).select_related("profile")


def search_people(query: str):
    """People whose name, e-mail address or phone number holds every word of the query.

    A word of digits matches the phone number whatever the spaces, dots or slashes in it;
    a query of digits alone is one phone number, however it is grouped.
    At most MAX_PEOPLE_FOUND people, by name; none for an empty query.
    """
    words = query.split()
    if words and all(character.isdigit() or character in "+ ./-" for character in query.strip()):
        # A phone number as it is read out, in groups: one word.
        words = [phone_digits(query)]
    if not words:
        return get_user_model().objects.none()
    people = _people()
    for word in words:
        match = Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        digits = phone_digits(word)
        if len(digits) >= 3:
            match |= Q(phone_digits__contains=digits)
        people = people.filter(match)
    return people.order_by("last_name", "first_name", "pk")[:MAX_PEOPLE_FOUND]


def list_possible_duplicates(*, first_name: str, last_name: str, phone: str = ""):
    """People who may be the one about to be created: the same first and last name, or the
    same phone number."""
    match = Q(first_name__iexact=first_name.strip(), last_name__iexact=last_name.strip())
    digits = phone_digits(phone)
    if len(digits) >= 6:
        match |= Q(phone_digits=digits)
    return _people().filter(match).order_by("last_name", "first_name", "pk")[:MAX_PEOPLE_FOUND]
