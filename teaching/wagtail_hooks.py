from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from teaching.services import MESSAGE_ACTION


@hooks.register("register_log_actions")
def register_teaching_log_actions(actions):
    actions.register_action(MESSAGE_ACTION, _("Bericht aan deelnemers"), _("Bericht aan alle deelnemers verstuurd"))
