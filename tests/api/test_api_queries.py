"""Query counts do not grow with the rows on a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import PolicyStage, PolicyStageYear, Section, Sector, Source, TargetGroup
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_organisation,
    make_policy,
    make_section,
)

pytestmark = pytest.mark.django_db


def make_policies(country, n):
    pupils = TargetGroup.objects.get_or_create(code="pupils", defaults={"name": "Pupils"})[0]
    school = Sector.objects.get_or_create(code="school", defaults={"name": "School"})[0]
    section = Section.objects.first() or make_section(slug="access")
    organisation = make_organisation(country=country)
    for i in range(n):
        policy = make_policy(country=country, start_year=2010 + i % 10)
        policy.target_groups.add(pupils)
        policy.sectors.add(school)
        policy.sections.add(section)
        policy.responsible_organisations.add(organisation)
        policy.sources.add(Source.objects.create(title=f"Source {country.code} {i}"))
        PolicyStageYear.objects.create(policy=policy, year=2020, stage=PolicyStage.PILOT)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.json()


# The policy list: the page's stubs with its count (guidance/api/counted_pages.py); then, no
# row being cached (guidance/api/row_cache.py; the suite's cache is a dummy), the rows in
# full and one query each for sections, target groups, sectors, sources, responsible
# organisations and stages; the `country` filter checks its codes once.
POLICY_LIST_QUERIES = 8
POLICY_LIST_FILTERED_QUERIES = 9


@pytest.mark.parametrize("rows", [5, 100])
def test_policy_list_takes_the_same_queries_for_5_and_100_rows(api, italy, rows):
    make_policies(italy, rows)
    queries, body = count_queries(api, "/api/v1/policies/?page_size=100")
    assert len(body["results"]) == rows
    assert queries == POLICY_LIST_QUERIES
    queries, body = count_queries(api, "/api/v1/policies/?page_size=100&country=IT&stage=pilot")
    assert len(body["results"]) == rows
    assert queries == POLICY_LIST_FILTERED_QUERIES


# The record list: latest published collection, count, page (with the as-of subquery),
# entries, their sources, indicator values, their sources.
RECORD_LIST_QUERIES = 7


@pytest.mark.parametrize("countries", [3, 12])
def test_record_list_takes_the_same_queries_for_3_and_12_records(api, countries):
    from guidance.models import CollectionStatus
    from tests.factories import make_collection, make_country, make_system

    collection = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    section = make_section(slug="access")
    indicator = make_indicator(slug="strategy")
    for n in range(countries):
        country = make_country(code=f"A{chr(65 + n)}", iso_country="IT")
        record = make_system(country=country, collection=collection)
        make_entry(system=record, section=section)
        make_indicator_value(system=record, indicator=indicator)
    queries, body = count_queries(api, "/api/v1/systems/")
    assert body["count"] == countries
    assert queries == RECORD_LIST_QUERIES
