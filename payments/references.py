"""Belgian structured communications (gestructureerde mededeling): +++123/4567/89002+++.

Ten digits and two check digits: the ten digits modulo 97, where a remainder of 0 is
written 97. The one home of making, checking and reading them back from what a payer typed.
"""

import re
import secrets

_DIGITS = re.compile(r"\d")


def check_digits(base: str) -> str:
    """Return the two check digits of ten digits."""
    remainder = int(base) % 97
    return f"{remainder or 97:02d}"


def make_reference(base: str) -> str:
    """Return the twelve digits of the structured communication for ten digits."""
    if len(base) != 10 or not base.isdigit():
        raise ValueError(base)
    return base + check_digits(base)


def random_reference() -> str:
    """Return the twelve digits of a new, random structured communication."""
    return make_reference(f"{secrets.randbelow(10**10):010d}")


def is_valid(digits: str) -> bool:
    return len(digits) == 12 and digits.isdigit() and check_digits(digits[:10]) == digits[10:]


def format_reference(digits: str) -> str:
    """+++123/4567/89002+++, as banks print it and payers type it."""
    return f"+++{digits[:3]}/{digits[3:7]}/{digits[7:]}+++"


def find_reference(text: str) -> str:
    """Return the twelve digits of a valid structured communication in what a payer typed.

    With or without +++ or ***, slashes, spaces or dots; an empty string when the text holds
    no twelve digits whose check digits agree (a typo in them is not matched to anyone).
    """
    digits = "".join(_DIGITS.findall(text or ""))
    if is_valid(digits):
        return digits
    # Free text around the communication: look at every run of twelve digits.
    for candidate in re.findall(r"(?<!\d)\d{3}\D{0,3}\d{4}\D{0,3}\d{5}(?!\d)", text or ""):
        candidate = "".join(_DIGITS.findall(candidate))
        if is_valid(candidate):
            return candidate
    return ""
