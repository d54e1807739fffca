"""The academy's logo in any template: pages, mails and error pages."""

from django import template
from django.utils.html import format_html

from academy.branding import get_logo_url

register = template.Library()


def _logo_url(context, absolute):
    # Pages get the URL from the context processor and error pages from their own context,
    # so neither needs the database here; mails have neither and look it up.
    url = context.get("academy_logo_url")
    if url and not absolute:
        return url
    return get_logo_url(absolute=absolute)


@register.simple_tag(takes_context=True)
def academy_logo_url(context, absolute=False):
    """The logo's URL; absolute=True gives a full address for mails."""
    return _logo_url(context, absolute)


@register.simple_tag(takes_context=True)
def academy_logo(context, absolute=False, alt="", css_class="site-logo", height=48):
    """The logo as an <img>. The alt text is empty by default: the academy's name stands
    beside it wherever it is shown; pass alt where the logo stands alone."""
    return format_html(
        '<img class="{}" src="{}" alt="{}" height="{}">', css_class, _logo_url(context, absolute), alt, height
    )
