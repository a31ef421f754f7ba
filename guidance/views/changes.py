"""What changed between two records of a country, old | new.

/countries/<code>/<year>/changes/ compares a record with the one it was based on, or with
the country's record as of `?from=<year>`; /countries/<code>/changes/?from=&to= compares
any two collections (guidance/reading/change_range.py reads the years and their defaults). A bad
parameter is a 400 on the page itself, beside the form that corrects it.
"""

from django.shortcuts import get_object_or_404, render

from guidance.models import Section
from guidance.reading.change_range import country_records, read_change_range
from guidance.reading.changes import load_changes
from guidance.views.common import country_or_404, record_or_404


def record_changes(request, code, year, slug=None):
    country = country_or_404(code)
    record = record_or_404(request.user, country, year)
    sections = [get_object_or_404(Section, slug=slug)] if slug else list(Section.objects.all())
    records = country_records(request.user, country)
    found = read_change_range(request.GET, records, record=record)
    return _respond(request, country, found, sections, slug)


def country_changes(request, code):
    country = country_or_404(code)
    found = read_change_range(request.GET, country_records(request.user, country))
    return _respond(request, country, found, list(Section.objects.all()), None)


def _respond(request, country, found, sections, slug):
    context = {
        "country": country,
        "change_range": found,
        "record": found.new,
        "base": found.old,
        "one_section": slug,
        "errors": found.errors,
    }
    if found.comparable:
        context["changes"] = load_changes(
            request.user, country, found.new, found.old, sections, slug
        )
    return render(request, "guidance/changes.html", context, status=400 if found.errors else 200)
