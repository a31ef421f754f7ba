"""/organisations/: the register filtered by type and country; a detail page with mentions."""

import re

import pytest

from guidance.models import OrganisationType, PublicationStatus
from tests.conftest import client_for
from tests.factories import (
    make_entry,
    make_initiative,
    make_organisation,
    make_policy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def anpal(italy, italian_record, sections):
    anpal = make_organisation(
        country=italy, name="National Agency for Active Labour Policies", acronym="ANPAL"
    )
    make_policy(country=italy, title="Guidance guidelines").responsible_organisations.add(anpal)
    make_policy(
        country=italy, title="Draft decree", status=PublicationStatus.DRAFT
    ).responsible_organisations.add(anpal)
    make_initiative(country=italy, title="Youth Guarantee desks").providers.add(anpal)
    make_entry(system=italian_record, section=sections[0], body="ANPAL coordinates the PES.")
    return anpal


def test_the_register_filters_by_type_and_country(anonymous, anpal, germany):
    forum_type = OrganisationType.objects.create(code="forum", name="National guidance forum")
    make_organisation(country=germany, name="German forum", type=forum_type)
    html = anonymous.get("/organisations/").content.decode()
    assert "ANPAL" in html and "German forum" in html
    html = anonymous.get("/organisations/?type=forum").content.decode()
    assert "German forum" in html and "ANPAL" not in html
    html = anonymous.get("/organisations/?country=IT").content.decode()
    assert "ANPAL" in html and "German forum" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("type=castle", "castle is not one of the available choices"),
        ("country=ZZ", "ZZ is not one of the available choices"),
        ("colour=red", "Unknown parameter “colour”"),
    ],
)
def test_a_bad_filter_is_a_message_naming_the_parameter(anonymous, anpal, query, message):
    response = anonymous.get(f"/organisations/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f"<code>{query.split('=')[0]}</code>" in html
    assert message in html


@pytest.mark.parametrize(("page", "status"), [("-3", 404), ("0", 404), ("2", 404), ("x", 400)])
def test_a_page_outside_the_register_is_not_found_and_a_bad_one_refused(
    anonymous, anpal, page, status
):
    response = anonymous.get(f"/organisations/?country=IT&page={page}")
    assert response.status_code == status
    assert "ANPAL" not in response.content.decode()


def test_blank_form_fields_are_ignored(anonymous, anpal):
    response = anonymous.get("/organisations/?type=&country=IT&search=")
    assert response.status_code == 200
    assert "ANPAL" in response.content.decode()


@pytest.mark.parametrize("query", ["country=IT", "type=forum", "search=forum", "country_group=eu"])
def test_the_register_lists_the_apis_rows_for_the_same_query(anonymous, anpal, germany, query):
    forum_type = OrganisationType.objects.create(code="forum", name="National guidance forum")
    make_organisation(country=germany, name="German forum", type=forum_type)
    api = anonymous.get(f"/api/v1/organisations/?{query}").json()
    html = anonymous.get(f"/organisations/?{query}").content.decode()
    shown = re.findall(r'<a href="/organisations/(\d+)/">', html)
    assert sorted(int(pk) for pk in shown) == sorted(row["id"] for row in api["results"])
    assert api["count"] >= 1
    assert f'href="/api/v1/organisations/?{query}"' in html


def test_the_detail_links_published_policies_initiatives_and_records(anonymous, anpal):
    html = anonymous.get(f"/organisations/{anpal.pk}/").content.decode()
    assert "Guidance guidelines" in html
    assert "Youth Guarantee desks" in html
    assert "Draft decree" not in html
    assert 'href="/countries/IT/2023/"' in html
    assert re.search(r'<a href="/policies/\d+/">Guidance guidelines</a>', html)
    assert re.search(r'<a href="/initiatives/\d+/">Youth Guarantee desks</a>', html)


def test_the_italian_expert_sees_the_draft_marked(italian_expert, anpal):
    html = client_for(italian_expert).get(f"/organisations/{anpal.pk}/").content.decode()
    assert "Draft decree" in html
    assert "Draft</span>" in html


def test_an_unknown_organisation_is_a_404(anonymous, db):
    assert anonymous.get("/organisations/999999/").status_code == 404


@pytest.mark.parametrize("extra", [0, 4])
def test_organisation_query_counts_do_not_grow(
    anonymous, anpal, italy, extra, django_assert_num_queries
):
    for _ in range(extra):
        organisation = make_organisation(country=italy)
        make_policy(country=italy).responsible_organisations.add(anpal, organisation)
        make_initiative(country=italy).providers.add(anpal)
    # types, countries with organisations, the count, the page of organisations
    with django_assert_num_queries(4):
        anonymous.get("/organisations/")
    # the organisation, its policies, its initiatives, records mentioning it
    with django_assert_num_queries(4):
        anonymous.get(f"/organisations/{anpal.pk}/")


def test_policy_initiative_and_profile_pages_link_to_the_organisation(anonymous, anpal):
    policy = anpal.policies.get(title="Guidance guidelines")
    initiative = anpal.initiatives.get()
    for path in [f"/policies/{policy.pk}/", f"/initiatives/{initiative.pk}/", "/countries/IT/"]:
        html = anonymous.get(path).content.decode()
        assert f'href="/organisations/{anpal.pk}/"' in html, path
