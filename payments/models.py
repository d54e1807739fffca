"""Payments of paid editions by bank transfer, and the bank statements that pay them."""

from decimal import Decimal

from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from academy.private_storage import private_storage
from payments.references import format_reference

ZERO = Decimal("0.00")


def validate_iban(value):
    try:
        IBAN(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("Dit is geen geldig IBAN-rekeningnummer (%(error)s). Kijk het na, bijvoorbeeld BE68 5390 0754 7034."),
            params={"error": error},
        ) from error


def validate_bic(value):
    try:
        BIC(value)
    except SchwiftyException as error:
        raise ValidationError(
            _("Dit is geen geldige BIC (%(error)s). Een BIC heeft 8 of 11 tekens, bijvoorbeeld GKCCBEBB."),
            params={"error": error},
        ) from error


@register_setting(icon="form")
class PaymentSettings(BaseSiteSetting):
    """Where participants pay to, when, and how a bank's CSV export reads."""

    account_holder = models.CharField(_("naam van de rekeninghouder"), max_length=70, blank=True)
    iban = models.CharField(_("IBAN"), max_length=42, blank=True, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    payment_days = models.PositiveSmallIntegerField(
        _("betaaltermijn (dagen na de inschrijving)"),
        default=14,
        help_text=_("Nooit later dan het begin van de editie."),
    )
    reminder_days = models.PositiveSmallIntegerField(_("herinnering (dagen voor het einde van de termijn)"), default=3)
    payer_details_days = models.PositiveSmallIntegerField(
        _("naam en rekening van betalers bewaren (dagen)"),
        default=90,
        help_text=_("Daarna wist clear_payer_details ze, behalve bij een terugbetaling die nog open staat."),
    )
    csv_delimiter = models.CharField(_("scheidingsteken"), max_length=1, default=";")
    csv_date_column = models.CharField(_("kolom datum"), max_length=60, default="Datum")
    csv_date_format = models.CharField(
        _("datumformaat"), max_length=20, default="%d/%m/%Y", help_text=_("Bijvoorbeeld %d/%m/%Y of %Y-%m-%d.")
    )
    csv_amount_column = models.CharField(_("kolom bedrag"), max_length=60, default="Bedrag")
    csv_communication_column = models.CharField(_("kolom mededeling"), max_length=60, default="Mededeling")
    csv_name_column = models.CharField(_("kolom naam tegenpartij"), max_length=60, default="Naam tegenpartij")
    csv_account_column = models.CharField(
        _("kolom rekening tegenpartij"), max_length=60, default="Rekening tegenpartij"
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("account_holder"), FieldPanel("iban"), FieldPanel("bic")], heading=_("Rekening van de academie")
        ),
        MultiFieldPanel(
            [FieldPanel("payment_days"), FieldPanel("reminder_days"), FieldPanel("payer_details_days")],
            heading=_("Termijnen"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("csv_delimiter"),
                FieldPanel("csv_date_column"),
                FieldPanel("csv_date_format"),
                FieldPanel("csv_amount_column"),
                FieldPanel("csv_communication_column"),
                FieldPanel("csv_name_column"),
                FieldPanel("csv_account_column"),
            ],
            heading=_("CSV-uittreksels van de bank"),
        ),
    ]

    class Meta:
        verbose_name = _("betalingen")

    def clean(self):
        super().clean()
        # Stored as printed (BE68 5390 0754 7034 and BE68539007547034 are one account).
        if self.iban:
            self.iban = IBAN(self.iban, allow_invalid=True).compact
        if self.bic:
            self.bic = self.bic.replace(" ", "").upper()


class Payment(models.Model):
    """What one enrolment in a paid edition owes, and what came in for it."""

    class Rate(models.TextChoices):
        STANDARD = "standaard", _("Standaardprijs")
        REDUCED = "kansentarief", _("Kansentarief")
        VOLUNTEER = "vrijwilliger", _("Vrijwilliger bij een partnerorganisatie")

    class Status(models.TextChoices):
        NOT_DUE = "nog_niet", _("Nog niet te betalen (wachtlijst)")
        OPEN = "open", _("Open")
        PARTLY_PAID = "deels", _("Deels betaald")
        PAID = "betaald", _("Betaald")
        FREE = "gratis", _("Gratis")
        WAIVED = "kwijtgescholden", _("Kwijtgescholden")
        CANCELLED = "vervallen", _("Vervallen")
        REFUND_DUE = "terug_te_betalen", _("Terug te betalen")
        REFUNDED = "terugbetaald", _("Terugbetaald")

    enrolment = models.OneToOneField(
        "enrolment.Enrolment", verbose_name=_("inschrijving"), on_delete=models.PROTECT, related_name="payment"
    )
    rate = models.CharField(_("tarief"), max_length=20, choices=Rate.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_DUE)
    amount_due = models.DecimalField(_("te betalen"), max_digits=9, decimal_places=2, default=ZERO)
    amount_paid = models.DecimalField(_("betaald"), max_digits=9, decimal_places=2, default=ZERO)
    # Twelve digits; set when the seat is taken (a waitlist place owes nothing yet).
    reference = models.CharField(_("gestructureerde mededeling"), max_length=12, null=True, blank=True, unique=True)
    due_on = models.DateField(_("te betalen tegen"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("herinnering verstuurd op"), null=True, blank=True)
    waived_at = models.DateTimeField(_("kwijtgescholden op"), null=True, blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    waived_reason = models.TextField(_("reden van kwijtschelding"), blank=True)
    cancelled_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)
    refund_due = models.DecimalField(_("terug te betalen"), max_digits=9, decimal_places=2, default=ZERO)
    refunded = models.DecimalField(_("terugbetaald"), max_digits=9, decimal_places=2, default=ZERO)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        permissions = [
            ("waive_payment", _("Kan betalingen kwijtschelden")),
            ("import_statement", _("Kan rekeninguittreksels inlezen en betalingen met de hand koppelen")),
            ("refund_payment", _("Kan terugbetalingen toekennen en exporteren, en ziet rekeningen van betalers")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_due__gte=0, amount_paid__gte=0, refund_due__gte=0, refunded__gte=0),
                name="payment_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(waived_at__isnull=True) | ~Q(waived_reason=""),
                name="payment_waived_with_a_reason",
                violation_error_message=_("Geef een reden op voor de kwijtschelding."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="payment_status_due_idx")]

    def __str__(self):
        return f"{self.enrolment} ({self.get_status_display()})"

    @property
    def formatted_reference(self):
        return format_reference(self.reference) if self.reference else ""

    @property
    def balance(self):
        """What is still to pay (negative: paid too much)."""
        return self.amount_due - self.amount_paid


class BankStatement(models.Model):
    """One imported file: a CODA statement or a bank's CSV export."""

    class Kind(models.TextChoices):
        CODA = "coda", _("CODA")
        CSV = "csv", _("CSV")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    file_name = models.CharField(_("bestand"), max_length=255)
    imported_at = models.DateTimeField(_("ingelezen op"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("door")
    )
    transaction_count = models.PositiveIntegerField(_("transacties in het bestand"), default=0)
    new_count = models.PositiveIntegerField(_("nieuwe transacties"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("rekeninguittreksel")
        verbose_name_plural = _("rekeninguittreksels")

    def __str__(self):
        return self.file_name


class BankTransaction(models.Model):
    """One incoming transfer, kept once whatever the number of imports (its checksum)."""

    class State(models.TextChoices):
        MATCHED = "gekoppeld", _("Gekoppeld")
        UNMATCHED = "onbekend", _("Niet gekoppeld")
        IGNORED = "genegeerd", _("Genegeerd")

    statement = models.ForeignKey(
        BankStatement, verbose_name=_("uittreksel"), on_delete=models.PROTECT, related_name="transactions"
    )
    # A hash of what identifies the transfer in the bank's file: the same transfer imported
    # twice (the same file, or an overlapping one) meets this unique constraint.
    checksum = models.CharField(_("controlegetal"), max_length=64, unique=True)
    booked_on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), max_digits=11, decimal_places=2)
    communication = models.CharField(_("mededeling"), max_length=255, blank=True)
    reference = models.CharField(_("gestructureerde mededeling"), max_length=12, blank=True, db_index=True)
    payer_name = models.CharField(_("naam betaler"), max_length=140, blank=True)
    payer_account = models.CharField(_("rekening betaler"), max_length=42, blank=True)
    payer_details_cleared_at = models.DateTimeField(_("gegevens betaler gewist op"), null=True, blank=True)
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("betaling"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transactions",
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leeg wanneer de mededeling de betaling vond."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-booked_on", "-pk"]
        verbose_name = _("banktransactie")
        verbose_name_plural = _("banktransacties")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="gekoppeld", payment__isnull=False)
                | (~Q(state="gekoppeld") & Q(payment__isnull=True)),
                name="transaction_matched_has_a_payment",
            )
        ]

    def __str__(self):
        return f"{self.booked_on} € {self.amount} {self.communication}"


def normalise_vat_number(value: str) -> str:
    """A European VAT number as stored and printed: country code and digits, no spaces or
    dots (BE 0123.456.789 becomes BE0123456789). Raise ValidationError for a bad number."""
    from stdnum.eu import vat
    from stdnum.exceptions import ValidationError as NumberError

    try:
        return vat.validate(value)
    except NumberError as error:
        raise ValidationError(
            _("Dit is geen geldig btw-nummer. Begin met de landcode, bijvoorbeeld BE0123456789."),
            code="invalid_vat",
        ) from error


class InvoiceDetails(models.Model):
    """Who an invoice for a paid enrolment is made out to: the employer, mostly."""

    payment = models.OneToOneField(
        Payment, verbose_name=_("betaling"), on_delete=models.CASCADE, related_name="invoice_details"
    )
    organisation = models.CharField(_("naam van de organisatie"), max_length=200)
    vat_number = models.CharField(
        _("btw-nummer"),
        max_length=20,
        blank=True,
        validators=[normalise_vat_number],
        help_text=_("Met landcode, bijvoorbeeld BE0123456789."),
    )
    address = models.TextField(_("adres"), max_length=500)
    order_reference = models.CharField(_("bestelbonnummer of referentie"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("factuurgegevens")
        verbose_name_plural = _("factuurgegevens")

    def __str__(self):
        return self.organisation


class InvoiceCounter(models.Model):
    """The last number given in a year: locked while the next invoice takes its number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Invoice(models.Model):
    """An invoice or a credit note: one gapless series per year for both kinds."""

    class Kind(models.TextChoices):
        INVOICE = "factuur", _("Factuur")
        CREDIT_NOTE = "creditnota", _("Creditnota")

    payment = models.ForeignKey(Payment, verbose_name=_("betaling"), on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    number = models.PositiveIntegerField(_("nummer"))
    credits = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_note",
        verbose_name=_("crediteert"),
    )
    issued_on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), max_digits=9, decimal_places=2)
    # What the document shows, kept as it was when it was numbered.
    organisation = models.CharField(_("naam van de organisatie"), max_length=200)
    vat_number = models.CharField(_("btw-nummer"), max_length=20, blank=True)
    address = models.TextField(_("adres"))
    order_reference = models.CharField(_("bestelbonnummer of referentie"), max_length=100, blank=True)
    pdf = models.FileField(_("pdf"), upload_to="invoices/", storage=private_storage, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("factuur")
        verbose_name_plural = _("facturen")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="invoice_number_unique_per_year"),
            models.UniqueConstraint(fields=["payment"], condition=Q(kind="factuur"), name="invoice_one_per_payment"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code}"

    @property
    def code(self):
        return f"{self.year}-{self.number:04d}"
