from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from partner_contacts.forms import PartnerContactForm
from partner_contacts.models import PartnerContact
from partner_contacts.selectors import get_contact_organisation
from partner_contacts.services import assign_partner_contact, remove_partner_contact
from roles import rules


class AssignContactMixin:
    def save_instance(self):
        data = self.form.cleaned_data
        return assign_partner_contact(data["person"], organisation=data["organisation"], by=self.request.user)


class PartnerContactCreateView(AssignContactMixin, CreateView):
    pass


class PartnerContactEditView(AssignContactMixin, EditView):
    pass


class PartnerContactDeleteView(DeleteView):
    def delete_action(self):
        remove_partner_contact(self.object, by=self.request.user)


class PartnerContactViewSet(ModelViewSet):
    """Staff name the contacts of partner organisations (partner_contacts.*_partnercontact)."""

    model = PartnerContact
    icon = "group"
    menu_label = gettext_lazy("Partnercontacten")
    menu_order = 232
    add_to_admin_menu = True
    list_display = ["user", "organisation", "created_at"]
    list_filter = ["organisation"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "organisation__name"]
    search_backend_name = None
    add_view_class = PartnerContactCreateView
    edit_view_class = PartnerContactEditView
    delete_view_class = PartnerContactDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return PartnerContactForm


@hooks.register("register_admin_viewset")
def register_partner_contact_viewset():
    return PartnerContactViewSet("partnercontacten")


@hooks.register("mijn_academie_links")
def link_to_members_participation(user):
    organisation = get_contact_organisation(user)
    if organisation is None or not rules.may_view_members_of(user, organisation):
        return []
    return [
        (
            reverse("partner_contacts:participation", args=[organisation.slug]),
            _("Deelname van de leden van %(organisation)s") % {"organisation": organisation.name},
        )
    ]


@hooks.register("export_personal_data")
def export_partner_contact(person):
    organisation = get_contact_organisation(person)
    return {"contactpersoon_van": organisation.name if organisation else None}


@hooks.register("anonymise_account")
def end_partner_contact_role(person):
    contact = PartnerContact.objects.filter(user=person).first()
    if contact is not None:
        remove_partner_contact(contact, by=None)
