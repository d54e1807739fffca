from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action("academy.enrolment.enrol", _("Inschrijving"), _("Ingeschreven"))
    actions.register_action("academy.enrolment.cancel", _("Annulering"), _("Inschrijving geannuleerd"))
    actions.register_action("academy.enrolment.promote", _("Van de wachtlijst"), _("Van de wachtlijst bevestigd"))
