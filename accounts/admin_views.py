"""Staff merge two records of one person in the Wagtail admin: find them, read what will
move, confirm. The work is accounts.merging.merge_people()."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.merging import MergeError, describe_merge, merge_people
from enrolment.people import search_people

MERGE_PERMISSION = "accounts.merge_people"


class MergeForm(forms.Form):
    kept = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True),
        error_messages={"required": gettext_lazy("Kies wie je behoudt.")},
    )
    duplicate = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True),
        error_messages={"required": gettext_lazy("Kies wie je samenvoegt in de behouden persoon.")},
    )


class MergePeopleView(WagtailAdminTemplateMixin, TemplateView):
    """GET ?q= finds people; GET ?kept=&duplicate= shows what a merge moves; POST merges."""

    template_name = "accounts/admin/merge_people.html"
    page_title = gettext_lazy("Personen samenvoegen")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(MERGE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[:100]
        context.update(query=query, people=search_people(query), form=None, lines=None)
        if "kept" in self.request.GET or "duplicate" in self.request.GET:
            form = MergeForm(self.request.GET)
            context["form"] = form
            if form.is_valid():
                try:
                    context["lines"] = describe_merge(
                        form.cleaned_data["kept"], duplicate=form.cleaned_data["duplicate"]
                    )
                except MergeError as error:
                    form.add_error(None, error.message)
        return context

    def post(self, request):
        form = MergeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies wie je behoudt en wie je samenvoegt."))
            return redirect(reverse("merge_people"))
        kept, duplicate = form.cleaned_data["kept"], form.cleaned_data["duplicate"]
        try:
            merge_people(kept, duplicate=duplicate, by=request.user)
        except MergeError as error:
            messages.error(request, error.message)
            return redirect(reverse("merge_people") + "?" + urlencode({"kept": kept.pk, "duplicate": duplicate.pk}))
        messages.success(
            request,
            _("%(duplicate)s is samengevoegd in %(kept)s.")
            % {"duplicate": duplicate.get_full_name() or duplicate.email, "kept": kept.get_full_name() or kept.email},
        )
        return redirect(reverse("merge_people") + "?" + urlencode({"q": kept.get_full_name() or kept.email}))
