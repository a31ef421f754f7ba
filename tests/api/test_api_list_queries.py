"""Every list endpoint of the API takes the same queries for a few rows as for many.

tests/api/test_api_queries.py pins the policy and record lists with their filters; this
file covers every other list, on one inventory built at two sizes.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import (
    CollectionStatus,
    DeliveryMode,
    PolicyStage,
    PolicyStageYear,
    Sector,
    TargetGroup,
)
from tests.factories import (
    make_collection,
    make_country,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


def build_inventory(size):
    """`size` countries, each with a record, entries, answers, policies, initiatives, actors."""
    collection = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    for n in range(1, size):
        make_collection(year=2023 - n, status=CollectionStatus.PUBLISHED)
    sections = [make_section(slug=f"s{n}") for n in range(size)]
    indicators = [make_indicator(slug=f"i{n}", section=sections[n]) for n in range(size)]
    adults, *_others = [
        TargetGroup.objects.create(code=f"g{n}", name=f"Group {n}") for n in range(size)
    ]
    school = Sector.objects.create(code="school", name="School")
    online = DeliveryMode.objects.create(code="online", name="Online")
    for n in range(size):
        country = make_country(code=f"A{chr(65 + n)}", iso_country="IT")
        record = make_system(country=country, collection=collection)
        source = make_source(country=country)
        organisation = make_organisation(country=country)
        for section, indicator in zip(sections, indicators, strict=True):
            make_entry(system=record, section=section).sources.add(source)
            make_indicator_value(system=record, indicator=indicator).sources.add(source)
        policy = make_policy(country=country, start_year=2015)
        PolicyStageYear.objects.create(policy=policy, year=2020, stage=PolicyStage.PILOT)
        initiative = make_initiative(country=country, start_year=2016)
        initiative.delivery_modes.add(online)
        initiative.providers.add(organisation)
        initiative.related_policies.add(policy)
        for item in (policy, initiative):
            item.sections.add(sections[0])
            item.target_groups.add(adults)
            item.sectors.add(school)
            item.sources.add(source)
        policy.responsible_organisations.add(organisation)


def queries_for(client, url, rows_key="results"):
    """The number of queries a GET of `url` takes; it must answer 200 with 3 rows or more."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    if "format=csv" in url:
        rows = response.content.decode().splitlines()[1:]
    else:
        rows = response.json()[rows_key]
    assert len(rows) >= 3
    return len(queries)


# Each list: the count and the page, then one query per prefetched relation.
LISTS = {
    "/api/v1/countries/": 2,
    "/api/v1/collections/": 2,
    "/api/v1/sections/": 2,
    "/api/v1/indicators/": 2,
    # the page's stubs with its count (guidance/api/counted_pages.py); then, no row being
    # cached (guidance/api/row_cache.py; the suite's cache is a dummy), the rows in full
    # and their sections, target groups, sectors, sources, delivery modes, providers,
    # related policies
    "/api/v1/initiatives/": 9,
    "/api/v1/organisations/": 2,
    "/api/v1/sources/": 2,
    "/api/v1/vocabularies/target-groups/": 2,
    "/api/v1/initiatives/?format=csv": 9,
    "/api/v1/organisations/?country_group=eu&search=Organisation": 2,
    # the country codes checked by the filter, then as above
    "/api/v1/sources/?country=AA,AB,AC": 3,
}
# What may be named (countries, sections, indicators, collection years; the /compare/
# page's parser), the records as of the collection, their entries and indicator values.
COMPARISON = "/api/v1/comparison/?countries=AA,AB,AC&sections=s0,s1,s2&indicators=i0,i1,i2"
COMPARISON_QUERIES = 7


@pytest.mark.parametrize("size", [3, 8])
@pytest.mark.parametrize("url", list(LISTS))
def test_a_list_takes_the_same_queries_at_any_size(api, size, url):
    build_inventory(size)
    assert queries_for(api, url) == LISTS[url]


@pytest.mark.parametrize("size", [3, 8])
def test_the_comparison_takes_the_same_queries_at_any_size(api, size):
    build_inventory(size)
    assert queries_for(api, COMPARISON, rows_key="sections") == COMPARISON_QUERIES
