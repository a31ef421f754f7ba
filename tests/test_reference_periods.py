"""A collection's reference period decides what its records list and show (issue 16, item 1).

The 2020 collection describes 2017-2019: a policy started in 2020 is not in its records,
though it is in the 2021 records (2019-2021). Without a period, the rule falls back to
"from the previous collection's year to the collection's year".
"""

import shutil
from pathlib import Path

import pytest
from django.conf import settings

from guidance.data.loading import FixtureError, Loader
from guidance.models import Collection, GuidanceSystem, IndicatorValue, Organisation, Policy
from tests.factories import (
    make_collection,
    make_indicator,
    make_indicator_value,
    make_organisation,
    make_policy,
    make_system,
)

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture
def collections(db):
    return {
        year: make_collection(
            year=year, reference_start=start, reference_end=end, status="published"
        )
        for year, start, end in ((2020, 2017, 2019), (2021, 2019, 2021))
    }


def titles(year):
    return set(Policy.objects.existing_in(year).values_list("title", flat=True))


def test_a_policy_started_after_the_period_is_not_listed(italy, collections):
    make_policy(country=italy, title="Started 2020", start_year=2020)
    make_policy(country=italy, title="Started 2019", start_year=2019)
    assert titles(2020) == {"Started 2019"}
    assert titles(2021) == {"Started 2019", "Started 2020"}


def test_a_policy_ended_before_the_period_is_not_listed(italy, collections):
    make_policy(country=italy, title="Ended 2018", start_year=2010, end_year=2018)
    assert titles(2020) == {"Ended 2018"}
    assert titles(2021) == set(), "the 2021 period starts in 2019"


def test_without_a_period_the_previous_collections_year_starts_it(italy, db):
    make_collection(year=2020)
    make_collection(year=2023)
    make_policy(country=italy, title="Ended 2019", start_year=2010, end_year=2019)
    make_policy(country=italy, title="Ended 2020", start_year=2010, end_year=2020)
    make_policy(country=italy, title="Started 2023", start_year=2023)
    assert titles(2023) == {"Ended 2020", "Started 2023"}
    assert titles(2020) == {"Ended 2020"}, "the first collection's period is its own year"


def test_a_collection_shows_its_period_as_years(db):
    assert make_collection(year=2023, reference_start=2020, reference_end=2023).reference_years == (
        "2020\u20132023"
    )
    assert make_collection(year=2021).reference_years == ""


def test_the_period_cannot_end_before_it_starts(db):
    collection = Collection(year=2023, reference_start=2023, reference_end=2020)
    with pytest.raises(Exception, match="end year cannot be before"):
        collection.full_clean()


# -- the record page --------------------------------------------------------------------


@pytest.fixture
def record_2020(italy, collections):
    record = make_system(country=italy, collection=collections[2020])
    make_indicator_value(
        system=record,
        indicator=make_indicator(name="Coordination body"),
        since_year=2012,
        until_year=2018,
    )
    return record


def test_the_record_page_shows_the_collections_period_and_an_answers_end(anonymous, record_2020):
    html = anonymous.get("/countries/IT/2020/").content.decode()
    assert "reference period 2017\u20132019" in html
    assert '<td class="num">2012</td><td class="num">2018</td>' in html


def test_a_record_stating_its_own_period_shows_that(anonymous, record_2020):
    record_2020.reference_period = "January 2018 to June 2019"
    record_2020.save()
    html = anonymous.get("/countries/IT/2020/").content.decode()
    assert "reference period January 2018 to June 2019" in html
    assert "2017\u20132019" not in html


def test_a_demo_record_says_its_date_is_a_demo_date(anonymous, record_2020):
    record_2020.contributors = settings.DEMO_INVENTORY_AUTHOR
    record_2020.save()
    html = anonymous.get("/countries/IT/2020/").content.decode()
    assert "(a demo date)" in html
    assert "not reviewed by the editors" in html
    assert "after review by the editors" not in html


def test_a_record_an_editor_published_says_it_was_reviewed(anonymous, record_2020, editor):
    record_2020.reviewed_by = editor
    record_2020.save()
    html = anonymous.get("/countries/IT/2020/").content.decode()
    assert "after review by the editors" in html
    assert "demo date" not in html


def test_a_policy_published_without_review_does_not_claim_one(anonymous, italy, editor):
    unreviewed = make_policy(country=italy, title="Unreviewed")
    reviewed = make_policy(country=italy, title="Reviewed", reviewed_by=editor)
    assert (
        "reviewed by the editors"
        not in anonymous.get(f"/policies/{unreviewed.pk}/").content.decode()
    )
    assert "reviewed by the editors" in anonymous.get(f"/policies/{reviewed.pk}/").content.decode()


def test_an_organisation_page_shows_when_it_existed(anonymous, italy):
    closed = make_organisation(country=italy, start_year=2005, end_year=2019)
    running = make_organisation(country=italy, start_year=2015)
    assert "From 2005 until 2019." in anonymous.get(f"/organisations/{closed.pk}/").content.decode()
    assert "Since 2015." in anonymous.get(f"/organisations/{running.pk}/").content.decode()


# -- the API ----------------------------------------------------------------------------


def test_the_api_gives_the_period_and_the_years_of_answers_and_organisations(
    anonymous, record_2020, italy
):
    collection = anonymous.get("/api/v1/collections/2020/").json()
    assert (collection["reference_start"], collection["reference_end"]) == (2017, 2019)
    record = anonymous.get("/api/v1/countries/IT/systems/2020/").json()
    assert (
        record["indicator_values"][0]["since_year"],
        record["indicator_values"][0]["until_year"],
    ) == (
        2012,
        2018,
    )
    closed = make_organisation(country=italy, start_year=2000, end_year=2019)
    body = anonymous.get(f"/api/v1/organisations/{closed.pk}/").json()
    assert (body["start_year"], body["end_year"]) == (2000, 2019)


# -- the loader's optional keys ------------------------------------------------------------


@pytest.fixture
def fixtures_copy(tmp_path):
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("demo"))
    (target / "demo").mkdir()
    return target


COUNTRY_FILE = """
country: IT
organisations:
  fund: {name: A closed fund, type: agency, start_year: 2005, end_year: 2019}
records:
  - collection: 2023
    status: published
    {contributors}
    indicators:
      coordination-body: {answer: yes, since: 2020, until: 2023}
"""


def country_file(contributors_line):
    return COUNTRY_FILE.replace("{contributors}", contributors_line)


def test_the_loader_reads_until_organisation_years_and_contributors(fixtures_copy):
    text = country_file("contributors: Demo team of the inventory")
    (fixtures_copy / "demo" / "it.yaml").write_text(text, encoding="utf-8")
    Loader(fixtures_copy).load()
    fund = Organisation.objects.get(name="A closed fund")
    assert (fund.start_year, fund.end_year) == (2005, 2019)
    assert fund.published_at.date() == Collection.objects.get(year=2020).published_on
    value = IndicatorValue.objects.get()
    assert (value.since_year, value.until_year) == (2020, 2023)
    record = GuidanceSystem.objects.get()
    assert record.contributors == "Demo team of the inventory"
    assert record.published_at.date() == record.collection.published_on
    assert record.collection.reference_years == "2020\u20132023"


def test_without_contributors_a_record_is_credited_to_the_demo(fixtures_copy):
    (fixtures_copy / "demo" / "it.yaml").write_text(country_file(""), encoding="utf-8")
    Loader(fixtures_copy).load()
    assert GuidanceSystem.objects.get().contributors == settings.DEMO_INVENTORY_AUTHOR


def test_an_answer_ending_before_it_began_is_refused(fixtures_copy):
    text = country_file("").replace("until: 2023", "until: 2019")
    (fixtures_copy / "demo" / "it.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(FixtureError, match=r"indicators\.coordination-body"):
        Loader(fixtures_copy).load()
