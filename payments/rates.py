"""What a seat costs at each rate: read from EditionQuerySet.with_rates(), the one home of
price arithmetic, so a card and a payment never disagree."""

from decimal import Decimal

from courses.models import Edition
from payments.exceptions import RateNotAvailable
from payments.models import Payment


def available_rates(edition) -> list[str]:
    """The rates a person may choose in the edition (annotated by with_rates())."""
    rates = [Payment.Rate.STANDARD, Payment.Rate.REDUCED]
    if edition.free_for_partner_volunteers:
        rates.append(Payment.Rate.VOLUNTEER)
    return rates


def amount_for(edition_id: int, rate: str) -> Decimal:
    """Return what the rate costs in the edition. Raise RateNotAvailable for a rate the
    edition does not give."""
    edition = Edition.objects.with_rates().get(pk=edition_id)
    if rate not in available_rates(edition):
        raise RateNotAvailable
    if rate == Payment.Rate.STANDARD:
        return edition.price
    if rate == Payment.Rate.REDUCED:
        return edition.reduced_rate
    return Decimal("0.00")
