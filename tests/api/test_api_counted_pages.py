"""A list's page carries its whole list's count from the same query (guidance/api/counted_pages.py)."""

import pytest
from django.core.paginator import EmptyPage

from guidance.api.counted_pages import WindowCountPaginator
from guidance.models import Policy, PublicationStatus, TargetGroup
from tests.factories import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_published(italy):
    for n in range(5):
        make_policy(country=italy, title=f"Policy {n}")
    make_policy(country=italy, title="Draft", status=PublicationStatus.DRAFT)


def test_every_page_counts_the_whole_list_a_reader_may_see(api, five_published):
    pages = [api.get(f"/api/v1/policies/?page_size=2&page={n}").json() for n in (1, 2, 3)]

    assert [page["count"] for page in pages] == [5, 5, 5]
    assert [len(page["results"]) for page in pages] == [2, 2, 1]
    assert [row["title"] for page in pages for row in page["results"]] == [
        f"Policy {n}" for n in range(5)
    ]
    assert pages[2]["next"] is None
    assert not any(name.startswith("_") for name in pages[0]["results"][0])


def test_a_page_past_the_last_is_not_found_and_an_empty_list_counts_nothing(api, five_published):
    assert api.get("/api/v1/policies/?page_size=2&page=4").status_code == 404
    assert api.get("/api/v1/initiatives/?page=2").status_code == 404
    empty = api.get("/api/v1/initiatives/")
    assert empty.status_code == 200
    assert empty.json()["count"] == 0
    assert empty.json()["results"] == []


def test_a_distinct_list_is_counted_after_distinct(italy):
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    adults = TargetGroup.objects.create(code="adults", name="Adults")
    make_policy(country=italy, title="Both").target_groups.add(pupils, adults)
    make_policy(country=italy, title="Pupils").target_groups.add(pupils)
    rows = Policy.objects.filter(target_groups__in=[pupils, adults]).distinct().order_by("title")

    page = WindowCountPaginator(rows, 10).page(1)

    assert page.paginator.count == 2
    assert [policy.title for policy in page] == ["Both", "Pupils"]
    with pytest.raises(EmptyPage):
        WindowCountPaginator(rows, 10).page(2)
