"""The shared FilterSets: several values, exact matches, errors naming the parameter."""

import pytest
from django.http import QueryDict

from guidance.filtersets import GuidanceSystemFilterSet, InitiativeFilterSet, PolicyFilterSet
from guidance.models import (
    CollectionStatus,
    GuidanceSystem,
    Initiative,
    Policy,
    PolicyStage,
    PolicyStageYear,
    PublicationStatus,
    TargetGroup,
)
from guidance.query.validation import validate_params
from tests.factories import (
    make_collection,
    make_country,
    make_initiative,
    make_policy,
    make_section,
    make_system,
)


def titles(filterset_class, query, queryset):
    filterset, errors = validate_params(filterset_class, QueryDict(query), queryset)
    assert errors == {}
    return sorted(row.title for row in filterset.qs)


@pytest.fixture
def policies(db):
    italy = make_country(code="IT", name="Italy")
    germany = make_country(code="DE", name="Germany")
    norway = make_country(code="NO", name="Norway", group="eea_efta")
    pupils = TargetGroup.objects.create(code="pupils", name="Pupils")
    access = make_section(slug="access")
    strategy = make_policy(country=italy, title="Italian strategy", start_year=2014)
    strategy.target_groups.add(pupils)
    strategy.sections.add(access)
    PolicyStageYear.objects.create(policy=strategy, year=2015, stage=PolicyStage.PILOT)
    PolicyStageYear.objects.create(policy=strategy, year=2018, stage=PolicyStage.IMPLEMENTATION)
    make_policy(country=germany, title="German law", start_year=2019, summary="Berufsberatung law")
    make_policy(country=norway, title="Norwegian plan", start_year=2020)
    return Policy.objects.all()


def test_several_countries_comma_separated_or_repeated(policies):
    expected = ["German law", "Italian strategy"]
    assert titles(PolicyFilterSet, "country=IT,DE", policies) == expected
    assert titles(PolicyFilterSet, "country=IT&country=DE", policies) == expected
    assert titles(PolicyFilterSet, "country=IT", policies) == ["Italian strategy"]


def test_country_group_target_group_and_section(policies):
    assert titles(PolicyFilterSet, "country_group=eea_efta", policies) == ["Norwegian plan"]
    assert titles(PolicyFilterSet, "target_group=pupils", policies) == ["Italian strategy"]
    assert titles(PolicyFilterSet, "section=access", policies) == ["Italian strategy"]


def test_stage_in_any_year_and_in_a_given_year(policies):
    assert titles(PolicyFilterSet, "stage=pilot", policies) == ["Italian strategy"]
    assert titles(PolicyFilterSet, "stage=pilot&stage_year=2015", policies) == ["Italian strategy"]
    assert titles(PolicyFilterSet, "stage=pilot&stage_year=2018", policies) == []


def test_year_ranges_and_search(policies):
    assert titles(PolicyFilterSet, "start_year_min=2019", policies) == [
        "German law",
        "Norwegian plan",
    ]
    assert titles(PolicyFilterSet, "start_year_max=2014", policies) == ["Italian strategy"]
    assert titles(PolicyFilterSet, "search=law", policies) == ["German law"]


def test_updated_since_with_a_large_offset(policies):
    query = "updated_since=2000-01-01T00:00:00-17:08"
    assert len(titles(PolicyFilterSet, query, policies)) == 3


def test_ordering(policies):
    filterset, errors = validate_params(
        PolicyFilterSet, QueryDict("ordering=-start_year"), policies
    )
    assert errors == {}
    assert [p.title for p in filterset.qs] == ["Norwegian plan", "German law", "Italian strategy"]


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("country=XX", "country"),
        ("country_group=nowhere", "country_group"),
        ("stage=dreaming", "stage"),
        ("start_year_min=abc", "start_year_min"),
        ("start_year_min=99999", "start_year_min"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=0001-01-01T00:00:00%2B14:00", "updated_since"),
        ("ordering=password", "ordering"),
        ("countrry=IT", "countrry"),
        ("start_year_min=2000&start_year_min=2001", "start_year_min"),
    ],
)
def test_bad_parameters_are_named(policies, query, parameter):
    _, errors = validate_params(PolicyFilterSet, QueryDict(query), policies)
    assert list(errors) == [parameter]
    assert errors[parameter][0]


def test_standard_parameters_are_allowed(policies):
    _, errors = validate_params(
        PolicyFilterSet, QueryDict("page=2&format=csv&fields=title"), policies
    )
    assert errors == {}


def test_good_practice_flag(db):
    italy = make_country(code="IT")
    make_initiative(country=italy, title="Good", is_good_practice=True)
    make_initiative(country=italy, title="Other")
    assert titles(InitiativeFilterSet, "good_practice=true", Initiative.objects.all()) == ["Good"]
    assert titles(InitiativeFilterSet, "good_practice=false", Initiative.objects.all()) == ["Other"]
    _, errors = validate_params(
        InitiativeFilterSet, QueryDict("good_practice=maybe"), Initiative.objects.all()
    )
    assert list(errors) == ["good_practice"]


def test_records_as_of_a_collection(db):
    italy, germany = make_country(code="IT"), make_country(code="DE")
    c2020 = make_collection(year=2020, status=CollectionStatus.PUBLISHED)
    c2023 = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    make_collection(year=2025)
    it2020 = make_system(country=italy, collection=c2020)
    it2023 = make_system(country=italy, collection=c2023)
    de2020 = make_system(country=germany, collection=c2020)

    def records(query):
        filterset, errors = validate_params(
            GuidanceSystemFilterSet, QueryDict(query), GuidanceSystem.objects.all()
        )
        assert errors == {}
        return set(filterset.qs)

    assert records("") == {it2023, de2020}
    assert records("collection=2020") == {it2020, de2020}
    assert records("collection=2023&country=DE") == {de2020}
    _, errors = validate_params(
        GuidanceSystemFilterSet, QueryDict("collection=1999"), GuidanceSystem.objects.all()
    )
    assert list(errors) == ["collection"]


def test_draft_records_as_of_are_narrowed_by_the_queryset_given(db):
    italy = make_country(code="IT")
    c2020 = make_collection(year=2020, status=CollectionStatus.PUBLISHED)
    c2023 = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    published = make_system(country=italy, collection=c2020)
    make_system(country=italy, collection=c2023, status=PublicationStatus.DRAFT)
    filterset, _ = validate_params(
        GuidanceSystemFilterSet, QueryDict(""), GuidanceSystem.objects.published()
    )
    assert list(filterset.qs) == [published]
