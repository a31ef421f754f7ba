"""The demo says only what was valid in each record's reference period (issue 16, item 1).

How it works: the shipped fixtures are loaded (`load_demo`) once into the test database,
and three rules from guidance/data/validity.py are run over every record:

(a) no section or indicator cites a source whose `year` is after the end of the record's
    reference period (collection 2020 covers 2017-2019, fixtures/collections.yaml), or
    after the collection's own year when that is later (a 2020 record may cite Cedefop's
    2020 record of the same country, which describes 2017-2019);
(b) no record lists, or names by its title in a section text, a policy or initiative
    whose `start_year` is after that period, nor names an organisation founded after it;
(c) no indicator answer holds `since` a year after the period or `until` a year before it.

Each rule is first shown to fail on a small, deliberately bad country file.
"""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from guidance.data import validity
from guidance.data.loading import Loader
from guidance.models import Collection, GuidanceSystem, Organisation, Policy, PublicationStatus

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# -- each rule fails on a deliberately bad fixture -------------------------------------


@pytest.fixture
def bad_demo(tmp_path):
    """Load the reference files and one country file written by the test."""

    def load(text):
        target = tmp_path / "fixtures"
        shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("demo"))
        (target / "demo").mkdir()
        (target / "demo" / "it.yaml").write_text(text, encoding="utf-8")
        Loader(target).load()
        return list(validity.records())

    return load


ITALY_2020 = """
country: IT
sources:
  old: {{title: A 2018 report, year: 2018, url: "https://example.org/2018"}}
  of_2020: {{title: A 2020 report, year: 2020, url: "https://example.org/2020"}}
  new: {{title: A 2023 report, year: 2023, url: "https://example.org/2023"}}
records:
  - collection: 2020
    status: published
    sections:
      introduction:
        completeness: complete
        body: {body}
        sources: [{source}]
    indicators:
      national-strategy: {indicator}
"""


def italy_2020(body="Guidance is run by the regions.", source="old", indicator=None):
    indicator = indicator or "{answer: yes, since: 2014, sources: [old]}"
    return ITALY_2020.format(body=body, source=source, indicator=indicator)


POLICY_OF_2022 = """
policies:
  - title: Reform of the employment services
    status: published
    instrument_type: legislation
    start_year: 2022
"""


def test_a_good_record_breaks_no_rule(bad_demo):
    """A 2020 source is fine for a 2020 record describing 2017-2019."""
    records = bad_demo(italy_2020(source="of_2020") + POLICY_OF_2022)
    assert validity.sources_after_period(records) == []
    assert validity.content_after_period(records) == []
    assert validity.organisations_after_period(records) == []
    assert validity.indicators_outside_period(records) == []


def test_a_2020_record_citing_a_2023_source_fails(bad_demo):
    records = bad_demo(italy_2020(source="new"))
    assert validity.sources_after_period(records) == [
        "IT 2020 (period 2017-2019): section introduction cites 'A 2023 report' (2023)"
    ]


def test_an_indicator_resting_on_a_later_source_fails(bad_demo):
    records = bad_demo(italy_2020(indicator="{answer: yes, sources: [new]}"))
    assert validity.sources_after_period(records) == [
        "IT 2020 (period 2017-2019): indicator national-strategy cites 'A 2023 report' (2023)"
    ]


def test_a_2020_record_naming_a_policy_of_2022_fails(bad_demo):
    records = bad_demo(
        italy_2020(body="Since the reform of the employment services, guidance is ...")
        + POLICY_OF_2022
    )
    assert validity.content_after_period(records) == [
        "IT 2020 (period 2017-2019): section introduction names "
        "'Reform of the employment services' (started 2022)"
    ]


def test_a_2020_record_naming_an_organisation_founded_in_2021_fails(bad_demo):
    records = bad_demo(
        italy_2020(body="The new agency coordinates guidance.")
        + "organisations:\n  agency: {name: The new agency, type: agency, start_year: 2021}\n"
    )
    assert validity.organisations_after_period(records) == [
        "IT 2020 (period 2017-2019): section introduction names 'The new agency' (founded 2021)"
    ]


def test_a_record_listing_a_later_policy_fails(bad_demo, monkeypatch):
    """If the one rule of what a record lists forgot the period, the check would see it."""
    records = bad_demo(italy_2020() + POLICY_OF_2022)
    monkeypatch.setattr(Policy.objects._queryset_class, "existing_in", lambda self, year: self)
    assert validity.content_after_period(records) == [
        "IT 2020 (period 2017-2019): lists 'Reform of the employment services' (started 2022)"
    ]


def test_an_answer_holding_since_after_the_period_fails(bad_demo):
    records = bad_demo(italy_2020(indicator="{answer: yes, since: 2021}"))
    assert validity.indicators_outside_period(records) == [
        "IT 2020 (period 2017-2019): indicator national-strategy holds since 2021"
    ]


def test_an_answer_that_ended_before_the_period_fails(bad_demo):
    records = bad_demo(italy_2020(indicator="{answer: yes, since: 2010, until: 2015}"))
    assert validity.indicators_outside_period(records) == [
        "IT 2020 (period 2017-2019): indicator national-strategy held until 2015"
    ]


# -- the shipped demo ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_inventory(django_db_setup, django_db_blocker):
    """The shipped inventory, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield list(validity.records())
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_inventory, db):
    return demo_inventory


def test_the_demo_has_records_to_check(demo):
    assert len(demo) >= 15


def test_no_demo_record_cites_a_source_written_after_its_period(demo):
    assert validity.sources_after_period(demo) == []


def test_no_demo_record_lists_or_names_what_started_after_its_period(demo):
    assert validity.content_after_period(demo) == []


def test_no_demo_record_names_an_organisation_founded_after_its_period(demo):
    assert validity.organisations_after_period(demo) == []


def test_no_demo_indicator_answer_lies_outside_its_period(demo):
    assert validity.indicators_outside_period(demo) == []


# -- honest metadata (issue 16, item 3) ------------------------------------------------


def test_every_collection_has_a_reference_period_and_a_realistic_demo_date(demo):
    for collection in Collection.objects.all():
        start, end = collection.reference_start, collection.reference_end
        published = collection.published_on
        assert start is not None and end is not None and start <= end <= collection.year
        assert published is not None, collection
        assert published.year == collection.year, "named by its year of publication"
        assert end <= published.year <= end + 1, "within the year after its period"


def test_demo_records_carry_their_collections_date_and_the_demo_author(demo):
    published = GuidanceSystem.objects.live().filter(status=PublicationStatus.PUBLISHED)
    assert published.exists()
    for record in published.select_related("collection"):
        assert record.published_at.date() == record.collection.published_on, record
        assert record.contributors == settings.DEMO_INVENTORY_AUTHOR, record
        assert record.reviewed_by_id is None, "nobody reviewed the demo"


def test_demo_content_is_dated_by_the_first_collection_that_lists_it(demo):
    first_publication = Collection.objects.order_by("year").first().published_on
    last_publication = Collection.objects.order_by("year").last().published_on
    for policy in Policy.objects.live().filter(status=PublicationStatus.PUBLISHED):
        assert first_publication <= policy.published_at.date() <= last_publication, policy
    organisations = Organisation.objects.live()
    assert {o.published_at.date() for o in organisations} <= set(
        Collection.objects.values_list("published_on", flat=True)
    )


def test_a_record_may_name_a_later_policy_as_a_plan(bad_demo):
    records = bad_demo(
        italy_2020(
            body="The reform of the employment services was planned for 2022. Regions run it."
        )
        + POLICY_OF_2022
    )
    assert validity.content_after_period(records) == []
