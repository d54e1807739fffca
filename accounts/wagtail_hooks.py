from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from accounts.services import create_profile_without_account


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        "academy.account.anonymise", _("Account verwijderd"), _("Account gewist op vraag van de persoon")
    )


# The profile of a person enrolment.services.create_person_without_account made.
hooks.register("create_person_profile", create_profile_without_account)
