"""The changes endpoint's body: guidance/reading/changes.py's RecordChanges as plain data."""

from rest_framework import serializers

from guidance.api.serializers import SparseFieldsMixin


class PieceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["equal", "inserted", "deleted"])
    text = serializers.CharField()


class SectionChangeSerializer(serializers.Serializer):
    section = serializers.SlugField()
    kind = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    words_added = serializers.IntegerField()
    words_removed = serializers.IntegerField()
    pieces = PieceSerializer(many=True)


class IndicatorStateSerializer(serializers.Serializer):
    answer = serializers.CharField()
    since_year = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


class IndicatorChangeSerializer(serializers.Serializer):
    indicator = serializers.SlugField()
    before = IndicatorStateSerializer(allow_null=True)
    after = IndicatorStateSerializer(allow_null=True)


class ChangesSerializer(SparseFieldsMixin, serializers.Serializer):
    country = serializers.CharField()
    collection = serializers.IntegerField()
    based_on = serializers.IntegerField(allow_null=True, help_text="Collection year of the base.")
    sections = SectionChangeSerializer(many=True)
    indicators = IndicatorChangeSerializer(many=True)
    policies_added = serializers.ListField(child=serializers.IntegerField())
    policies_ended = serializers.ListField(child=serializers.IntegerField())
    initiatives_added = serializers.ListField(child=serializers.IntegerField())
    initiatives_ended = serializers.ListField(child=serializers.IntegerField())


def _value(value):
    if value is None:
        return None
    return {"answer": value.answer, "since_year": value.since_year, "note": value.note}


def no_changes_data(record):
    """A record based on nothing (or on a record the reader may not see) has no changes."""
    return {
        "country": record.country.code,
        "collection": record.collection.year,
        "based_on": None,
        "sections": [],
        "indicators": [],
        "policies_added": [],
        "policies_ended": [],
        "initiatives_added": [],
        "initiatives_ended": [],
    }


def changes_data(changes):
    return {
        "country": changes.record.country.code,
        "collection": changes.record.collection.year,
        "based_on": changes.base.collection.year,
        "sections": [
            {
                "section": change.section.slug,
                "kind": change.kind,
                "words_added": change.words_added,
                "words_removed": change.words_removed,
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
        "policies_added": [item.pk for item in changes.policies_added],
        "policies_ended": [item.pk for item in changes.policies_ended],
        "initiatives_added": [item.pk for item in changes.initiatives_added],
        "initiatives_ended": [item.pk for item in changes.initiatives_ended],
    }
