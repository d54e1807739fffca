"""What the academy's mails print about the academy itself."""

from django import template

from academy.sites import default_site_name

register = template.Library()


@register.simple_tag
def academy_name():
    """The academy's name as editors set it in the site settings, for mails' signatures."""
    return default_site_name()
