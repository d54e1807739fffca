"""The roll call in the Wagtail admin: a list of sessions and the same form as on the site.

Whoever may not take a session's roll call on the site gets a 404 here as well.
"""

from django_ratelimit.decorators import ratelimit

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from academy.admin_pages import AdminPageMixin
from attendance import selectors
from attendance.forms import RollCallForm, SessionFilterForm
from attendance.views import (
    ROLL_CALL_GROUP,
    ROLL_CALL_RATE,
    get_check_in_context,
    get_roll_call_session,
    save_roll_call,
)

SESSIONS_PER_PAGE = 50


class SessionListView(AdminPageMixin, TemplateView):
    template_name = "attendance/admin/session_list.html"
    page_title = gettext_lazy("Aanwezigheden")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = SessionFilterForm(self.request.GET or None, editions=selectors.list_editions_for_roll_call(user))
        sessions = selectors.list_sessions_for_admin(user, **form.get_filters())
        context.update(
            filter_form=form,
            page_obj=Paginator(sessions, SESSIONS_PER_PAGE).get_page(self.request.GET.get("p")),
            query=self.request.GET.copy(),
        )
        return context


class AdminRollCallView(AdminPageMixin, FormView):
    template_name = "attendance/admin/roll_call.html"
    page_title = gettext_lazy("Aanwezigheden noteren")
    header_icon = "tasks"

    @method_decorator(ratelimit(key="user", group=ROLL_CALL_GROUP, rate=ROLL_CALL_RATE, method="POST", block=False))
    def dispatch(self, request, *args, **kwargs):
        self.session = get_roll_call_session(request.user, kwargs["session_id"])
        if request.method == "POST" and request.limited:
            return render(request, "429.html", status=429)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return f"{self.session.edition} – {self.session}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("attendance_admin_sessions"), "label": _("Aanwezigheden")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_form(self, form_class=None):
        return RollCallForm(selectors.get_roll_call(self.session), **self.get_form_kwargs())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(session=self.session, **get_check_in_context(self.request, self.session))
        return context

    def form_valid(self, form):
        if not save_roll_call(self.request, self.session, form):
            return self.form_invalid(form)
        return redirect("attendance_admin_roll_call", session_id=self.session.pk)

    def form_invalid(self, form):
        if form.errors:
            messages.error(self.request, _("Er is iets niet in orde. Verbeter wat hieronder gemarkeerd is."))
        return super().form_invalid(form)
