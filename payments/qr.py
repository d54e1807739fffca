"""The EPC QR code (the European Payments Council's "SEPA credit transfer" code) that a
banking app scans to fill in the transfer: account, amount and structured communication."""

from io import BytesIO

from segno import helpers

from payments.models import Payment
from payments.services import BankAccount


def epc_qr(payment: Payment, account: BankAccount):
    return helpers.make_epc_qr(
        name=(account.holder or "Academie")[:70],
        iban=account.iban,
        amount=payment.balance,
        bic=account.bic,
        reference=payment.formatted_reference,
    )


def epc_qr_svg(payment: Payment, account: BankAccount) -> str:
    """The code as inline SVG, large enough to scan from a phone's screen."""
    return epc_qr(payment, account).svg_inline(scale=4, title="EPC QR-code")


def epc_qr_png(payment: Payment, account: BankAccount) -> bytes:
    out = BytesIO()
    epc_qr(payment, account).save(out, kind="png", scale=5)
    return out.getvalue()
