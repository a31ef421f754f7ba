"""Facet counts on /policies/ and /initiatives/ are disjunctive.

Choices within a facet are ORed, so the number beside a choice is counted with every
filter except its own facet's: what ticking it would list together with the reader's other
filters. Counting over the already narrowed rows showed only the overlap.
"""

import re

import pytest

from guidance.models import TargetGroup
from tests.factories import make_initiative, make_policy

pytestmark = pytest.mark.django_db

MAKERS = {"policies": make_policy, "initiatives": make_initiative}


@pytest.fixture(params=sorted(MAKERS))
def kind(request):
    return request.param


@pytest.fixture
def job_shelf(kind, italy, germany):
    """Italy: 6 items for jobseekers, 3 for jobseekers and employed adults, 2 for employed
    adults; Germany: 1 for jobseekers. Employed adults alone are 5; with jobseekers, 11."""
    jobseekers = TargetGroup.objects.create(code="jobseekers", name="Jobseekers")
    employed = TargetGroup.objects.create(code="employed-adults", name="Employed adults")
    make = MAKERS[kind]
    for groups, country, number in [
        ([jobseekers], italy, 6),
        ([jobseekers, employed], italy, 3),
        ([employed], italy, 2),
        ([jobseekers], germany, 1),
    ]:
        for _ in range(number):
            make(country=country).target_groups.add(*groups)
    return kind


def counts(response):
    """{(parameter, value): (count, ticked)} as the page shows them."""
    html = response.content.decode()
    choices = re.findall(
        r'name="([a-z_]+)" value="([^"]+)"( checked)?> [^<]* <span class="count">\((\d+)\)', html
    )
    return {(name, value): (int(count), bool(ticked)) for name, value, ticked, count in choices}


def total(response):
    return int(re.search(r"(\d+) results?", response.content.decode())[1])


def test_a_ticked_choice_shows_what_another_choice_of_its_facet_would_add(anonymous, job_shelf):
    page = anonymous.get(f"/{job_shelf}/?country=IT&target_group=jobseekers")
    assert total(page) == 9
    shown = counts(page)
    assert shown["target_group", "jobseekers"] == (9, True)
    assert shown["target_group", "employed-adults"] == (5, False)
    both = anonymous.get(f"/{job_shelf}/?country=IT&target_group=jobseekers,employed-adults")
    assert total(both) == 11
    assert counts(both)["target_group", "employed-adults"] == (5, True)


def test_each_facet_is_counted_with_the_other_facets_filters(anonymous, job_shelf):
    shown = counts(anonymous.get(f"/{job_shelf}/?country=IT&target_group=employed-adults"))
    # The country facet: employed adults only, in any country; Germany has none of them.
    assert shown["country", "IT"] == (5, True)
    assert ("country", "DE") not in shown
    # The target group facet: Italy only.
    assert shown["target_group", "jobseekers"] == (9, False)
    shown = counts(anonymous.get(f"/{job_shelf}/?country=IT&target_group=jobseekers"))
    assert shown["country", "DE"] == (1, False)
    assert shown["country", "IT"] == (9, True)


def test_with_no_filter_every_count_is_the_choice_alone(anonymous, job_shelf):
    shown = counts(anonymous.get(f"/{job_shelf}/"))
    assert shown["target_group", "jobseekers"] == (10, False)
    assert shown["target_group", "employed-adults"] == (5, False)
    assert shown["country", "IT"] == (11, False)


def test_the_page_says_what_the_numbers_mean(anonymous, job_shelf):
    html = anonymous.get(f"/{job_shelf}/").content.decode()
    assert "numbers show how many items each choice would match with your other filters" in html


@pytest.mark.parametrize(
    ("kind", "facets"),
    [("policies", 7), ("initiatives", 6)],
    indirect=["kind"],
)
def test_one_count_query_per_facet_whatever_is_ticked(
    anonymous, job_shelf, facets, django_assert_num_queries
):
    query = "country=IT,DE&target_group=jobseekers,employed-adults"
    # Country and target group lookups, the result count, the page's rows, one per facet.
    with django_assert_num_queries(4 + facets):
        page = anonymous.get(f"/{job_shelf}/?{query}")
    assert total(page) == 12
