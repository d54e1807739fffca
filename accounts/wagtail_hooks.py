from django.utils.translation import gettext_lazy as _

from wagtail import hooks


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        "academy.account.anonymise", _("Account verwijderd"), _("Account gewist op vraag van de persoon")
    )
