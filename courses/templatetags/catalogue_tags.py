from django import template
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from academy.page_cache import process_memo

register = template.Library()

SELECTED = mark_safe(" selected")


@register.simple_tag
def facet_options(group):
    """Render a facet's <option>s with their counts.

    A tag rather than a template loop: the catalogue renders some sixty options per page,
    and this is its hottest markup. Each value and label is escaped once: the memo starts
    empty with every offer generation, which bounds it to the vocabulary of the day.
    """
    escaped = process_memo("facet-options-escaped")
    parts = []
    for option in group.options:
        key = (option.value, option.label)
        pair = escaped.get(key)
        if pair is None:
            pair = escaped[key] = (escape(option.value), escape(option.label))
        selected = SELECTED if option.selected else ""
        parts.append(f'<option value="{pair[0]}"{selected}>{pair[1]} ({int(option.count)})</option>')
    return mark_safe("".join(parts))


@register.simple_tag
def catalogue_card(edition):
    """Render the card of a catalogue result, once per edition, offer generation and number
    of places left.

    A card depends only on its edition, every change to an edition starts a new generation,
    and the places left are the only part that changes within one; the catalogue shows the
    same cards on page after page.
    """
    cards = process_memo("catalogue-cards")
    places_left, card = cards.get(edition.pk, (None, None))
    if card is None or places_left != edition.places_left:
        card = get_template("includes/catalogue_card.html").render({"edition": edition})
        cards[edition.pk] = (edition.places_left, card)
    return card
