"""Read bank statements, CODA or a bank's CSV export, into transactions; every broken line
is reported with its number, and a file with any broken line yields no transaction at all."""

import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from coda.parser import CodaParserException, Parser
from coda.statement import AmountSign, Statement

from django.utils.translation import gettext as _

from payments.exceptions import StatementError
from payments.references import find_reference


@dataclass
class ParsedTransaction:
    booked_on: date
    amount: Decimal
    communication: str
    payer_name: str
    payer_account: str
    # What identifies the transfer in the bank's file, hashed into the checksum.
    identity: tuple
    checksum: str = ""

    @property
    def reference(self):
        return find_reference(self.communication)


def _with_checksums(transactions):
    """Give each transaction its checksum; identical lines in one file are told apart by
    their rank among themselves, so a second import of the file meets the same checksums."""
    seen = Counter()
    for transaction in transactions:
        seen[transaction.identity] += 1
        key = "\x1f".join(str(part) for part in (*transaction.identity, seen[transaction.identity]))
        transaction.checksum = hashlib.sha256(key.encode()).hexdigest()
    return transactions


def _fail(errors):
    raise StatementError(
        _("Het bestand is niet ingelezen: %(count)s regel(s) konden niet gelezen worden. Niets ervan is opgeslagen.")
        % {"count": len(errors)},
        lines=errors,
    )


def read_coda(content: bytes) -> list[ParsedTransaction]:
    """Read the incoming transfers of a CODA file (any statements in it). Raise StatementError."""
    try:
        text = content.decode("windows-1252")
    except UnicodeDecodeError:
        _fail([(0, _("Dit is geen CODA-bestand."))])
    parser = Parser()
    if not parser.is_valid_coda(text):
        _fail([(1, _("Dit is geen CODA-bestand: de eerste regel moet met 0000 beginnen."))])
    handlers = {
        "1": parser._parseHeaderDetails,
        "2": parser._parseMovementRecord,
        "3": parser._parseInformationRecord,
        "4": parser.parseFreeCommunication,
        "8": parser._parseNewBalanceRecord,
    }
    statements, errors, statement, broken_record = [], [], None, None
    # Line by line, as pycoda's Parser.parse() does, so a broken line is named by its number.
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        if not line.strip() or line[0] == "9":
            continue
        # The continuation lines (22, 23; 32, 33) of a broken record are not errors of their own.
        if broken_record and line[0] == broken_record and line[1:2] in ("2", "3"):
            continue
        broken_record = None
        try:
            if line[0] == "0":
                statement = Statement()
                parser._parseHeader(line, statement)
                statements.append(statement)
            elif line[0] in handlers and statement is not None:
                handlers[line[0]](line, statement)
            else:
                errors.append((number, _("Onbekende regel (soort %(kind)s).") % {"kind": line[0]}))
        except (CodaParserException, ValueError, IndexError, TypeError) as error:
            errors.append((number, _("Deze regel kon niet gelezen worden: %(error)s") % {"error": error}))
            broken_record = line[0] if line[1:2] == "1" else None
    if errors:
        _fail(errors)
    transactions = []
    for statement in statements:
        for movement in statement.movements:
            if movement.transaction_amount_sign != AmountSign.CREDIT:
                continue
            transactions.append(
                ParsedTransaction(
                    booked_on=datetime.strptime(movement.transaction_date, "%Y-%m-%d").date(),
                    amount=Decimal(str(movement.transaction_amount)).quantize(Decimal("0.01")),
                    communication=(movement.communication or "")[:255],
                    payer_name=(movement.counterparty_name or "")[:140],
                    payer_account=(movement.counterparty_number or "")[:42],
                    identity=(
                        "coda",
                        statement.acc_number,
                        movement.transaction_ref,
                        movement.transaction_date,
                        movement.ref,
                        movement.transaction_amount,
                    ),
                )
            )
    return _with_checksums(transactions)


def _amount(text):
    text = text.strip().replace("€", "").replace(" ", "")
    if "," in text:
        # 1.234,56 as Belgian banks write it.
        text = text.replace(".", "").replace(",", ".")
    return Decimal(text).quantize(Decimal("0.01"))


def read_csv(content: bytes, *, mapping) -> list[ParsedTransaction]:
    """Read the incoming transfers of a bank's CSV export, its columns named by the payment
    settings (mapping). Raise StatementError, naming every broken line."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("windows-1252")
    reader = csv.DictReader(io.StringIO(text), delimiter=mapping.csv_delimiter or ";")
    columns = {
        "date": mapping.csv_date_column,
        "amount": mapping.csv_amount_column,
        "communication": mapping.csv_communication_column,
        "name": mapping.csv_name_column,
        "account": mapping.csv_account_column,
    }
    header = reader.fieldnames or []
    missing = [
        column for key, column in columns.items() if key in ("date", "amount", "communication") and column not in header
    ]
    if missing:
        _fail([(1, _("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)})])
    transactions, errors = [], []
    for row in reader:
        number = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        try:
            booked_on = datetime.strptime((row[columns["date"]] or "").strip(), mapping.csv_date_format).date()
        except (ValueError, TypeError):
            errors.append((number, _("De datum “%(value)s” is geen datum.") % {"value": row[columns["date"]]}))
            continue
        try:
            amount = _amount(row[columns["amount"]] or "")
        except (InvalidOperation, ValueError):
            errors.append((number, _("Het bedrag “%(value)s” is geen bedrag.") % {"value": row[columns["amount"]]}))
            continue
        if amount <= 0:
            continue
        communication = (row[columns["communication"]] or "").strip()[:255]
        name = (row.get(columns["name"]) or "").strip()[:140]
        account = (row.get(columns["account"]) or "").replace(" ", "")[:42]
        transactions.append(
            ParsedTransaction(
                booked_on=booked_on,
                amount=amount,
                communication=communication,
                payer_name=name,
                payer_account=account,
                identity=("csv", booked_on.isoformat(), str(amount), communication, name, account),
            )
        )
    if errors:
        _fail(errors)
    return _with_checksums(transactions)
