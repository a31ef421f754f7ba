"""The source picker of section entries and indicator values.

It offers the record's own country's sources first and names each source's country, so
that an expert writing about Italy finds Italy's sources at the top and can tell them
from a German report of the same title. Which sources may be chosen is still decided by
permissions.py (the field's queryset) and the sources' `limit_choices_to` (never a revision).
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Prefetch, Value, When
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from guidance.admin.base import KnownChoicesMixin
from guidance.models import Source

COUNTRY_PARAM = "country"
URL_NAME = "guidance_source_autocomplete"


def source_label(source):
    """The source named with its country: "Title (Publisher, 2021) — Italy".

    A European source, or one tied to no country, ends in "— Europe/none".
    """
    country = source.country.name if source.country_id else _("Europe/none")
    return f"{source} — {country}"


def own_country_first(queryset, code):
    """Sources of the country with `code` first, then the rest, each part by title."""
    return queryset.annotate(
        other_country=Case(When(country__code=code, then=Value(0)), default=Value(1))
    ).order_by("other_country", *Source._meta.ordering, "pk")


class SourceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, source):
        return source_label(source)


class SourcePicker(KnownChoicesMixin, AutocompleteSelectMultiple):
    """The autocomplete box, asking our source endpoint with the record's country.

    `country_code` is set per page (the record's country); the sources an entry holds
    are prefetched with it (SourcePickerInlineMixin.get_queryset) and shown without a query.
    """

    url_name = f"%s:{URL_NAME}"
    country_code = None

    def get_url(self):
        url = super().get_url()
        if not self.country_code:
            return url
        return f"{url}?{urlencode({COUNTRY_PARAM: self.country_code})}"

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = _("Type to search")
        return attrs


class SourcePickerMixin:
    """Admins whose `sources` use the picker, its labels naming countries."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is Source:
            kwargs["widget"] = SourcePicker(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs["form_class"] = SourceChoiceField
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Source:
            field.queryset = field.queryset.select_related("country")
        return field


class SourcePickerPageMixin(SourcePickerMixin):
    """A section entry's or indicator value's own page, the picker aimed at its record."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        aim_picker(form, obj.system if obj is not None else None)
        return form


class SourcePickerInlineMixin(SourcePickerMixin):
    """Inlines of a record whose `sources` use the picker, their chosen sources prefetched."""

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("sources", Source.objects.select_related("country")))
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        aim_picker(formset.form, obj)
        return formset


def aim_picker(form_class, record):
    """Have the form's picker ask with `record`'s country (the form class is per request)."""
    field = form_class.base_fields.get("sources")
    if field is not None and record is not None:
        picker(field).country_code = record.country.code


def picker(field):
    """The SourcePicker inside the admin's related-field wrapper."""
    return getattr(field.widget, "widget", field.widget)


class SourceAutocompleteView(AutocompleteJsonView):
    """Django's autocomplete answer for source fields, each source named with its country."""

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if model_admin.model is not Source:
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name

    def get_queryset(self):
        return super().get_queryset().select_related("country")

    def serialize_result(self, obj, to_field_name):
        return {**super().serialize_result(obj, to_field_name), "text": source_label(obj)}
