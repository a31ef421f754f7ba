"""Lookups shared by the public pages; each one narrows through permissions.visible."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from guidance.models import Collection, Country, CountryGroup, GuidanceSystem
from guidance.rules import permissions

# A code as the model's constraint allows it, in either case: anything else names nothing,
# and is not sent to the database (PostgreSQL refuses a NUL in it with an error).
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?")
GROUP_HEADINGS = {
    CountryGroup.EU: _("EU member states"),
    CountryGroup.EEA_EFTA: _("EEA and EFTA countries"),
    CountryGroup.CANDIDATE: _("Candidate countries"),
    CountryGroup.POTENTIAL_CANDIDATE: _("Potential candidates"),
    CountryGroup.OTHER: _("Other countries"),
}


def visible_records(user):
    return permissions.visible(GuidanceSystem.objects.all(), user)


def collection_years():
    return Collection.objects.years_and_default()


def country_or_404(code):
    if not COUNTRY_CODE.fullmatch(code):
        raise Http404("There is no country with this code.")
    return get_object_or_404(Country.objects.select_related("parent"), code=code.upper())


def record_or_404(user, country, year):
    """The record of `country` in collection `year`, if `user` may read it; 404 otherwise."""
    record = (
        visible_records(user)
        .filter(country=country, collection__year=year)
        .select_related("country", "collection", "based_on__collection")
        .first()
    )
    if record is None:
        raise Http404("This country has no record in that collection.")
    return record
