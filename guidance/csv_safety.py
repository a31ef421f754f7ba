"""The one formula guard: every CSV the project writes goes through `writer`.

Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula, and some drop
a leading tab or carriage return first (OWASP, "CSV Injection"); a formula can fetch a URL
with the sheet's contents or show a forged link. Such a cell gets a leading apostrophe,
which spreadsheets read as "this is text" and do not show.

Leading whitespace is looked through (" =1" is defused too): spreadsheets that trim cells
on import would otherwise read the formula behind it.

Only text is changed. Numbers written as numbers (a year, a count, -5) cannot run and
stay numbers; text that reads "-5" does get the apostrophe, because text cannot be told
from "-2+3" without parsing it as a formula. Empty cells stay empty.
"""

import csv
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@")
DROPPED_BEFORE_A_FORMULA = ("\t", "\r")


def defuse_formula(cell):
    """The cell as written to a CSV: text that starts like a formula behind an apostrophe."""
    if cell is None or isinstance(cell, (int, float, Decimal)):
        return cell
    text = str(cell)
    if text.startswith(DROPPED_BEFORE_A_FORMULA) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


class FormulaSafeWriter:
    """A csv.writer whose every cell goes through defuse_formula."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow([defuse_formula(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def writer(stream, **options):
    """Like csv.writer(stream, **options), with every cell defused."""
    return FormulaSafeWriter(stream, **options)
