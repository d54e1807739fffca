"""Wagtail's users listing (``accounts.apps.UsersAdminConfig``): name and e-mail address, no username.

The e-mail address is the login; the username allauth generates from it ("fatima") is one
the person never chose, so the listing shows the address in its place.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.users.views import users


class UserIndexView(users.IndexView):
    @cached_property
    def columns(self):
        return [
            Column("email", label=_("E-mailadres"), sort_key="email", classname="email", width="20%")
            if column.name == self.model.USERNAME_FIELD
            else column
            for column in super().columns
        ]


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
