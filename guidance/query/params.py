"""Whole numbers in query strings, read alike by the API, its filters and the pages.

Python's int() reads far more than our links and forms ever write: digits of other
scripts ("٣" is 3), signs, spaces and underscores ("+2_020 "), and Django's IntegerField
also drops a trailing ".0". A parameter such as `page`, `page_size`, a year or
`collection` takes ASCII digits only, so that one number has one spelling; anything else
is a 400 naming the parameter.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

WHOLE_NUMBER = re.compile(r"-?[0-9]+")
NOT_A_WHOLE_NUMBER = _("Give a whole number, in the digits 0 to 9.")


def whole_number(text):
    """The integer written in `text` (an optional minus, ASCII digits), else None."""
    if isinstance(text, int):
        return text
    if not isinstance(text, str) or not WHOLE_NUMBER.fullmatch(text):
        return None
    try:
        return int(text)
    except ValueError:  # beyond Python's limit on the length of an integer string
        return None


class WholeNumberField(forms.IntegerField):
    default_error_messages = {"invalid": NOT_A_WHOLE_NUMBER}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = whole_number(value)
        if number is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class YearChoiceField(forms.ModelChoiceField):
    """A row named by its year, such as a collection: ASCII digits, then the lookup."""

    def to_python(self, value):
        if value not in self.empty_values and whole_number(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def split_values(params, name):
    """All values of a parameter, whether repeated or comma-separated, without blanks."""
    values = []
    for raw in params.getlist(name) if hasattr(params, "getlist") else [params.get(name, "")]:
        values.extend(part.strip() for part in str(raw).split(","))
    return [value for value in values if value]
