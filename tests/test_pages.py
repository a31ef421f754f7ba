"""The public pages answer with published content only, in a fixed number of queries."""

import pytest
from django.urls import set_script_prefix

from guidance.models import PublicationStatus
from guidance.templatetags.guidance_tags import site_url
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
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_profile(italy, italian_record, sections):
    """A published Italian record with three written sections, policies and initiatives."""
    for section in sections:
        entry = make_entry(
            system=italian_record, section=section, body=f"Italian text on {section.title}."
        )
        entry.sources.add(make_source(title=f"Source for {section.title}"))
    for n in range(3):
        make_indicator_value(system=italian_record, indicator=make_indicator(name=f"Indicator {n}"))
        policy = make_policy(country=italy, title=f"Italian policy {n}")
        policy.stages.create(year=2020, stage="implementation")
        policy.sources.add(make_source())
        organisation = make_organisation(country=italy, name=f"Italian organisation {n}")
        policy.responsible_organisations.add(organisation)
        initiative = make_initiative(country=italy, title=f"Italian initiative {n}")
        initiative.sources.add(make_source())
        initiative.providers.add(organisation)
    return italian_record


def test_home_lists_countries_by_group(
    anonymous, italy, germany, italian_record, django_assert_num_queries
):
    # countries annotated with their published record count, latest updates, indicators,
    # collection years, sections, the records and their entries for the map
    with django_assert_num_queries(6):
        response = anonymous.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "EU member states" in html
    assert '<a href="/countries/IT/">Italy</a>' in html
    assert "1 record" in html


def test_country_page_shows_the_latest_published_record(
    anonymous, italian_profile, django_assert_num_queries
):
    # The parts' key columns: country with its parent, records, entries, sections,
    # policies, initiatives (each with stamps of what they link to), subdivisions,
    # indicator values, organisations (9); with no cache, every part is missing, so its
    # rows are loaded in full: entries, entry sources, indicator values, value sources,
    # policies, stages, policy sources, policy organisations, initiatives, initiative
    # sources, providers, delivery modes (12), and the stage years of the policy timeline
    # (1). With the parts cached, only the first 9 (tests/test_fragments.py,
    # tests/test_profile_parts.py).
    with django_assert_num_queries(22):
        response = anonymous.get("/countries/IT/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Italian text on Section 1." in html
    assert "Source for Section 2" in html
    assert "Italian policy 2" in html
    assert "Italian initiative 0" in html
    assert "Italian organisation 1" in html
    assert '<span class="year">2020</span> implementation' in html
    assert "Responsible: Italian organisation 2" in html
    assert "Provided by: Italian organisation 0" in html


def test_a_section_without_text_says_not_reported(anonymous, italian_record, sections):
    make_entry(system=italian_record, section=sections[0])
    html = anonymous.get("/countries/IT/").content.decode()
    assert html.count("Not reported for this collection.") == 2


def test_the_public_never_sees_a_draft(anonymous, italy, italian_record, sections):
    draft = make_system(
        country=italy,
        collection=make_collection(year=2025),
        status=PublicationStatus.DRAFT,
        based_on=italian_record,
    )
    make_entry(system=draft, section=sections[0], body="Unreviewed draft text.")
    make_policy(country=italy, title="Draft policy", status=PublicationStatus.DRAFT)
    make_initiative(country=italy, title="Draft initiative", status=PublicationStatus.IN_REVIEW)

    html = anonymous.get("/countries/IT/").content.decode()
    assert "Unreviewed draft text." not in html
    assert "Draft policy" not in html
    assert "Draft initiative" not in html
    assert "/countries/IT/2025/" not in html
    assert anonymous.get("/countries/IT/2025/").status_code == 404


def test_the_italian_expert_previews_the_italian_draft(
    italian_expert, italy, italian_record, sections
):
    draft = make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )
    make_entry(system=draft, section=sections[0], body="Unreviewed draft text.")
    response = client_for(italian_expert).get("/countries/IT/2025/")
    assert response.status_code == 200
    assert "Unreviewed draft text." in response.content.decode()
    assert "not public" in response.content.decode()


def test_the_german_expert_cannot_see_the_italian_draft(german_expert, italy, italian_record):
    make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )
    assert client_for(german_expert).get("/countries/IT/2025/").status_code == 404


def test_an_older_collection_has_its_own_page(anonymous, italy, italian_record, sections):
    older = make_system(
        country=italy, collection=make_collection(year=2020), summary="The 2020 view."
    )
    italian_record.based_on = older
    italian_record.save()
    response = anonymous.get("/countries/IT/2020/")
    assert response.status_code == 200
    assert "The 2020 view." in response.content.decode()
    assert 'href="/countries/IT/2020/"' in anonymous.get("/countries/IT/").content.decode()


def test_a_country_without_a_record_says_so(anonymous, germany):
    response = anonymous.get("/countries/DE/")
    assert response.status_code == 200
    assert "No published record for Germany yet." in response.content.decode()


def test_an_unknown_country_gets_a_friendly_404(anonymous, db):
    response = anonymous.get("/countries/ZZ/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_lowercase_codes_work(anonymous, italian_record):
    assert anonymous.get("/countries/it/").status_code == 200


def test_pages_have_a_skip_link_title_and_language(anonymous, italian_record):
    html = anonymous.get("/countries/IT/").content.decode()
    assert '<html lang="en">' in html
    assert 'href="#main"' in html
    assert "<title>Italy (2023)" in html


def test_a_country_and_its_subnational_entity_link_to_each_other(anonymous, db):
    belgium = make_country(code="BE", name="Belgium")
    make_country(code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium)
    assert (
        '<a href="/countries/BE-FL/">Belgium (Flanders)</a>'
        in anonymous.get("/countries/BE/").content.decode()
    )
    assert (
        '<a href="/countries/BE/">Belgium</a>'
        in anonymous.get("/countries/be-fl/").content.decode()
    )


@pytest.mark.parametrize("policy_count", [5, 50])
def test_the_profile_query_count_does_not_grow_with_policies(
    anonymous, italy, italian_profile, policy_count, django_assert_num_queries
):
    for n in range(policy_count):
        policy = make_policy(country=italy, title=f"Extra policy {n}", start_year=2000 + n % 20)
        policy.stages.create(year=2021, stage="pilot")
        policy.sources.add(make_source())
    with django_assert_num_queries(22):  # as in the test above
        response = anonymous.get("/countries/IT/2023/")
    assert f"Extra policy {policy_count - 1}" in response.content.decode()


def test_the_profile_shows_contents_review_status_and_last_updates(anonymous, italian_profile):
    html = anonymous.get("/countries/IT/").content.decode()
    assert (
        'href="#section-s1">1. Section 1</a> <span class="completeness">(complete)</span>' in html
    )
    assert "Published on " in html
    assert "after review by the editors" not in html, "published without a reviewer"
    assert html.count("last updated") >= 3
    assert "Stage timeline" in html
    assert 'aria-current="page"><strong>2023</strong>' in html
    assert 'href="http://testserver/countries/IT/2023/"' in html


def test_the_footer_pages_exist(anonymous, db):
    for path, heading in [
        ("/about/", "About this inventory"),
        ("/accessibility/", "Accessibility statement"),
        ("/how-to-cite/", "How to cite"),
        ("/licence/", "Data licence"),
    ]:
        response = anonymous.get(path)
        assert response.status_code == 200
        assert f"<h1>{heading}</h1>" in response.content.decode()


def test_the_site_links_follow_the_script_prefix():
    """base.html reverses its links once per script prefix (guidance_tags.site_url)."""
    set_script_prefix("/inventory/")  # as a WSGI server mounting the site there does
    try:
        assert site_url("guidance:compare") == "/inventory/compare/"
    finally:
        set_script_prefix("/")
    assert site_url("guidance:compare") == "/compare/"


def test_the_500_page_renders_without_a_request_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'href="#main"' in html
