"""Query parameters are checked strictly: a bad value or an unknown name is a 400 naming it."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from guidance.query.validation import (
    STANDARD_PARAMS,
    blank_params,
    repeated_params,
    unknown_params,
    validate_params,
)


class StrictFilterBackend(DjangoFilterBackend):
    """The view's FilterSet on lists; elsewhere only the standard parameters are allowed."""

    def filter_queryset(self, request, queryset, view):
        allowed = STANDARD_PARAMS | set(getattr(view, "extra_params", ()))
        filterset_class = self.get_filterset_class(view, queryset)
        if getattr(view, "action", None) != "list" or filterset_class is None:
            errors = unknown_params(request.query_params, allowed)
            errors.update(repeated_params(request.query_params))
            errors.update(blank_params(request.query_params))
            if errors:
                raise ValidationError(errors)
            return queryset
        filterset, errors = validate_params(
            filterset_class, request.query_params, queryset, request=request, allowed=allowed
        )
        errors.update(blank_params(request.query_params))
        if errors:
            raise ValidationError(errors)
        return filterset.qs
