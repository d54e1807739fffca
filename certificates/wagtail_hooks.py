from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("academy.certificate.issue", _("Attest uitgereikt"), _("Attest uitgereikt"))
    actions.register_action("academy.certificate.revoke", _("Attest ingetrokken"), _("Attest ingetrokken"))
    actions.register_action(
        "academy.certificate.rerender", _("Attest opnieuw gemaakt"), _("Pdf van het attest opnieuw gemaakt")
    )
