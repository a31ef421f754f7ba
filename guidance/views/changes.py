"""/countries/<code>/<year>/changes/: what changed since the record this one was based on."""

from django.shortcuts import get_object_or_404, render

from guidance.models import Section
from guidance.reading.changes import load_changes
from guidance.views.common import country_or_404, record_or_404, visible_records


def record_changes(request, code, year, slug=None):
    country = country_or_404(code)
    record = record_or_404(request.user, country, year)
    base = _visible_base(request.user, record)
    sections = [get_object_or_404(Section, slug=slug)] if slug else list(Section.objects.all())
    context = {"country": country, "record": record, "base": base, "one_section": slug}
    if base is not None:
        context["changes"] = load_changes(request.user, country, record, base, sections, slug)
    return render(request, "guidance/changes.html", context)


def _visible_base(user, record):
    if record.based_on_id is None:
        return None
    return visible_records(user).filter(pk=record.based_on_id).select_related("collection").first()
