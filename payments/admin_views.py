"""The staff's payment pages in the Wagtail admin: payments, importing a statement, the
transfers to match by hand, refunds. Each checks its rule (roles.rules) and calls one service."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from academy.admin_pages import AdminPageMixin
from academy.errors import ServiceError
from payments import services
from payments.exceptions import StatementError
from payments.forms import ImportStatementForm, InvoiceDetailsForm, MatchForm, ReasonForm, RefundForm
from payments.models import BankTransaction, Invoice, Payment
from payments.selectors import list_partial_or_excess_payments, list_refunds_due, list_unsettled_transactions
from payments.views import invoice_response
from roles import rules

MAX_ROWS = 200


class RuleRequiredMixin:
    rule = None

    def dispatch(self, request, *args, **kwargs):
        if not type(self).rule(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PaymentListView(RuleRequiredMixin, AdminPageMixin, TemplateView):
    rule = staticmethod(rules.may_view_payments)
    template_name = "payments/admin/payment_list.html"
    page_title = gettext_lazy("Betalingen")
    header_icon = "form"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", "")
        payments = (
            Payment.objects.select_related("enrolment__person", "enrolment__edition__course")
            .prefetch_related("invoices")
            .order_by("-created_at", "-pk")
        )
        if status in Payment.Status.values:
            payments = payments.filter(status=status)
        context.update(
            payments=payments[:MAX_ROWS],
            statuses=Payment.Status.choices,
            status=status,
            may_import=rules.may_import_statements(self.request.user),
            may_waive=rules.may_waive_payments(self.request.user),
            may_refund=rules.may_refund_payments(self.request.user),
            may_invoice=rules.may_invoice_payments(self.request.user),
        )
        return context


class ImportStatementView(RuleRequiredMixin, AdminPageMixin, FormView):
    rule = staticmethod(rules.may_import_statements)
    template_name = "payments/admin/import.html"
    form_class = ImportStatementForm
    page_title = gettext_lazy("Rekeninguittreksel inlezen")
    header_icon = "upload"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = services.import_statement(
                upload.read(), file_name=upload.name, kind=form.cleaned_data["kind"], by=self.request.user
            )
        except StatementError as error:
            messages.error(self.request, error.message)
            return self.render_to_response(self.get_context_data(form=form, broken_lines=error.lines))
        except ServiceError as error:
            messages.error(self.request, error.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            self.request,
            _(
                "Ingelezen: %(new)s nieuwe transactie(s), %(matched)s gekoppeld aan een betaling, "
                "%(unmatched)s te bekijken, %(duplicates)s al eerder ingelezen."
            )
            % {
                "new": result.new,
                "matched": result.matched,
                "unmatched": result.unmatched,
                "duplicates": result.duplicates,
            },
        )
        return redirect("payments_to_match")


class ToMatchView(RuleRequiredMixin, AdminPageMixin, TemplateView):
    rule = staticmethod(rules.may_import_statements)
    template_name = "payments/admin/to_match.html"
    page_title = gettext_lazy("Te verwerken betalingen")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            transactions=list_unsettled_transactions()[:MAX_ROWS],
            payments=list_partial_or_excess_payments()[:MAX_ROWS],
        )
        return context


class ActionView(RuleRequiredMixin, AdminPageMixin, FormView):
    """A staff action on one payment or transfer: a form, one service, its error shown."""

    template_name = "payments/admin/action_form.html"
    success_url_name = "payments_index"

    def get_object(self, pk):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object(kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            self.perform(form)
        except ServiceError as error:
            messages.error(self.request, error.message)
            return self.form_invalid(form)
        return redirect(self.success_url_name)


class TransactionActionView(ActionView):
    rule = staticmethod(rules.may_import_statements)
    success_url_name = "payments_to_match"

    def get_object(self, pk):
        return get_object_or_404(BankTransaction, pk=pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(transaction_row=self.object, **kwargs)


class MatchTransactionView(TransactionActionView):
    form_class = MatchForm
    page_title = gettext_lazy("Transactie koppelen")

    def perform(self, form):
        services.match_transaction(self.object, payment=form.cleaned_data["payment"], by=self.request.user)
        messages.success(self.request, _("De transactie is gekoppeld."))


class IgnoreTransactionView(TransactionActionView):
    form_class = ReasonForm
    page_title = gettext_lazy("Transactie negeren")

    def perform(self, form):
        services.ignore_transaction(self.object, reason=form.cleaned_data["reason"], by=self.request.user)
        messages.success(self.request, _("De transactie staat opzij."))


class PaymentActionView(ActionView):
    def get_object(self, pk):
        return get_object_or_404(
            Payment.objects.select_related("enrolment__person", "enrolment__edition__course"), pk=pk
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(payment=self.object, **kwargs)


class WaivePaymentView(PaymentActionView):
    rule = staticmethod(rules.may_waive_payments)
    form_class = ReasonForm
    page_title = gettext_lazy("Betaling kwijtschelden")

    def perform(self, form):
        services.waive_payment(self.object, reason=form.cleaned_data["reason"], by=self.request.user)
        messages.success(self.request, _("De betaling is kwijtgescholden."))


class GrantRefundView(PaymentActionView):
    rule = staticmethod(rules.may_refund_payments)
    form_class = RefundForm
    page_title = gettext_lazy("Terugbetaling toekennen")

    def perform(self, form):
        services.grant_refund(
            self.object, amount=form.cleaned_data["amount"], reason=form.cleaned_data["reason"], by=self.request.user
        )
        messages.success(self.request, _("De terugbetaling staat klaar voor de export."))


class InvoiceDetailsView(PaymentActionView):
    rule = staticmethod(rules.may_invoice_payments)
    form_class = InvoiceDetailsForm
    page_title = gettext_lazy("Factuur maken")

    def perform(self, form):
        services.save_invoice_details(self.object, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("De factuur is genummerd; de pdf wordt gemaakt."))


def download_invoice(request, pk):
    """An invoice or credit note's PDF for payment staff."""
    invoice = get_object_or_404(Invoice.objects.select_related("payment__enrolment"), pk=pk)
    if not rules.may_download_invoice(request.user, invoice):
        raise PermissionDenied
    return invoice_response(invoice)


class RefundListView(RuleRequiredMixin, AdminPageMixin, TemplateView):
    rule = staticmethod(rules.may_refund_payments)
    template_name = "payments/admin/refunds.html"
    page_title = gettext_lazy("Terugbetalingen")
    header_icon = "undo"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        refunds = list(list_refunds_due())
        for payment in refunds:
            payment.payer_account = services.refund_account_of(payment)
        context["refunds"] = refunds
        return context

    def post(self, request):
        try:
            content = services.export_refunds(list(list_refunds_due()), by=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("payments_refunds")
        response = HttpResponse(content, content_type="application/xml")
        name = f"terugbetalingen-{timezone.localdate():%Y-%m-%d}.xml"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
