from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_log_actions")
def register_attendance_log_actions(actions):
    actions.register_action(
        "academy.attendance_recorded", _("Aanwezigheden genoteerd"), _("Aanwezigheden van een sessie genoteerd")
    )
    actions.register_action(
        "academy.attendance_checked_in", _("Zelf aangemeld"), _("Deelnemer meldde zich zelf aan met de sessiecode")
    )
