"""What the site's layout shows depending on who is logged in; the rules are roles.rules'."""

from django import template

from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from roles import rules
from roles.admin_link import shows_admin_link

register = template.Library()


@register.filter
def is_trainer(user):
    return rules.is_trainer(user)


@register.simple_tag(takes_context=True)
def academy_userbar(context):
    """Wagtail's user bar, asked only for whom the site shows the way into the admin."""
    request = context.get("request")
    if request is None or not shows_admin_link(request):
        return ""
    return wagtailuserbar(context)
