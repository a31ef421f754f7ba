"""/countries/<code>/<year>/changes/: what changed since the record this one was based on."""

from django.shortcuts import get_object_or_404, render

from guidance import permissions
from guidance.changes import compare_records
from guidance.models import Indicator, IndicatorValue, Initiative, Policy, Section, SectionEntry
from guidance.views.common import country_or_404, record_or_404, visible_records


def record_changes(request, code, year, slug=None):
    country = country_or_404(code)
    record = record_or_404(request.user, country, year)
    base = _visible_base(request.user, record)
    sections = [get_object_or_404(Section, slug=slug)] if slug else list(Section.objects.all())
    context = {"country": country, "record": record, "base": base, "one_section": slug}
    if base is not None:
        context["changes"] = _changes(request.user, country, record, base, sections, slug)
    return render(request, "guidance/changes.html", context)


def _visible_base(user, record):
    if record.based_on_id is None:
        return None
    return visible_records(user).filter(pk=record.based_on_id).select_related("collection").first()


def _changes(user, country, record, base, sections, slug):
    entries = SectionEntry.objects.filter(system__in=[record, base], section__in=sections)
    by_record = {record.pk: {}, base.pk: {}}
    for entry in entries:
        by_record[entry.system_id][entry.section_id] = entry
    indicators, values = [], {record.pk: {}, base.pk: {}}
    if slug is None:
        indicators = list(Indicator.objects.all())
        for value in IndicatorValue.objects.filter(system__in=[record, base]):
            values[value.system_id][value.indicator_id] = value
    policies = permissions.visible(Policy.objects.for_country(country), user)
    initiatives = permissions.visible(Initiative.objects.for_country(country), user)
    if slug is not None:
        policies = policies.filter(sections__in=sections).distinct()
        initiatives = initiatives.filter(sections__in=sections).distinct()
    return compare_records(
        record,
        base,
        sections=sections,
        entries=by_record[record.pk],
        base_entries=by_record[base.pk],
        indicators=indicators,
        values=values[record.pk],
        base_values=values[base.pk],
        policies=list(policies.prefetch_related("stages")),
        initiatives=list(initiatives),
    )
