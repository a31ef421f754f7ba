"""Forms of the editing interface that carry more than model fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.models import is_historic

from guidance.admin import history
from guidance.models.common import FIRST_YEAR, LAST_YEAR
from guidance.rules import concurrency, opening, permissions, revisions


class VersionedForm(forms.ModelForm):
    """A model form that refuses to save over changes made since the page was opened.

    The page carries the row's version in a hidden field; on save, the stored version
    must still be the same (guidance/rules/concurrency.py). Otherwise the form shows what the
    other person changed and saves nothing.
    """

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.untouched_but_stale = False
        if self.instance.pk:
            self.fields["seen_version"].initial = self._stored_version()

    def has_changed(self):
        """A part of the page the user left alone is not saved, even if it is now stale."""
        return not self.untouched_but_stale and super().has_changed()

    def _stored_version(self):
        """The version on the page: the row's own, also when the form shows an old version."""
        if is_historic(self.instance):
            model = type(self.instance)
            return model._default_manager.values_list("version", flat=True).get(pk=self.instance.pk)
        return self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and not self._marked_for_deletion():
            self._check_still_current(cleaned_data.get("seen_version"))
        return cleaned_data

    def _marked_for_deletion(self):
        return bool(self.cleaned_data.get("DELETE"))

    def _check_still_current(self, seen_version):
        if seen_version is None:
            raise ValidationError(
                _("This form is missing the version it was opened at; reload the page."),
                code="missing_version",
            )
        try:
            concurrency.check_current(self.instance, seen_version)
        except concurrency.EditConflict as conflict:
            if self._left_as_it_was(seen_version):
                self.untouched_but_stale = True
                return
            raise ValidationError(conflict_messages(conflict), code="edit_conflict") from None

    def _left_as_it_was(self, seen_version):
        """Whether the posted values equal the version the user opened (a three-way check).

        Someone else changed this row meanwhile; if this user changed nothing in it, the
        rest of the page can still be saved. Many-to-many values are compared with the
        stored ones, so a stale list counts as a change and is refused, never written.
        """
        seen = self.instance.history.filter(version=seen_version).order_by("history_date").last()
        if seen is None:
            return False
        values = model_to_dict(seen.instance, fields=list(self.fields))
        return not any(
            self.fields[name].has_changed(value, self[name].data) for name, value in values.items()
        )


class RevisableForm(VersionedForm):
    """The form of an organisation or source, whose published rows change through revisions.

    An expert's save of a published row makes its revision (guidance/rules/revisions.py); if
    one is already waiting (proposed from a page opened before it existed), the save is
    refused here rather than making a second. `editing_user` is set by the admin.
    """

    editing_user = None

    def clean(self):
        cleaned_data = super().clean()
        if self._would_propose() and revisions.open_revision(self.instance) is not None:
            raise ValidationError(
                _(
                    "A change to this %(model)s is already waiting for review, so yours "
                    "was not saved. Open that change (linked above) and make yours there."
                )
                % {"model": self.instance._meta.verbose_name},
                code="revision_waiting",
            )
        return cleaned_data

    def _would_propose(self):
        return self.instance.pk is not None and permissions.edit_becomes_revision(
            self.editing_user, self.instance
        )


class RecordForm(RevisableForm):
    """A country record's form: its base must be the country's latest published earlier record.

    A revisable form like any published content's (a change to a published record is made
    in its revision, guidance/rules/revisions.py).

    A new record left without a base gets that record as its base (when there is one), as
    opening a collection would: the yearly update starts from what readers have seen and
    the editors reviewed, and "what changed" compares with it. Starting blank while a
    published record exists would throw that text away and leave nothing to compare with,
    so the empty choice means "the latest" rather than "none". A record whose country has
    no published record before its collection starts empty.
    """

    BASE_FIELDS = ("country", "collection", "based_on")

    def clean(self):
        cleaned_data = super().clean()
        country, collection = cleaned_data.get("country"), cleaned_data.get("collection")
        if country is None or collection is None or not self._base_may_move():
            return cleaned_data
        base = cleaned_data.get("based_on")
        if base is None and self.instance.pk is None:
            cleaned_data["based_on"] = opening.latest_published_record(country, collection.year)
            return cleaned_data
        try:
            opening.check_base(country, collection, base)
        except ValidationError as error:
            self.add_error("based_on" if "based_on" in self.fields else None, error)
        return cleaned_data

    def _base_may_move(self):
        """Always for a new record; for a stored one only when its base, country or year is
        changed, so that an old record whose base is no longer the latest still saves."""
        return self.instance.pk is None or any(
            name in self.changed_data for name in self.BASE_FIELDS
        )


def conflict_messages(conflict):
    """The conflict in words: who saved what, then each changed field in full, as a word diff."""
    changes = [(change.field, change.before, change.after) for change in conflict.changes]
    diffs = history.describe_changes(type(conflict.instance), changes)
    return [
        conflict.message,
        *(format_html("<strong>{}</strong>: {}", diff.label, diff.html) for diff in diffs),
    ]


class ReturnToDraftForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what should change before it can be published. The author sees it."),
    )


class OpenCollectionForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year of the new collection"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
