"""Every CSV the project writes is written here: one dialect, one encoding, one formula guard.

**Dialect and encoding.** Python's default ("excel") dialect, `\\r\\n` line ends, UTF-8.
Files made for a spreadsheet (the admin's export, /downloads/, the browse pages' downloads)
start with a byte-order mark (`bom=True`), so that Excel reads accents right. The API's CSV
does not, being read by programs; nor does /compare/comparison.csv, which is the API's
comparison CSV byte for byte.

**Formula guard.** Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a
formula, some also one that starts with their full-width forms (U+FF1D, U+FF0B, U+FF0D,
U+FF20, which they normalise), and some drop a leading tab or carriage return first (OWASP,
"CSV Injection"); a formula can fetch a URL with the sheet's contents or show a forged link.
Such a cell gets a leading apostrophe, which spreadsheets read as "this is text" and do not
show. Leading whitespace is looked through (" =1" is defused too): spreadsheets that trim
cells on import would otherwise read the formula behind it.

Only text is changed. Numbers written as numbers (a year, a count, -5) cannot run and
stay numbers; text that reads "-5" does get the apostrophe, because text cannot be told
from "-2+3" without parsing it as a formula. Empty cells stay empty.

No other module imports `csv` to write (tests/test_csv_formula_guard.py checks the source).
"""

import csv
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
DROPPED_BEFORE_A_FORMULA = ("\t", "\r")


def defuse_formula(cell):
    """The cell as written to a CSV: text that starts like a formula behind an apostrophe."""
    if cell is None or isinstance(cell, (int, float, Decimal)):
        return cell
    text = str(cell)
    if text.startswith(DROPPED_BEFORE_A_FORMULA) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_rows(stream, header, rows, *, bom=False):
    """Write `header` (None for none) and `rows` to anything with a `write(str)` method."""
    if bom:
        stream.write(BOM)
    csv.writer(stream).writerows(_defused(header, rows))


def lines(header, rows, *, bom=False):
    """The CSV as a generator of text lines, for streaming (the BOM, if any, comes first)."""
    writer = csv.writer(_Echo())
    if bom:
        yield BOM
    for row in _defused(header, rows):
        yield writer.writerow(row)


def attachment(filename, header, rows, *, bom=True):
    """An HttpResponse holding the whole CSV, downloaded as `filename`."""
    response = HttpResponse(content_type=CONTENT_TYPE)
    _name(response, filename)
    write_rows(response, header, rows, bom=bom)
    return response


def streamed_attachment(filename, header, rows, *, bom=True):
    """A StreamingHttpResponse writing the CSV as `rows` are read: any size fits."""
    response = StreamingHttpResponse(lines(header, rows, bom=bom), content_type=CONTENT_TYPE)
    _name(response, filename)
    return response


def _name(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'


def _defused(header, rows):
    if header is not None:
        yield [defuse_formula(cell) for cell in header]
    for row in rows:
        yield [defuse_formula(cell) for cell in row]


class _Echo:
    """A file-like object whose write returns the text, so a csv.writer yields its lines."""

    def write(self, value):
        return value
