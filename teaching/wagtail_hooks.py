from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from teaching.selectors import is_teaching
from teaching.services import MESSAGE_ACTION


@hooks.register("register_log_actions")
def register_teaching_log_actions(actions):
    actions.register_action(MESSAGE_ACTION, _("Bericht aan deelnemers"), _("Bericht aan alle deelnemers verstuurd"))


@hooks.register("login_redirect_url")
def send_trainers_to_their_page(user):
    """A trainer lands on their own page, with the session of now on top."""
    return reverse("teaching:editions") if is_teaching(user) else None
