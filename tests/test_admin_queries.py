"""Admin lists run a fixed number of queries however many rows they show (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import ReviewComment
from tests.conftest import client_for
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
    make_system,
)

pytestmark = pytest.mark.django_db

# Each list: session, user, the editor check, the user's and group permissions, the
# filtered and total counts, the rows with their select_related, and one query per
# list_filter that lists choices (collections, sections, indicators, types, ...).
EXPECTED_QUERIES = {
    "guidancesystem": 12,  # and the number of sections, for "n of 21 complete"
    "sectionentry": 10,
    "indicatorvalue": 10,
    "policy": 11,
    "policystageyear": 9,
    "initiative": 10,
    "organisation": 9,
    "reviewcomment": 8,  # its one filter (open or resolved) reads no choices
}


def add_country_content(n):
    code = "Q" + "ABCDEFGH"[n]
    country = make_country(code=code, iso_country="IT", name=f"Country {n}")
    system = make_system(country=country, collection=make_collection(year=2000 + n))
    entry = make_entry(system=system, section=make_section())
    make_indicator_value(system=system, indicator=make_indicator())
    policy = make_policy(country=country)
    policy.stages.create(year=2020, stage="pilot")
    make_initiative(country=country)
    make_organisation(country=country)
    thread = ReviewComment.objects.create(entry=entry, body="Which year?")
    ReviewComment.objects.create(entry=entry, body="2020.", reply_to=thread)
    ReviewComment.objects.create(policy=policy, body="Still running?")


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", EXPECTED_QUERIES)
def test_admin_list_runs_a_fixed_number_of_queries(editor, model):
    client = client_for(editor)
    path = f"/admin/guidance/{model}/"
    for n in range(3):
        add_country_content(n)
    with_three = count_queries(client, path)
    for n in range(3, 6):
        add_country_content(n)
    assert with_three == EXPECTED_QUERIES[model]
    assert count_queries(client, path) == with_three


def test_an_experts_change_page_asks_for_their_countries_once(italian_expert, italy):
    """Whether the expert may change the entry, its record and its sources is one question:
    which countries are theirs (guidance/rules/permissions.py `editable_country_pks`)."""
    system = make_system(country=italy, collection=make_collection(year=2023))
    entry = make_entry(system=system, section=make_section())
    ReviewComment.objects.create(entry=entry, body="Which year?")
    client = client_for(italian_expert)
    path = f"/admin/guidance/sectionentry/{entry.pk}/change/"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    own_countries = 'FROM "guidance_country" INNER JOIN "guidance_country_experts"'
    asked = [q["sql"] for q in queries.captured_queries if own_countries in q["sql"]]
    assert len(asked) == 1
