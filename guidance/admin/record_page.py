"""The record page is built for writing: a box for every section, last collection's text beside it.

A record has at most one entry per section. The page shows one form per section, in
section order: the written entries, and an empty box (its section preset) for every
section the record has no entry for yet. A box left empty writes nothing.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guidance.admin.base import PrefetchedChoicesFormSet
from guidance.admin.forms import VersionedForm
from guidance.models import GuidanceSystem, Section, SectionEntry


@dataclass(frozen=True)
class PreviousText:
    """A section's text in the record this one is based on (`year` is None without a base)."""

    year: int | None
    body: str | None


class SectionEntryForm(VersionedForm):
    def has_changed(self):
        """A box nobody typed in is not a new entry: its preset section alone is no change.

        The section is also left out when the page is posted after someone else wrote one
        of the missing sections, which moves the presets of the boxes after it.
        """
        if self.instance._state.adding:
            return any(name != "section" for name in self.changed_data)
        return super().has_changed()


class SectionBoxes(PrefetchedChoicesFormSet):
    """The entries of a record and an empty box for every section it has none for.

    `boxes_in_order` gives the forms in section order, as the page shows them; the
    formset's own order stays Django's (saved entries first), which the posted form
    indices depend on.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.pk: section for section in Section.objects.order_by("number")}
        if self.max_num > 0:
            written = {entry.section_id for entry in self.get_queryset()}
            missing = [pk for pk in self.sections if pk not in written]
            self.initial_extra = [{"section": pk} for pk in missing]
            self.extra = len(missing)
        self.base_year, self.previous = _previous_texts(self.instance)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        section = self.sections.get(_section_id(form))
        form.section_box = section
        form.instance.previous_text = PreviousText(
            self.base_year, self.previous.get(section.pk) if section else None
        )
        if section is not None and "body" in form.fields:
            form.fields["body"].label = _("Text of section %(number)d") % {"number": section.number}
        return form

    def boxes_in_order(self, admin_forms):
        """The page's forms (Django's InlineAdminForms, less the empty template) by section."""
        boxes = [box for box in admin_forms if hasattr(box.form, "section_box")]
        return sorted(boxes, key=lambda box: _box_number(box.form.section_box))


def _section_id(form):
    """The box's section: a saved entry's own, or the one preset (or posted) for a new box."""
    if form.instance.pk is not None:
        return form.instance.section_id
    if "section" not in form.fields:
        return None
    try:
        return int(form["section"].value())
    except (TypeError, ValueError):
        return None


def _box_number(section):
    return section.number if section is not None else float("inf")


def _previous_texts(record):
    """The base's collection year and its text for each section: two queries, however many."""
    if record is None or record.based_on_id is None:
        return None, {}
    year = (
        GuidanceSystem.objects.filter(pk=record.based_on_id)
        .values_list("collection__year", flat=True)
        .first()
    )
    bodies = dict(
        SectionEntry.objects.filter(system_id=record.based_on_id).values_list("section_id", "body")
    )
    return year, bodies
