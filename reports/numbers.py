"""How a figure is written: Dutch decimal comma, one decimal where a figure has decimals."""

from django.utils.formats import number_format

MISSING = "–"


def format_figure(value, column, *, missing=MISSING):
    """Write the value for people (a table cell, a CSV field): `72,5` for 72.5, the missing mark for None."""
    if value is None:
        return missing
    if column.decimals:
        return number_format(value, decimal_pos=column.decimals, use_l10n=True, force_grouping=False)
    return str(int(value))
