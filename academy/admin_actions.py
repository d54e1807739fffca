"""The shape of staff actions in the Wagtail admin: a form, one service, its error shown;
and the listings of records only services write."""

from django.contrib import messages
from django.contrib.auth import get_permission_codename
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

from academy.admin_pages import AdminPageMixin
from academy.errors import ServiceError


class ServiceActionView(PermissionCheckedMixin, AdminPageMixin, FormView):
    """A staff action: a form, one service, and a ServiceError shown as a message.

    A refused action re-renders the form with the error; nothing has changed then.
    Subclasses name the listing they belong to (index_url_name, listing_label) and
    implement perform().
    """

    permission_required = "change"
    index_url_name = None
    listing_label = None
    submit_button_label = gettext_lazy("Bevestigen")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": self.listing_label},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
        )
        return context

    def form_valid(self, form):
        try:
            url = self.perform(form)
        except ServiceError as error:
            self.describe_error(form, error)
            return self.form_invalid(form)
        return redirect(url)

    def form_invalid(self, form):
        if form.errors:
            messages.error(self.request, _("Het formulier bevat fouten. Verbeter ze en probeer opnieuw."))
        return super().form_invalid(form)

    def describe_error(self, form, error):
        messages.error(self.request, error.message)

    def perform(self, form):
        """Call the service and return the URL to go to next."""
        raise NotImplementedError


class ServiceRecordViewSet(ModelViewSet):
    """A listing of records that only services write (enrolments, certificates): no edit,
    delete or usage views and no delete permission; their actions are ServiceActionViews."""

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{"edit_url_name": None, "delete_url_name": None, "usage_url_name": None, **kwargs}
        )

    @cached_property
    def url_finder_class(self):
        # Log entries and reports link to a record's inspect view: there is no edit view.
        return type(
            f"{self.model.__name__}AdminURLFinder",
            (ModelAdminURLFinder,),
            {"edit_url_name": self.get_url_name("inspect")},
        )

    def get_permissions_to_register(self):
        return (
            super().get_permissions_to_register().exclude(codename=get_permission_codename("delete", self.model_opts))
        )
