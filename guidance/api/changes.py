"""The changes endpoints' body: guidance/reading/changes.py's RecordChanges as plain data.

Each section gives the old and the new text as rendered, sanitised HTML with `<del>` and
`<ins>` marks (guidance/reading/readable_diff.py), the words marked on each side, and `pieces`,
the word-by-word comparison of the raw Markdown. Policies and initiatives added or ended
are brief objects, as related objects are elsewhere in the API (guidance/api/brief.py).
"""

from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.reverse import reverse

from guidance.api.schema import InventoryAutoSchema, values_schema
from guidance.api.serializers import SparseFieldsMixin
from guidance.models import Collection, Section
from guidance.query.validation import STANDARD_PARAMS
from guidance.reading.change_range import country_records, read_change_range
from guidance.reading.changes import load_changes

YEAR_HELP = {
    "from": "Collection year: compare with the country's record as of it (its latest record "
    "in that collection or before). Default: the record's base, or the record before `to`.",
    "to": "Collection year: the country's record as of it is the newer one. Default: the "
    "country's newest record.",
}


class PieceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["equal", "inserted", "deleted"])
    text = serializers.CharField()


class SectionChangeSerializer(serializers.Serializer):
    section = serializers.SlugField()
    kind = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    words_added = serializers.IntegerField(help_text="Words marked <ins> in `new_html`.")
    words_removed = serializers.IntegerField(help_text="Words marked <del> in `old_html`.")
    old_html = serializers.CharField(
        allow_blank=True, help_text="The older text, rendered and sanitised, removals in <del>."
    )
    new_html = serializers.CharField(
        allow_blank=True, help_text="The newer text, rendered and sanitised, additions in <ins>."
    )
    pieces = PieceSerializer(many=True, help_text="The raw Markdown compared word by word.")


class IndicatorStateSerializer(serializers.Serializer):
    answer = serializers.CharField()
    since_year = serializers.IntegerField(allow_null=True)
    until_year = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class IndicatorChangeSerializer(serializers.Serializer):
    indicator = serializers.SlugField()
    before = IndicatorStateSerializer(allow_null=True)
    after = IndicatorStateSerializer(allow_null=True)


class BriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.URLField()
    display = serializers.CharField()


class ChangesSerializer(SparseFieldsMixin, serializers.Serializer):
    country = serializers.CharField()
    collection = serializers.IntegerField(
        allow_null=True, help_text="Collection year of the newer record compared."
    )
    based_on = serializers.IntegerField(
        allow_null=True,
        help_text="Collection year of the older record compared: the base, or the record as "
        "of `from`; null when there is nothing to compare.",
    )
    from_year = serializers.IntegerField(allow_null=True, help_text="The `from` year used.")
    to_year = serializers.IntegerField(allow_null=True, help_text="The `to` year used.")
    sections = SectionChangeSerializer(many=True)
    indicators = IndicatorChangeSerializer(many=True)
    policies_added = BriefSerializer(many=True)
    policies_ended = BriefSerializer(many=True)
    initiatives_added = BriefSerializer(many=True)
    initiatives_ended = BriefSerializer(many=True)


class ChangesSchema(InventoryAutoSchema):
    """The changes action's `from` (and `to`) list the collection years that exist now."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if getattr(self.view, "action", None) != "changes":
            return parameters
        years = values_schema(Collection.objects.all(), "year", several=False)
        return [
            *parameters,
            *(
                OpenApiParameter(name, years, description=YEAR_HELP[name])
                for name in self.view.change_params
            ),
        ]


def changes_body(request, country, record=None):
    """What changed between the two records `request` asks for (guidance/reading/change_range.py)."""
    records = country_records(request.user, country)
    found = read_change_range(
        request.query_params, records, record=record, blank_is_default=False, others=STANDARD_PARAMS
    )
    if found.errors:
        raise ValidationError(found.errors)
    if not found.comparable:
        return no_changes_data(country, found)
    sections = list(Section.objects.all())
    changes = load_changes(request.user, country, found.new, found.old, sections)
    return changes_data(country, changes, found, request)


def _value(value):
    if value is None:
        return None
    return {
        "answer": value.answer,
        "since_year": value.since_year,
        "until_year": value.until_year,
        "note": value.note,
    }


def _brief(items, view_name, request):
    return [
        {
            "id": item.pk,
            "url": reverse(view_name, kwargs={"pk": item.pk}, request=request),
            "display": item.title,
        }
        for item in items
    ]


def no_changes_data(country, found):
    """Nothing to compare: no record, or none before the newer one that the reader may see."""
    return {
        "country": country.code,
        "collection": found.to_year if found.new is None else found.new.collection.year,
        "based_on": None,
        "from_year": found.from_year,
        "to_year": found.to_year,
        "sections": [],
        "indicators": [],
        "policies_added": [],
        "policies_ended": [],
        "initiatives_added": [],
        "initiatives_ended": [],
    }


def changes_data(country, changes, found, request):
    policy, initiative = "guidance-api:policy-detail", "guidance-api:initiative-detail"
    return {
        "country": country.code,
        "collection": changes.record.collection.year,
        "based_on": changes.base.collection.year,
        "from_year": found.from_year,
        "to_year": found.to_year,
        "sections": [
            {
                "section": change.section.slug,
                "kind": change.kind,
                "words_added": change.words_added,
                "words_removed": change.words_removed,
                "old_html": str(change.readable.old_html),
                "new_html": str(change.readable.new_html),
                "pieces": [{"kind": kind, "text": text} for kind, text in change.pieces],
            }
            for change in changes.sections
        ],
        "indicators": [
            {
                "indicator": change.indicator.slug,
                "before": _value(change.before),
                "after": _value(change.after),
            }
            for change in changes.indicators
        ],
        "policies_added": _brief(changes.policies_added, policy, request),
        "policies_ended": _brief(changes.policies_ended, policy, request),
        "initiatives_added": _brief(changes.initiatives_added, initiative, request),
        "initiatives_ended": _brief(changes.initiatives_ended, initiative, request),
    }
