"""The base classes every admin page of the inventory is built on.

Every country-bound admin inherits CountryScopedAdmin, which asks guidance/rules/permissions.py
what the user may see and change; no admin class decides that on its own.
"""

from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from guidance.admin import refusals
from guidance.admin.export import export_as_csv
from guidance.admin.forms import VersionedForm
from guidance.admin.history import history_response
from guidance.models import Country, GuidanceSystem, Initiative, Organisation, Policy, Source
from guidance.models.common import PublicationStatus, Publishable, Versioned
from guidance.rules import permissions, workflow
from guidance.widgets import MarkdownTextarea

VERSION_FIELD = "seen_version"
COUNTRY_BOUND = (GuidanceSystem, Policy, Initiative, Organisation)

WORKFLOW_FIELDS = ["status", "published_at", "reviewed_by", "review_comment"]
WORKFLOW_COLUMNS = ["status", "published_at", "reviewed_by_id", "review_comment"]


class KnownChoicesMixin:
    """An autocomplete box that shows the chosen objects it was handed without a query.

    Django's autocomplete widgets look their chosen objects up one query per box, so a page
    of 21 sections ran a query per section. PrefetchedChoicesFormSet hands each box its
    row's objects, already loaded with the inline's queryset (`known`: pk → object); a
    value not among them (a changed, re-shown form) falls back to Django's lookup.
    """

    known = None

    def optgroups(self, name, value, attr=None):
        field = self.choices.field
        selected = {str(pk) for pk in value if str(pk) not in field.empty_values}
        known = self.known or {}
        if not selected or not selected <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        labels = sorted((field.label_from_instance(known[pk]), pk) for pk in selected)
        for label, pk in labels:
            options.append(self.create_option(name, pk, label, True, len(options)))
        return [(None, options, 0)]


class PrefetchedChoicesFormSet(BaseInlineFormSet):
    """Hands each form's autocomplete boxes the related objects its row already holds."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if form.instance.pk is None:
            return form
        for name, field in form.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, KnownChoicesMixin):
                widget.known = _related_objects(form.instance, name)
        return form


def _related_objects(instance, name):
    if instance._meta.get_field(name).many_to_many:
        related = getattr(instance, name).all()
    else:
        related = [obj] if (obj := getattr(instance, name)) is not None else []
    return {str(obj.pk): obj for obj in related}


class NamedAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    """Django's autocomplete box with a placeholder.

    select2 names its box by the text shown in it; Django leaves an empty box blank,
    which gives the box no accessible name (WCAG 4.1.2, found by axe on add pages).
    """

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = _("Type to search")
        return attrs


class NamedAutocompleteMixin:
    """Use NamedAutocompleteSelect for every single-choice autocomplete field."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CountryChoicesMixin:
    """Offer (and accept on POST) only countries, and their content, that the user may edit.

    A part's parent (the record of a section entry, the policy of a stage year) must be one
    the user may change now: an expert cannot add to, or move a part into, content in review.
    """

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._limit_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _limit_choices(self, db_field, request, kwargs):
        related = db_field.related_model
        if related is Country:
            kwargs["queryset"] = permissions.editable_countries(request.user)
        elif db_field.name in permissions.PARENT_FIELDS:
            kwargs["queryset"] = permissions.changeable(related.objects.all(), request.user)
        elif related in COUNTRY_BOUND:
            kwargs["queryset"] = permissions.editable(related.objects.all(), request.user)
        elif related is Source:
            kwargs["queryset"] = permissions.visible(Source.objects.all(), request.user)


class MarkdownFieldsMixin:
    """Fields named in `markdown_fields` get the Markdown textarea with its preview."""

    markdown_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_fields:
            kwargs["widget"] = MarkdownTextarea
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VersionFieldMixin:
    """A versioned form renders the version it was opened at, whatever fields a page lists.

    A page that names its fields or fieldsets renders only those, and without the hidden
    `seen_version` every save is refused: the record page once could not be saved by
    anyone. A page shown read-only has nothing to save and gets none (a read-only field
    of that name would not exist on the model).
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not issubclass(self.model, Versioned) or not self._may_save(request, obj):
            return fieldsets
        if VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def _may_save(self, request, obj):
        if isinstance(self, admin.options.InlineModelAdmin):
            return self.has_change_permission(request, obj) or self.has_add_permission(request, obj)
        if obj is None:
            return self.has_add_permission(request)
        return self.has_change_permission(request, obj)


class InventoryAdmin(
    VersionFieldMixin, MarkdownFieldsMixin, NamedAutocompleteMixin, SimpleHistoryAdmin
):
    """History with field-level changes on every page, CSV export, https assumed for links.

    Reverting to an earlier version runs through the same form, permission checks and
    version check as any edit, in one transaction.
    """

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = [export_as_csv]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if issubclass(self.model, Versioned) and "form" not in kwargs:
            kwargs["form"] = VersionedForm
        return super().get_form(request, obj, change, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Save the inlines; the form's own many-to-many values only if the user changed it."""
        if getattr(form, "untouched_but_stale", False):
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)

    def history_view(self, request, object_id, extra_context=None):
        obj = self._get_object_or_404(request, object_id)
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        return history_response(self, request, obj, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        current = self._get_object_or_404(request, object_id)
        if request.method == "POST" and not self.has_change_permission(request, current):
            raise PermissionDenied
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def _get_object_or_404(self, request, object_id):
        """The object the user may see: another country's is refused (get_object), none is a 404."""
        obj = self.get_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404(_("No such object, or not one you may see."))
        return obj


class CountryScopedAdmin(CountryChoicesMixin, InventoryAdmin):
    """Lists, forms and single objects limited to the countries the user may edit.

    Experts see only their own countries here (the public site shows everyone's
    published content). Content in review is read-only for experts, and its workflow
    fields change only through the workflow buttons (guidance/admin/workflow.py).
    """

    country_field = "country"

    def get_queryset(self, request):
        return permissions.editable(super().get_queryset(request), request.user, self.country_field)

    def get_object(self, request, object_id, from_field=None):
        """The object, if the user's scope holds it; another country's is refused by name,
        not reported missing (Django's "Perhaps it was deleted?")."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self._exists(object_id, from_field):
            raise refusals.out_of_scope(request.user, self.opts)
        return obj

    def _exists(self, object_id, from_field):
        field = self.opts.pk if from_field is None else self.opts.get_field(from_field)
        try:
            lookup = {field.name: field.to_python(object_id)}
        except (ValidationError, ValueError):
            return False
        return self.model._default_manager.filter(**lookup).exists()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, Publishable):
            fields += [name for name in WORKFLOW_FIELDS if name not in fields]
        return fields

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self._in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_delete(request.user, obj))

    def get_search_results(self, request, queryset, search_term):
        """Autocomplete for a part's parent offers only parents the user may change now."""
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if _is_parent_autocomplete(request) and issubclass(self.model, Publishable):
            queryset = permissions.changeable(queryset, request.user, self.country_field)
        if not queryset.ordered:
            queryset = queryset.order_by(*(self.model._meta.ordering or ["pk"]))
        return queryset, may_have_duplicates

    def _in_scope(self, request, obj):
        return permissions.can_edit_country(request.user, permissions.country_of(obj))

    def save_related(self, request, form, formsets, change):
        """Save the relations; what an editor's correction of published content cites is
        published with it (guidance/rules/workflow.py)."""
        super().save_related(request, form, formsets, change)
        workflow.publish_new_citations(form.instance, request.user)

    def save_model(self, request, obj, form, change):
        """Save what changed, with the workflow fields as stored.

        An unchanged form (someone saved the page to change an inline entry) is not
        saved again, so that its version does not move and a colleague editing another
        part of the same record is not refused for nothing. A revert (an old version
        shown in the form) is always saved.
        """
        if isinstance(obj, Publishable):
            self._keep_workflow_fields(obj, change)
        if not change or form.has_changed() or is_historic(obj):
            super().save_model(request, obj, form, change)

    def _keep_workflow_fields(self, obj, change):
        """Status and review fields move only through the workflow, never through a form.

        This also holds when reverting to an old version, whose status may be stale.
        """
        if not change:
            obj.status = PublicationStatus.DRAFT
            obj.published_at = obj.reviewed_by = None
            return
        stored = type(obj)._default_manager.values(*WORKFLOW_COLUMNS).get(pk=obj.pk)
        for column, value in stored.items():
            setattr(obj, column, value)


def _is_parent_autocomplete(request):
    return (
        request.resolver_match is not None
        and request.resolver_match.url_name == "autocomplete"
        and request.GET.get("field_name") in permissions.PARENT_FIELDS
    )


class ScopedInline(
    VersionFieldMixin,
    MarkdownFieldsMixin,
    CountryChoicesMixin,
    NamedAutocompleteMixin,
    admin.StackedInline,
):
    """An inline that follows its parent: read-only where the parent may not be changed.

    Stacked, not tabular: Django's tabular inlines render inputs without labels
    (axe, WCAG 1.3.1).
    """

    extra = 0
    formset = PrefetchedChoicesFormSet

    def get_formset(self, request, obj=None, **kwargs):
        if issubclass(self.model, Versioned) and "form" not in kwargs:
            kwargs["form"] = VersionedForm
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        allowed = super().has_add_permission(request, obj)
        return allowed and (obj is None or permissions.can_change(request.user, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or permissions.can_change(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or permissions.can_delete(request.user, obj))
