"""/countries/<code>/similar/: closest countries on chosen indicators, the score explained."""

import pytest

from guidance.models import IndicatorAnswer, PublicationStatus
from guidance.reading.similarity import agreement
from tests.factories import make_country, make_indicator, make_indicator_value, make_system

pytestmark = pytest.mark.django_db
YES, PARTLY, NO = IndicatorAnswer.YES, IndicatorAnswer.PARTIAL, IndicatorAnswer.NO


@pytest.fixture
def answers(italian_record, germany, collection_2023):
    """Italy yes/yes; Germany yes/no; Austria yes/partly; France no answers."""
    strategy = make_indicator(slug="strategy", name="Strategy")
    forum = make_indicator(slug="forum", name="Forum")
    records = {
        "IT": italian_record,
        "DE": make_system(country=germany, collection=collection_2023),
        "AT": make_system(
            country=make_country(code="AT", name="Austria"), collection=collection_2023
        ),
    }
    make_country(code="FR", name="France")
    for code, (first, second) in {"IT": (YES, YES), "DE": (YES, NO), "AT": (YES, PARTLY)}.items():
        make_indicator_value(system=records[code], indicator=strategy, answer=first)
        make_indicator_value(system=records[code], indicator=forum, answer=second)
    return records


def test_agreement_scores_partly_as_half():
    assert agreement(YES, YES) == "agree"
    assert agreement(YES, PARTLY) == "half"
    assert agreement(NO, YES) == "differ"


def test_closest_countries_are_ranked_and_explained(anonymous, answers):
    response = anonymous.get("/countries/IT/similar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Austria") < html.index("Germany")
    assert "75% alike on 2 indicators" in html  # Austria: 1 + 0.5 of 2
    assert "50% alike on 2 indicators" in html  # Germany: 1 of 2
    assert "One answers partly: Forum" in html
    assert "Opposite answers: Forum" in html
    assert "Not comparable yet" in html
    assert ">France</a>" in html


def test_choosing_indicators_narrows_the_score(anonymous, answers):
    html = anonymous.get("/countries/IT/similar/?indicators=strategy").content.decode()
    assert "100% alike on 1 indicator" in html
    assert "Forum" not in html.split("Closest countries")[1]


def test_unknown_indicators_are_a_friendly_message(anonymous, answers):
    response = anonymous.get("/countries/IT/similar/?indicators=strategy,<b>nope</b>")
    assert response.status_code == 400
    assert "Unknown indicators ignored: &lt;b&gt;nope&lt;/b&gt;" in response.content.decode()


def test_a_draft_record_is_not_compared_in_public(anonymous, answers):
    answers["AT"].status = PublicationStatus.DRAFT
    answers["AT"].save()
    html = anonymous.get("/countries/IT/similar/").content.decode()
    assert "75% alike" not in html


def test_an_unknown_country_is_a_404(anonymous, db):
    assert anonymous.get("/countries/ZZ/similar/").status_code == 404


@pytest.mark.parametrize("extra", [0, 4])
def test_the_similar_query_count_does_not_grow(
    anonymous, answers, collection_2023, extra, django_assert_num_queries
):
    for n in range(extra):
        record = make_system(
            country=make_country(code=f"Q{chr(65 + n)}", name=f"Country {n}"),
            collection=collection_2023,
        )
        make_indicator_value(
            system=record, indicator=answers["IT"].indicator_values.first().indicator
        )
    # the country, indicators, countries, collections, values with records, their sources
    with django_assert_num_queries(6):
        anonymous.get("/countries/IT/similar/")
