"""Pages with count, next and previous; `page_size` up to settings.API_MAX_PAGE_SIZE.

`page` and `page_size` are whole numbers in ASCII digits (guidance/query/params.py); anything
else is a 400 naming the parameter. A page below the first or past the last is a 404.
"""

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from guidance.query.params import NOT_A_WHOLE_NUMBER, whole_number


class InventoryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        """A bad `page_size` is an error, not silently the default."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = whole_number(raw)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"Give a whole number from 1 to {self.max_page_size}."]}
            )
        return size

    def get_page_number(self, request, paginator):
        raw = request.query_params.get(self.page_query_param)
        if raw is None:
            return 1
        number = whole_number(raw)
        if number is None:
            raise ValidationError({self.page_query_param: [NOT_A_WHOLE_NUMBER]})
        return number
