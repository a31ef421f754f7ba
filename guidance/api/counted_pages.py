"""A page of a list and the number of rows in the whole list, read in one query.

A page used to take two queries running the same filters, a COUNT and the page's SELECT;
with the filters across relations each was 30 to 45 ms at scale (issue 17). The database
finds every matching row for either (to sort them before the LIMIT), so the page's
SELECT also counts them, as a window over the whole result: `COUNT(*) OVER ()`.

A page past the last has no row to carry the count, and is a 404 as before. A DISTINCT
query is counted the usual way too: the window would count its rows before DISTINCT takes
out the repeated ones.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

from guidance.api.pagination import InventoryPagination

TOTAL = "_rows_in_list"
LARGEST_OFFSET = 2**63 - 1


class WindowCountPaginator(Paginator):
    def page(self, number):
        rows = self.object_list
        if self.orphans or not hasattr(rows, "query") or rows.query.distinct:
            return super().page(number)
        number = self.validate_number_format(number)
        bottom = (number - 1) * self.per_page
        found = list(rows.annotate(**{TOTAL: Window(Count("*"))})[bottom : bottom + self.per_page])
        if found:
            self.count = getattr(found[0], TOTAL)
        elif number == 1 and self.allow_empty_first_page:
            self.count = 0
        else:
            raise EmptyPage(self.error_messages["no_results"])
        return self._get_page(found, number, self)

    def validate_number_format(self, number):
        """`number` as a whole number from 1, checked as Paginator does, without counting."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number * self.per_page > LARGEST_OFFSET:
            raise EmptyPage(self.error_messages["no_results"])
        return number


class OneQueryPagination(InventoryPagination):
    """InventoryPagination whose pages count their list in the same query."""

    django_paginator_class = WindowCountPaginator
