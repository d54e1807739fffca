from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from enrolment import extensions
from payments import admin_views, notifications, services
from payments.models import Payment
from payments.selectors import get_account_or_none, get_payment_instructions, list_payments_of
from roles import rules


@hooks.register(extensions.ENROLMENT_CHANGED)
def keep_payment(enrolment, *, action, by, details):
    services.on_enrolment_changed(enrolment, action=action, by=by, details=details)


@hooks.register(extensions.CONFIRMATION_URL)
def payment_page_after_enrolling(enrolment):
    if Payment.objects.filter(
        enrolment=enrolment, status__in=(Payment.Status.OPEN, Payment.Status.PARTLY_PAID)
    ).exists():
        return reverse("payments:instructions", args=[enrolment.pk])
    return None


@hooks.register(extensions.MAIL_PARTS)
def payment_in_enrolment_mail(enrolment, kind):
    return notifications.enrolment_mail_part(enrolment, kind)


@hooks.register(extensions.DASHBOARD_NOTES)
def payment_in_dashboard(enrolments):
    payments = list_payments_of(enrolments)
    if not payments:
        return {}
    account = get_account_or_none()
    return {
        enrolment_id: render_to_string(
            "payments/includes/dashboard_note.html",
            {"payment": payment, "instructions": get_payment_instructions(payment, account=account)},
        )
        for enrolment_id, payment in payments.items()
    }


class RuleMenuItem(MenuItem):
    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return self.rule(request.user)


@hooks.register("register_admin_urls")
def register_payment_urls():
    return [
        path("betalingen/", admin_views.PaymentListView.as_view(), name="payments_index"),
        path("betalingen/inlezen/", admin_views.ImportStatementView.as_view(), name="payments_import"),
        path("betalingen/te-verwerken/", admin_views.ToMatchView.as_view(), name="payments_to_match"),
        path(
            "betalingen/transacties/<int:pk>/koppelen/",
            admin_views.MatchTransactionView.as_view(),
            name="payments_match",
        ),
        path(
            "betalingen/transacties/<int:pk>/negeren/",
            admin_views.IgnoreTransactionView.as_view(),
            name="payments_ignore",
        ),
        path("betalingen/<int:pk>/kwijtschelden/", admin_views.WaivePaymentView.as_view(), name="payments_waive"),
        path(
            "betalingen/<int:pk>/terugbetalen/",
            admin_views.GrantRefundView.as_view(),
            name="payments_grant_refund",
        ),
        path("betalingen/terugbetalingen/", admin_views.RefundListView.as_view(), name="payments_refunds"),
        path("betalingen/<int:pk>/factuur/", admin_views.InvoiceDetailsView.as_view(), name="payments_invoice"),
        path("betalingen/facturen/<int:pk>/pdf/", admin_views.download_invoice, name="payments_invoice_pdf"),
    ]


@hooks.register("register_admin_menu_item")
def register_payments_menu_item():
    return RuleMenuItem(
        _("Betalingen"), reverse("payments_index"), icon_name="form", order=220, rule=rules.may_view_payments
    )


@hooks.register("register_log_actions")
def register_payment_log_actions(actions):
    for action, label, message in (
        ("academy.payment.due", _("Te betalen"), _("Betaling verschuldigd: bedrag, mededeling en termijn")),
        ("academy.payment.receive", _("Betaling ontvangen"), _("Overschrijving gekoppeld aan de betaling")),
        ("academy.payment.cancel", _("Betaling vervallen"), _("De inschrijving eindigde")),
        ("academy.payment.waive", _("Kwijtgescholden"), _("Betaling kwijtgescholden")),
        ("academy.payment.grant_refund", _("Terugbetaling toegekend"), _("Terugbetaling toegekend door de academie")),
        ("academy.payment.refund", _("Terugbetaald"), _("Terugbetaling geëxporteerd (SEPA)")),
        ("academy.payment.import", _("Uittreksel ingelezen"), _("Rekeninguittreksel ingelezen")),
        ("academy.payment.ignore_transaction", _("Transactie genegeerd"), _("Transactie opzijgezet")),
        ("academy.payment.invoice_details", _("Factuurgegevens"), _("Factuurgegevens ingevuld")),
        ("academy.payment.invoice", _("Factuur"), _("Factuur of creditnota genummerd")),
    ):
        actions.register_action(action, label, message)
