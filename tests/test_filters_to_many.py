"""Filters across to-many relations: ORed within a parameter, ANDed across, each row once.

They are EXISTS subqueries (guidance/query/filters.py), so a row linked to several of
the chosen values is still one row, and the list needs no DISTINCT.
"""

from django.http import QueryDict

from guidance.filtersets import InitiativeFilterSet, PolicyFilterSet
from guidance.models import Initiative, Policy, Sector, TargetGroup
from guidance.query.validation import validate_params
from tests.factories import make_country, make_initiative, make_policy, make_section


def filtered(filterset_class, query, queryset):
    filterset, errors = validate_params(filterset_class, QueryDict(query), queryset)
    assert errors == {}
    return filterset.qs


def titles(rows):
    return [row.title for row in rows.order_by("title")]


def test_values_are_ored_and_a_row_linked_to_several_is_listed_once(db):
    italy = make_country(code="IT", name="Italy")
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    adults = TargetGroup.objects.create(code="adults", name="Adults")
    TargetGroup.objects.create(code="retired", name="Retired")
    both = make_policy(country=italy, title="Both")
    both.target_groups.add(pupils, adults)
    make_policy(country=italy, title="Pupils only").target_groups.add(pupils)
    make_policy(country=italy, title="Neither")

    rows = filtered(PolicyFilterSet, "target_group=pupils,adults", Policy.objects.all())

    assert titles(rows) == ["Both", "Pupils only"]
    assert rows.count() == 2
    assert not rows.query.distinct
    assert titles(filtered(PolicyFilterSet, "target_group=retired", Policy.objects.all())) == []


def test_parameters_are_anded(db):
    italy = make_country(code="IT", name="Italy")
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    schools = Sector.objects.create(code="schools", name="Schools")
    access = make_section(slug="access")
    everything = make_policy(country=italy, title="Everything")
    everything.target_groups.add(pupils)
    everything.sectors.add(schools)
    everything.sections.add(access)
    make_policy(country=italy, title="Pupils, no sector").target_groups.add(pupils)
    make_policy(country=italy, title="Schools, no group").sectors.add(schools)

    query = "target_group=pupils&sector=schools&section=access"
    assert titles(filtered(PolicyFilterSet, query, Policy.objects.all())) == ["Everything"]
    assert titles(filtered(PolicyFilterSet, "target_group=pupils", Policy.objects.all())) == [
        "Everything",
        "Pupils, no sector",
    ]


def test_initiatives_alike(db):
    italy = make_country(code="IT", name="Italy")
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    adults = TargetGroup.objects.create(code="adults", name="Adults")
    portal = make_initiative(country=italy, title="Portal")
    portal.target_groups.add(pupils, adults)
    make_initiative(country=italy, title="Centre")

    rows = filtered(InitiativeFilterSet, "target_group=pupils,adults", Initiative.objects.all())

    assert titles(rows) == ["Portal"]
    assert rows.count() == 1
