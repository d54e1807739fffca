"""Staff views on enrolments in the Wagtail admin: the listing and the actions on it.

The generic create, edit and delete views of Wagtail would write enrolments directly;
here every change goes through one service of enrolment.services instead.
"""

from collections import OrderedDict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import HistoryView, IndexView, InspectView
from wagtail.admin.widgets import Button
from wagtail.coreutils import multigetattr

from academy.admin_actions import ServiceActionView
from academy.spreadsheets import BelgianCsvExportMixin
from courses.admin_views import EditionStepView
from enrolment import services
from enrolment.exceptions import AlreadyEnrolled, PossibleDuplicate
from enrolment.extensions import export_columns, sees_needs
from enrolment.forms import CancelEditionForm, CancelEnrolmentForm, EnrolPersonForm, FindPersonForm, MoveEnrolmentForm
from enrolment.models import Enrolment
from enrolment.selectors import get_waitlist_position, list_enrolments_for_admin


def person_label(person):
    if person is None:
        return ""
    return person.get_full_name() or person.email or person.username


def local_datetime(value):
    return date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def waitlist_url(edition_id):
    """The waitlist of one edition, in order: the listing filtered on it."""
    query = {"edition": edition_id, "status": Enrolment.Status.WAITLISTED, "ordering": "waitlist_position"}
    return reverse("enrolments:index") + "?" + urlencode(query)


def edition_listing_url(edition_id):
    return reverse("enrolments:index") + "?" + urlencode({"edition": edition_id})


class WaitlistColumn(Column):
    """The place on the waitlist, linking to the whole waitlist of the edition in order."""

    cell_template_name = "enrolment/admin/waitlist_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = waitlist_url(instance.edition_id)
        return context


def organisations_of(person):
    profile = getattr(person, "profile", None)
    return ", ".join(organisation.name for organisation in profile.partner_organisations.all()) if profile else ""


def profile_value(person, field):
    profile = getattr(person, "profile", None)
    return getattr(profile, field, "") if profile else ""


# What the export reads of a person beyond the listing, and whether it is a need: needs are
# exported only to who sees every participant's (roles.rules.may_view_every_participant,
# through the hook enrolment.extensions.SEES_NEEDS).
PERSON_EXPORT_FIELDS = {
    "phone": (gettext_lazy("Telefoonnummer"), lambda person: profile_value(person, "phone"), False),
    "organisations": (gettext_lazy("Organisaties"), organisations_of, False),
    "accessibility_needs": (
        gettext_lazy("Noden voor toegankelijkheid"),
        lambda person: profile_value(person, "accessibility_needs"),
        True,
    ),
    "dietary_needs": (gettext_lazy("Voedingswensen"), lambda person: profile_value(person, "dietary_needs"), True),
}


class EnrolmentIndexView(BelgianCsvExportMixin, IndexView):
    # Staff read times in Brussels, not in UTC as the generic export writes them.
    custom_field_preprocess = {
        "created_at": {
            IndexView.FORMAT_CSV: local_datetime,
            IndexView.FORMAT_XLSX: lambda value: timezone.make_naive(value) if value else None,
        }
    }

    def get_base_queryset(self):
        return list_enrolments_for_admin()

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A stable order for pagination and for the waitlist, whose people may share a second.
        ordering = list(queryset.query.order_by)
        descending = bool(ordering) and str(ordering[0]).startswith("-")
        return queryset.order_by(*ordering, "-pk" if descending else "pk")

    @cached_property
    def columns(self):
        title_column_class = self._get_title_column_class(TitleColumn)
        return [
            title_column_class(
                "person",
                label=gettext_lazy("Deelnemer"),
                accessor=lambda enrolment: person_label(enrolment.person),
                get_url=self.get_inspect_url,
                sort_key="person__last_name",
            ),
            Column("email", label=gettext_lazy("E-mailadres"), accessor="person.email", sort_key="person__email"),
            Column("edition", label=gettext_lazy("Editie"), accessor="edition", sort_key="edition__starts_at"),
            Column("status", label=gettext_lazy("Status"), accessor="get_status_display", sort_key="status"),
            WaitlistColumn(
                "waitlist_position",
                label=gettext_lazy("Wachtlijst"),
                accessor="waitlist_position",
                sort_key="waitlist_position",
            ),
            Column(
                "created_at",
                label=gettext_lazy("Ingeschreven op"),
                accessor=lambda enrolment: local_datetime(enrolment.created_at),
                sort_key="created_at",
            ),
            Column(
                "enrolled_by",
                label=gettext_lazy("Ingeschreven door"),
                accessor=lambda enrolment: person_label(enrolment.enrolled_by),
            ),
            Column("via_partner", label=gettext_lazy("Via partner"), accessor="via_partner"),
        ]

    @cached_property
    def add_item_label(self):
        return _("Iemand inschrijven")

    def get_add_url(self):
        url = super().get_add_url()
        edition = self.filters.form.cleaned_data.get("edition") if self.filters and self.filters.is_valid() else None
        if url and edition:
            url += "?" + urlencode({"edition": edition.pk})
        return url

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        edition = self.filters.form.cleaned_data.get("edition") if self.filters and self.filters.is_valid() else None
        if edition:
            buttons.append(Button(_("Wachtlijst van deze editie"), url=waitlist_url(edition.pk), icon_name="list-ol"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.is_active and self.user_has_permission("change"):
            buttons.append(
                Button(
                    _("Annuleren"), url=reverse("enrolments:cancel", args=[instance.pk]), icon_name="cross", priority=40
                )
            )
            buttons.append(
                Button(
                    _("Verplaatsen"),
                    url=reverse("enrolments:move", args=[instance.pk]),
                    icon_name="arrow-right",
                    priority=41,
                )
            )
        buttons.append(
            Button(
                _("Logboek"), url=reverse("enrolments:history", args=[instance.pk]), icon_name="history", priority=45
            )
        )
        buttons.append(
            Button(
                _("Wachtlijst van de editie"), url=waitlist_url(instance.edition_id), icon_name="list-ol", priority=50
            )
        )
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # The people's profiles and the upper apps' columns, read once for every row.
        queryset = queryset.select_related("person__profile").prefetch_related("person__profile__partner_organisations")
        enrolments = list(queryset)
        needs = sees_needs(self.request.user)
        self.person_fields = {key: spec[1] for key, spec in PERSON_EXPORT_FIELDS.items() if needs or not spec[2]}
        self.extra_columns = export_columns(enrolments)
        self.list_export = [*self.list_export, *self.person_fields, *(column.key for column in self.extra_columns)]
        self.export_headings = {
            **self.export_headings,
            **{key: PERSON_EXPORT_FIELDS[key][0] for key in self.person_fields},
            **{column.key: column.heading for column in self.extra_columns},
        }
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def to_row_dict(self, item):
        fields = getattr(self, "person_fields", {})
        columns = {column.key: column for column in getattr(self, "extra_columns", [])}
        row = OrderedDict()
        for field in self.list_export:
            if field in fields:
                row[field] = fields[field](item.person)
            elif field in columns:
                row[field] = columns[field].values.get(item.pk, "")
            elif field == "enrolled_by":
                # Who enrolled someone is often nobody (they did it themselves); multigetattr cannot follow None.
                row[field] = person_label(item.enrolled_by)
            else:
                row[field] = multigetattr(item, field)
        return row


class EnrolmentInspectView(InspectView):
    fields = [
        "person",
        "edition",
        "status",
        "created_at",
        "enrolled_by",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "cancellation_reason",
    ]

    def get_object(self, queryset=None):
        return get_object_or_404(list_enrolments_for_admin(), pk=self.pk)

    def get_person_display_value(self):
        person = self.object.person
        return " – ".join(part for part in (person_label(person), person.email) if part)

    def get_fields_context(self):
        context = super().get_fields_context()
        if self.object.waitlist_position is not None:
            context.insert(3, {"label": _("Plaats op de wachtlijst"), "value": self.object.waitlist_position})
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons.copy()
        if self.object.is_active and self.user_has_permission("change"):
            buttons.append(Button(_("Annuleren"), url=reverse("enrolments:cancel", args=[self.pk]), icon_name="cross"))
            buttons.append(
                Button(_("Verplaatsen"), url=reverse("enrolments:move", args=[self.pk]), icon_name="arrow-right")
            )
        buttons.append(Button(_("Logboek"), url=reverse("enrolments:history", args=[self.pk]), icon_name="history"))
        buttons.append(
            Button(_("Wachtlijst van de editie"), url=waitlist_url(self.object.edition_id), icon_name="list-ol")
        )
        return buttons


class EnrolmentHistoryView(HistoryView):
    # Whoever may see the listing may read how an enrolment came about.
    any_permission_required = ["add", "change", "delete", "view"]


class EnrolmentActionView(ServiceActionView):
    model = Enrolment
    template_name = "enrolment/admin/action_form.html"
    header_icon = "list-ul"
    listing_label = gettext_lazy("Inschrijvingen")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "enrolment": getattr(self, "enrolment", None)}


class EnrolPersonView(EnrolmentActionView):
    permission_required = "add"
    page_title = gettext_lazy("Iemand inschrijven")
    submit_button_label = gettext_lazy("Inschrijven")
    form_class = EnrolPersonForm
    template_name = "enrolment/admin/enrol_person.html"

    def get_initial(self):
        edition = self.request.GET.get("edition")
        return {"edition": edition} if edition and edition.isdigit() else {}

    def get_form_kwargs(self):
        # Ids of their own: the search form above holds fields of the same names.
        return {
            **super().get_form_kwargs(),
            "query": self.request.GET.get("q", "").strip()[:100],
            "auto_id": "enrol_%s",
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        query = form["q"].value() or ""
        context.update(
            search_url=self.request.path,
            search_form=FindPersonForm(initial={"edition": form["edition"].value(), "q": query}),
            query=query,
        )
        return context

    def describe_error(self, form, error):
        if isinstance(error, AlreadyEnrolled):
            messages.error(self.request, _("Deze persoon is al ingeschreven voor deze editie."))
        elif isinstance(error, PossibleDuplicate):
            form.add_error("is_someone_else", error.message)
            super().describe_error(form, error)
        else:
            super().describe_error(form, error)

    def perform(self, form):
        data = form.cleaned_data
        edition = data["edition"]
        if data.get("person") is not None:
            outcome = services.enrol(edition, person=data["person"], by=self.request.user)
        else:
            outcome = services.enrol_person_without_account(
                edition,
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                by=self.request.user,
                is_someone_else=data["is_someone_else"],
            )
        values = {"person": person_label(outcome.enrolment.person), "edition": edition}
        if outcome.is_waitlisted:
            values["position"] = get_waitlist_position(outcome.enrolment)
            messages.warning(
                self.request,
                _("%(edition)s is volzet: %(person)s staat op de wachtlijst, op plaats %(position)s.") % values,
            )
            return waitlist_url(edition.pk)
        messages.success(self.request, _("%(person)s is ingeschreven voor %(edition)s.") % values)
        return edition_listing_url(edition.pk)


class EnrolmentObjectActionView(EnrolmentActionView):
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        self.enrolment = get_object_or_404(list_enrolments_for_admin(), pk=kwargs["pk"])
        if not self.enrolment.is_active:
            messages.error(request, _("Deze inschrijving is al geannuleerd."))
            return redirect("enrolments:inspect", self.enrolment.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.enrolment)


class CancelEnrolmentView(EnrolmentObjectActionView):
    page_title = gettext_lazy("Inschrijving annuleren")
    submit_button_label = gettext_lazy("Annuleren")
    form_class = CancelEnrolmentForm

    def perform(self, form):
        services.cancel_enrolment(self.enrolment, by=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(
            self.request,
            _("De inschrijving van %(person)s voor %(edition)s is geannuleerd.")
            % {"person": person_label(self.enrolment.person), "edition": self.enrolment.edition},
        )
        return edition_listing_url(self.enrolment.edition_id)


class MoveEnrolmentView(EnrolmentObjectActionView):
    page_title = gettext_lazy("Inschrijving verplaatsen")
    submit_button_label = gettext_lazy("Verplaatsen")
    form_class = MoveEnrolmentForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "enrolment": self.enrolment}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["form"].fields["to_edition"].queryset.exists():
            context["no_other_editions"] = True
        return context

    def describe_error(self, form, error):
        if isinstance(error, AlreadyEnrolled):
            messages.error(self.request, _("Deze persoon is al ingeschreven voor die editie. Er is niets gewijzigd."))
        else:
            super().describe_error(form, error)

    def perform(self, form):
        to_edition = form.cleaned_data["to_edition"]
        outcome = services.move_enrolment(
            self.enrolment, to_edition=to_edition, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        values = {"person": person_label(self.enrolment.person), "edition": to_edition}
        if outcome.is_waitlisted:
            messages.warning(
                self.request,
                _("%(person)s is verplaatst, maar %(edition)s is volzet: de persoon staat er op de wachtlijst.")
                % values,
            )
        else:
            messages.success(self.request, _("%(person)s is verplaatst naar %(edition)s.") % values)
        return edition_listing_url(to_edition.pk)


class CancelEditionView(EditionStepView):
    """Cancel an edition for everyone, with the reason they all read: a step on the edition,
    for whoever may cancel it (courses.cancel_edition)."""

    action = "cancel"
    page_title = gettext_lazy("Editie annuleren")
    submit_button_label = gettext_lazy("Editie annuleren en iedereen verwittigen")
    form_class = CancelEditionForm
    template_name = "enrolment/admin/cancel_edition.html"

    def get_context_data(self, **kwargs):
        enrolments = Enrolment.objects.filter(edition=self.edition).active()
        return {
            **super().get_context_data(**kwargs),
            "confirmed_count": enrolments.confirmed().count(),
            "waitlisted_count": enrolments.waitlisted().count(),
            "pending_count": enrolments.filter(status=Enrolment.Status.PENDING).count(),
        }

    def perform(self, form):
        services.cancel_edition(self.edition, reason=form.cleaned_data["reason"], by=self.request.user)
        messages.success(
            self.request,
            _("‘%(edition)s’ is geannuleerd. Iedereen die ingeschreven was, krijgt een mail met de reden.")
            % {"edition": self.edition},
        )
        return edition_listing_url(self.edition.pk)
