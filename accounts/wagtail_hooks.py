from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.admin_views import MERGE_PERMISSION, MergePeopleView
from accounts.merging import MERGE_ACTION, MERGED_AWAY_ACTION
from accounts.services import create_profile_without_account


@hooks.register("register_log_actions")
def register_account_log_actions(actions):
    actions.register_action(
        "academy.account.anonymise", _("Account verwijderd"), _("Account gewist op vraag van de persoon")
    )
    actions.register_action(MERGE_ACTION, _("Samengevoegd"), _("Een tweede record van deze persoon samengevoegd"))
    actions.register_action(
        MERGED_AWAY_ACTION, _("Samengevoegd in een ander"), _("Samengevoegd in een ander record van dezelfde persoon")
    )


@hooks.register("register_admin_urls")
def register_merge_people_url():
    return [path("personen/samenvoegen/", MergePeopleView.as_view(), name="merge_people")]


class MergePeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MERGE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_merge_people_menu_item():
    return MergePeopleMenuItem(_("Personen samenvoegen"), reverse("merge_people"), icon_name="group", order=218)


# The profile of a person enrolment.services.create_person_without_account made.
hooks.register("create_person_profile", create_profile_without_account)
