"""What changed between a record and the one it was based on."""

import re

import pytest

from guidance.models import IndicatorAnswer, Initiative, Policy, PolicyStage, PublicationStatus
from guidance.reading.changes import DELETED, EQUAL, INSERTED, word_diff
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_policy,
    make_system,
)

pytestmark = pytest.mark.django_db


def without_tags(html):
    return re.sub(r"<[^>]+>", "", html)


def test_word_diff_shows_exactly_the_changed_words():
    pieces = word_diff("The forum meets twice a year.", "The forum meets four times a year.")
    assert pieces == [
        (EQUAL, "The forum meets "),
        (DELETED, "twice"),
        (INSERTED, "four times"),
        (EQUAL, " a year."),
    ]


def test_word_diff_rebuilds_both_texts():
    old, new = "One two\n\nthree four.", "One three\n\nfour five."
    pieces = word_diff(old, new)
    assert "".join(text for kind, text in pieces if kind != INSERTED) == old
    assert "".join(text for kind, text in pieces if kind != DELETED) == new


def test_rewrapped_lines_are_not_a_change():
    assert word_diff("The forum\nmeets  often.", "The forum meets\noften.") == [
        (EQUAL, "The forum meets often.")
    ]


@pytest.fixture
def italian_revision(italy, italian_record, sections):
    """Italy 2020 → 2023: one section reworded, one added, an indicator changed.

    A 2017 collection (without an Italian record) makes 2017-2020 the reference period of
    2020, and 2020-2023 that of 2023.
    """
    make_collection(year=2017)
    older = make_system(country=italy, collection=make_collection(year=2020))
    italian_record.based_on = older
    italian_record.save()
    make_entry(system=older, section=sections[0], body="The forum meets twice a year.")
    make_entry(
        system=italian_record, section=sections[0], body="The forum meets four times a year."
    )
    make_entry(system=italian_record, section=sections[1], body="A new section on access.")
    indicator = make_indicator(name="National strategy")
    make_indicator_value(system=older, indicator=indicator, answer=IndicatorAnswer.NO)
    make_indicator_value(system=italian_record, indicator=indicator, answer=IndicatorAnswer.YES)
    make_policy(country=italy, title="Guidance guidelines 2022", start_year=2022)
    make_policy(country=italy, title="Repealed law", start_year=2010, end_year=2018)
    make_policy(country=italy, title="Old law", start_year=2010, end_year=2021)
    stopped = make_policy(country=italy, title="Stopped pilot", start_year=2019)
    stopped.stages.create(year=2022, stage=PolicyStage.DISCONTINUED)
    make_policy(
        country=italy, title="Draft reform", start_year=2022, status=PublicationStatus.DRAFT
    )
    make_initiative(country=italy, title="New portal", start_year=2021)
    make_initiative(country=italy, title="Closed centre", start_year=2015, end_year=2019)
    return italian_record


def test_the_changes_page_shows_the_known_change(
    anonymous, italian_revision, django_assert_num_queries
):
    # country, record with its base, the country's visible records, sections, entries,
    # indicators, indicator values, policies added or ended, initiatives added or ended
    with django_assert_num_queries(9):
        response = anonymous.get("/countries/IT/2023/changes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<p>The forum meets <del><span class="visually-hidden">[removed: </span>twice'
        '<span class="visually-hidden">]</span></del> a year.</p>'
    ) in html
    assert (
        '<p>The forum meets <ins><span class="visually-hidden">[added: </span>four times'
        '<span class="visually-hidden">]</span></ins> a year.</p>'
    ) in html
    assert "2 sections changed" in html
    assert "New in this record." in html
    assert "1 indicator value changed" in html
    assert "Policy added: Guidance guidelines 2022 (from 2022)" in without_tags(html)
    assert "Policy ended: Repealed law (in 2018)" in without_tags(html)
    assert "Draft reform" not in html
    assert "Initiative added: New portal (from 2021)" in without_tags(html)
    assert "Initiative ended: Closed centre (in 2019)" in without_tags(html)


def test_what_ended_within_the_newer_period_still_existed_in_it(anonymous, italian_revision):
    """Old law (ended 2021) and Stopped pilot (discontinued 2022) ran in 2020-2023: the 2023
    record lists them, so they have not ended between the two records."""
    html = anonymous.get("/countries/IT/2023/changes/").content.decode()
    assert "Old law" not in html
    assert "Stopped pilot" not in html


def test_the_changes_are_the_difference_between_the_two_records_lists(anonymous, italian_revision):
    changes = anonymous.get("/countries/IT/2023/changes/").context["changes"]
    for model, added, ended in (
        (Policy, changes.policies_added, changes.policies_ended),
        (Initiative, changes.initiatives_added, changes.initiatives_ended),
    ):
        published = model.objects.filter(status=PublicationStatus.PUBLISHED)
        in_2020, in_2023 = set(published.existing_in(2020)), set(published.existing_in(2023))
        assert set(added) == in_2023 - in_2020
        assert set(ended) == in_2020 - in_2023


def test_added_and_ended_policies_and_initiatives_link_to_their_pages(anonymous, italian_revision):
    html = anonymous.get("/countries/IT/2023/changes/").content.decode()
    for model, title in (
        (Policy, "Guidance guidelines 2022"),
        (Policy, "Repealed law"),
        (Initiative, "New portal"),
        (Initiative, "Closed centre"),
    ):
        item = model.objects.get(title=title)
        kind = "policies" if model is Policy else "initiatives"
        assert f'<a href="/{kind}/{item.pk}/">{title}</a>' in html


@pytest.mark.parametrize("extra_policies", [5, 50])
def test_the_changes_page_query_count_does_not_grow_with_policies(
    anonymous, italy, italian_revision, extra_policies, django_assert_num_queries
):
    for n in range(extra_policies):
        policy = make_policy(country=italy, title=f"Extra {n}", start_year=2021)
        policy.stages.create(year=2021, stage=PolicyStage.PILOT)
    with django_assert_num_queries(9):  # as above
        response = anonymous.get("/countries/IT/2023/changes/")
    assert f"{extra_policies + 1} policies added" in response.content.decode()


def test_one_section_has_its_own_changes_page(anonymous, italian_revision):
    response = anonymous.get("/countries/IT/2023/changes/s1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "four times" in html
    assert "A new section on access." not in html
    assert "1 section changed" in html


def test_a_first_record_has_nothing_to_compare(anonymous, italian_record):
    response = anonymous.get("/countries/IT/2023/changes/")
    assert response.status_code == 200
    assert "nothing to compare it with" in response.content.decode()


def test_the_changes_of_a_draft_are_not_public(anonymous, german_expert, italy, italian_record):
    make_system(
        country=italy,
        collection=make_collection(year=2025),
        status=PublicationStatus.DRAFT,
        based_on=italian_record,
    )
    assert anonymous.get("/countries/IT/2025/changes/").status_code == 404
    assert client_for(german_expert).get("/countries/IT/2025/changes/").status_code == 404


def test_an_absurd_year_or_unknown_section_is_a_404(anonymous, italian_revision):
    assert anonymous.get("/countries/IT/99999/changes/").status_code == 404
    assert anonymous.get("/countries/IT/abc/changes/").status_code == 404
    assert anonymous.get("/countries/IT/2023/changes/nonsense/").status_code == 404


def test_the_profile_links_to_its_changes(anonymous, italian_revision):
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert 'href="/countries/IT/2023/changes/"' in html
