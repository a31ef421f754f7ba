"""Text fields hold only what their readers and the files written from them expect.

A single-line field (every CharField, URLField, SlugField...) is written as it is into
one line of a RIS or BibTeX citation, a CSV cell, an HTTP header or a log line: a line
break in a record's contributors could add a forged reference with its own title and URL
to the record's citation file. So single-line fields refuse line breaks (\\n, \\r,
U+2028, U+2029, U+0085) and every other control character (C0 including NUL and tab, DEL,
C1). Markdown texts (TextField) keep their line breaks and tabs but refuse the other
control characters, which no keyboard types and some readers choke on.

The rule runs in `clean_fields`, so the admin forms, the API's writes (which run
`full_clean`) and the fixture loader all enforce it; it is checked here rather than by
validators on each field so that no migration is needed and no field can be missed.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
SINGLE_LINE_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
TEXT_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

ONE_LINE_MESSAGE = _("Write this on one line: it cannot hold a line break.")
CONTROL_MESSAGE = _("Remove the control character U+%(code)04X: it cannot be stored here.")


def single_line_error(value):
    """Why `value` cannot be stored in a single-line field, or None."""
    if LINE_BREAK.search(value):
        return ONE_LINE_MESSAGE
    found = SINGLE_LINE_FORBIDDEN.search(value)
    return CONTROL_MESSAGE % {"code": ord(found.group())} if found else None


def text_error(value):
    """Why `value` cannot be stored in a multi-line text field, or None."""
    found = TEXT_FORBIDDEN.search(value)
    return CONTROL_MESSAGE % {"code": ord(found.group())} if found else None


def stored_text_error(field, value):
    if not isinstance(value, str):
        return None
    if isinstance(field, models.TextField):
        return text_error(value)
    if isinstance(field, models.CharField):
        return single_line_error(value)
    return None


class CleanTextModel(models.Model):
    """A model whose text fields refuse what breaks lines or files (see the module docstring).

    Abstract and without fields, so the models built on it keep their migration state."""

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skipped = set(exclude or ()) | set(errors)
        for field in self._meta.concrete_fields:
            if field.name in skipped:
                continue
            message = stored_text_error(field, getattr(self, field.attname))
            if message:
                errors[field.name] = [ValidationError(message, code="forbidden_character")]
        if errors:
            raise ValidationError(errors)
