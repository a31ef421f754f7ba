"""A profile lists at most PROFILE_LIST_LIMIT policies and initiatives, says so, in one query each."""

import pytest

from guidance.views import profile
from tests.factories import make_initiative, make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(monkeypatch):
    monkeypatch.setattr(profile, "PROFILE_LIST_LIMIT", 3)
    return 3


@pytest.mark.parametrize("count", [4, 12])
def test_a_long_list_is_cut_with_a_note_in_constant_queries(
    anonymous, italy, italian_record, limit, count, django_assert_num_queries
):
    for n in range(count):
        make_policy(country=italy, title=f"Policy {n:02}").stages.create(year=2020, stage="pilot")
        make_initiative(country=italy, title=f"Initiative {n:02}")
    # The profile's fixed set (tests/test_pages.py) less the empty record's entries and
    # value sources, with the policy timeline's stage years (1); the same at both sizes:
    # the cut is a LIMIT, not a COUNT.
    with django_assert_num_queries(18):
        html = anonymous.get("/countries/IT/").content.decode()
    assert "Policy 02" in html and "Policy 03" not in html
    assert "Initiative 02" in html and "Initiative 03" not in html
    assert "Only the first 3 policies are listed here." in html
    assert "Only the first 3 initiatives are listed here." in html
    assert 'href="/policies/?country=IT">Browse all policies of Italy</a>' in html
    assert 'href="/initiatives/?country=IT">Browse all initiatives of Italy</a>' in html


def test_no_note_when_everything_is_listed(anonymous, italy, italian_record, limit):
    for n in range(3):
        make_policy(country=italy, title=f"Policy {n:02}")
    html = anonymous.get("/countries/IT/").content.decode()
    assert "Policy 02" in html
    assert "are listed here" not in html


def test_stages_are_listed_in_year_order(anonymous, italy, italian_record):
    policy = make_policy(country=italy, title="Staged policy")
    for year, stage in [(2022, "implementation"), (2019, "design"), (2020, "approved")]:
        policy.stages.create(year=year, stage=stage)
    html = anonymous.get("/countries/IT/").content.decode()
    assert html.index("2019") < html.index("2020") < html.index("2022")
