"""The record page is built for writing (issue 14, item 6).

Every section is a box in section order, written or not; a box left empty writes nothing;
last collection's text stands beside each box; the source picker offers the record's own
country's sources first; adding a record starts it from the country's latest published one.
Pages are read and posted as rendered (tests/rendered_forms.py), as a browser would.
"""

import re
from urllib.parse import urlencode

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guidance.models import (
    Completeness,
    GuidanceSystem,
    PublicationStatus,
    SectionEntry,
)
from tests.conftest import client_for
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_section,
    make_source,
    make_system,
)
from tests.rendered_forms import post_rendered, press, rendered_form

pytestmark = pytest.mark.django_db

ACTORS = ["italian_expert", "editor"]
FORM = "guidancesystem_form"


@pytest.fixture
def five_sections(db):
    # Created out of order, so that section order is not creation order.
    return sorted(
        (make_section(number=n, slug=f"s{n}", title=f"Heading {n}") for n in (4, 2, 5, 1, 3)),
        key=lambda section: section.number,
    )


@pytest.fixture
def published_2023(italy, five_sections):
    record = make_system(country=italy, collection=make_collection(year=2023))
    make_entry(system=record, section=five_sections[1], body="Guidance in 2023.")
    make_entry(system=record, section=five_sections[3], body="Old text of four.")
    return record


@pytest.fixture
def draft_2025(italy, five_sections, published_2023):
    """Sections 2 and 4 written (2 unchanged since 2023, 4 rewritten); 1, 3 and 5 not."""
    record = make_system(
        country=italy,
        collection=make_collection(year=2025),
        status=PublicationStatus.DRAFT,
        based_on=published_2023,
    )
    make_entry(system=record, section=five_sections[1], body="Guidance in 2023.")
    make_entry(system=record, section=five_sections[3], body="New text of four.")
    return record


def change_page(record):
    return f"/admin/guidance/guidancesystem/{record.pk}/change/"


def box_headings(html):
    """The headings of the section boxes, in page order."""
    boxes = html[html.index('id="entries-group"') : html.index('id="indicator_values-group"')]
    return re.findall(r'<span class="inline_label">([^<]*)</span>', boxes)


def entry_prefix(form, section):
    """The form prefix ("entries-3") of the box whose hidden section is `section`."""
    return next(
        name.removesuffix("-section")
        for name, value in form.fields
        if name.startswith("entries-") and name.endswith("-section") and value == str(section.pk)
    )


def written_state():
    return sorted(SectionEntry.objects.values_list("system_id", "section_id", "body", "version"))


@pytest.mark.parametrize("actor", ACTORS)
def test_every_section_is_a_box_in_section_order(request, actor, draft_2025):
    client = client_for(request.getfixturevalue(actor))
    html = client.get(change_page(draft_2025)).content.decode()
    assert box_headings(html) == [f"{n}. Heading {n}" for n in range(1, 6)]
    assert html.count("not written yet") == 3


@pytest.mark.parametrize("actor", ACTORS)
def test_saving_the_page_unchanged_writes_nothing(request, actor, draft_2025):
    client = client_for(request.getfixturevalue(actor))
    before = written_state()
    record_version = draft_2025.version
    response = post_rendered(client, change_page(draft_2025), FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert written_state() == before
    draft_2025.refresh_from_db()
    assert draft_2025.version == record_version


def test_an_untouched_page_saves_after_a_colleague_wrote_a_missing_section(
    italian_expert, draft_2025, five_sections
):
    """The colleague's entry moves the presets of the boxes after it; untouched is untouched."""
    client = client_for(italian_expert)
    form = rendered_form(client.get(change_page(draft_2025)), form_id=FORM)
    make_entry(system=draft_2025, section=five_sections[2], body="The colleague's text.")
    before = written_state()
    response = client.post(change_page(draft_2025), form.data(button="_save"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert written_state() == before


@pytest.mark.parametrize("actor", ACTORS)
def test_typing_into_an_empty_box_writes_one_entry(request, actor, draft_2025, five_sections):
    client = client_for(request.getfixturevalue(actor))
    form = rendered_form(client.get(change_page(draft_2025)), form_id=FORM)
    third = entry_prefix(form, five_sections[2])
    response = client.post(
        change_page(draft_2025),
        form.data({f"{third}-body": "Typed into box three."}, "_save"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert draft_2025.entries.count() == 3
    entry = draft_2025.entries.get(section=five_sections[2])
    assert entry.body == "Typed into box three."
    assert entry.completeness == Completeness.EMPTY


def test_an_empty_box_marked_complete_is_refused_not_saved(
    italian_expert, draft_2025, five_sections
):
    client = client_for(italian_expert)
    form = rendered_form(client.get(change_page(draft_2025)), form_id=FORM)
    fifth = entry_prefix(form, five_sections[4])
    response = client.post(
        change_page(draft_2025), form.data({f"{fifth}-completeness": "complete"}, "_save")
    )
    assert response.status_code == 200
    assert "needs text" in response.content.decode()
    assert draft_2025.entries.count() == 2


def test_previous_text_stands_beside_each_box(italian_expert, draft_2025):
    html = client_for(italian_expert).get(change_page(draft_2025)).content.decode()
    assert html.count("Unchanged since 2023.") == 1
    assert "Text in 2023:" in html and "Old text of four." in html
    assert html.count("No text in 2023.") == 3
    assert "<details" not in html
    assert "guidance/css/record_page.css" in html


# The record page as the editor opens it: session, user, the editor check, the user's
# and group permissions; the record with its progress counts and the number of sections,
# twice (the revision check reads it first, guidance/admin/revisions.py) and whether a
# revision of it waits; its country (for the permission check); the sections, the
# entries, their sources with countries, the base's year and its texts; the indicator
# values with their indicators, their sources; the chosen country, collection and base of
# the record's own autocomplete boxes (the base's label: its country and collection); the
# review threads on its entries (guidance/admin/comments.py); the history link's content
# type. Pinned with 5 sections and 1 indicator value, and the same
# with 10 and 6: no query per box.
RECORD_PAGE_QUERIES = 26


def test_the_record_page_runs_the_same_queries_for_five_sections_as_for_ten(
    editor, draft_2025, five_sections
):
    client = client_for(editor)
    make_indicator_value(system=draft_2025, indicator=make_indicator()).sources.add(make_source())
    ContentType.objects.clear_cache()  # each GET reads the history link's content type
    with CaptureQueriesContext(connection) as five:
        assert client.get(change_page(draft_2025)).status_code == 200
    for number in range(6, 11):
        section = make_section(number=number, slug=f"s{number}", title=f"Heading {number}")
        make_entry(system=draft_2025, section=section, body="More.").sources.add(
            make_source(), make_source()
        )
        value = make_indicator_value(system=draft_2025, indicator=make_indicator())
        value.sources.add(make_source())
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as ten:
        html = client.get(change_page(draft_2025)).content.decode()
    assert len(box_headings(html)) == 10
    assert len(ten) == len(five), [q["sql"] for q in ten.captured_queries]
    assert len(five) == RECORD_PAGE_QUERIES, [q["sql"] for q in five.captured_queries]


def picker_url(html, prefix):
    """The address the source picker of form `prefix` asks, as the page renders it."""
    name = f"{prefix}-sources" if prefix else "sources"
    select = re.search(rf'<select name="{name}"[^>]*>', html).group(0)
    return re.search(r'data-ajax--url="([^"]*)"', select).group(1).replace("&amp;", "&")


def ask_picker(client, url, model_name, term=""):
    """What select2 asks: the widget's address, its own query string kept (as jQuery does)."""
    params = {"term": term, "app_label": "guidance", "model_name": model_name}
    joiner = "&" if "?" in url else "?"
    return client.get(f"{url}{joiner}{urlencode({**params, 'field_name': 'sources'})}")


@pytest.fixture
def sources_of_three(italy, germany):
    # Titles put Germany's and Europe's first in plain title order.
    return {
        "de": make_source(title="A German report", country=germany),
        "eu": make_source(title="B European survey", country=None),
        "it": make_source(title="C Italian law", country=italy),
        "it_draft_of_it": make_source(
            title="D Italian draft", country=italy, status=PublicationStatus.DRAFT
        ),
    }


@pytest.mark.parametrize("field_prefix", ["entries-0", "indicator_values-0"])
def test_the_source_picker_offers_italys_sources_first_and_names_countries(
    italian_expert, draft_2025, sources_of_three, field_prefix
):
    make_indicator_value(system=draft_2025, indicator=make_indicator())
    client = client_for(italian_expert)
    html = client.get(change_page(draft_2025)).content.decode()
    url = picker_url(html, field_prefix)
    assert "country=IT" in url
    model_name = "sectionentry" if field_prefix.startswith("entries") else "indicatorvalue"
    answer = ask_picker(client, url, model_name)
    assert answer.status_code == 200
    texts = [result["text"] for result in answer.json()["results"]]
    assert texts == [
        "C Italian law — Italy",
        "D Italian draft — Italy",
        "A German report — Germany",
        "B European survey — Europe/none",
    ]


def test_the_picker_offers_no_revision_and_no_other_countrys_draft(
    italian_expert, germany, draft_2025, sources_of_three
):
    make_source(title="E German draft", country=germany, status=PublicationStatus.DRAFT)
    revision = make_source(
        title="C Italian law, proposed",
        country=sources_of_three["it"].country,
        status=PublicationStatus.IN_REVIEW,
        revision_of=sources_of_three["it"],
    )
    client = client_for(italian_expert)
    url = picker_url(client.get(change_page(draft_2025)).content.decode(), "entries-0")
    answer = ask_picker(client, url, "sectionentry")
    ids = {result["id"] for result in answer.json()["results"]}
    assert str(revision.pk) not in ids
    assert len(ids) == 4


def test_a_section_entrys_own_page_has_the_same_picker(
    italian_expert, draft_2025, sources_of_three
):
    entry = draft_2025.entries.first()
    client = client_for(italian_expert)
    html = client.get(f"/admin/guidance/sectionentry/{entry.pk}/change/").content.decode()
    texts = [
        r["text"]
        for r in ask_picker(client, picker_url(html, ""), "sectionentry").json()["results"]
    ]
    assert texts[0] == "C Italian law — Italy"


def test_the_picker_endpoint_serves_only_source_fields(italian_expert, draft_2025):
    answer = client_for(italian_expert).get(
        "/admin/guidance/source/autocomplete/",
        {
            "term": "",
            "app_label": "guidance",
            "model_name": "guidancesystem",
            "field_name": "country",
        },
    )
    assert answer.status_code == 403


def test_a_chosen_source_is_shown_with_its_country(italian_expert, draft_2025, sources_of_three):
    draft_2025.entries.first().sources.add(sources_of_three["de"])
    html = client_for(italian_expert).get(change_page(draft_2025)).content.decode()
    assert "A German report — Germany</option>" in html


ADD_PAGE = "/admin/guidance/guidancesystem/add/"


@pytest.fixture
def collection_2027(db):
    return make_collection(year=2027)


def contents(record):
    """What a copy must repeat: each entry's and indicator value's fields and sources."""
    entries = {
        (entry.section_id, entry.body, entry.completeness, tuple(entry.sources.order_by("pk")))
        for entry in record.entries.all()
    }
    values = {
        (value.indicator_id, value.answer, value.since_year, value.note, tuple(value.sources.all()))
        for value in record.indicator_values.all()
    }
    return entries, values


@pytest.fixture
def cited_2023(published_2023, italy):
    entry = published_2023.entries.first()
    entry.sources.add(make_source(country=italy), make_source())
    value = make_indicator_value(
        system=published_2023, indicator=make_indicator(), since_year=2019, note="Since 2019."
    )
    value.sources.add(make_source(country=italy))
    published_2023.contributors = "The 2023 team"
    published_2023.save()
    return published_2023


def add_form(client, query=""):
    return rendered_form(client.get(ADD_PAGE + query), form_id=FORM)


@pytest.mark.parametrize("actor", ACTORS)
def test_adding_a_record_proposes_and_copies_the_latest_published_one(
    request, actor, italy, draft_2025, cited_2023, collection_2027
):
    client = client_for(request.getfixturevalue(actor))
    form = add_form(client, "?country=IT")
    proposed = dict(form.fields)
    assert proposed["country"] == str(italy.pk)
    assert proposed["collection"] == str(collection_2027.pk)
    assert proposed["based_on"] == str(cited_2023.pk)  # not the 2025 draft
    response = client.post(ADD_PAGE, form.data(button="_save"))
    new = italy.systems.get(collection=collection_2027)
    assert response.status_code == 302
    assert response.url == change_page(new)
    assert new.based_on == cited_2023
    assert new.status == PublicationStatus.DRAFT
    assert new.contributors == "The 2023 team"
    assert contents(new) == contents(cited_2023)
    assert len(contents(new)[0]) == 2 and len(contents(new)[1]) == 1


def test_an_expert_of_one_country_is_proposed_that_country(
    italian_expert, italy, cited_2023, collection_2027
):
    proposed = dict(add_form(client_for(italian_expert)).fields)
    assert proposed["country"] == str(italy.pk)
    assert proposed["based_on"] == str(cited_2023.pk)


def test_a_record_added_without_a_base_starts_from_the_latest_published(
    editor, italy, cited_2023, collection_2027
):
    client = client_for(editor)
    form = add_form(client)  # an editor is proposed no country: any may be added
    data = form.data({"country": str(italy.pk), "collection": str(collection_2027.pk)}, "_save")
    assert data.get("based_on", [""]) == [""]
    response = client.post(ADD_PAGE, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    new = italy.systems.get(collection=collection_2027)
    assert new.based_on == cited_2023
    assert contents(new) == contents(cited_2023)


def test_a_country_with_no_published_record_starts_empty(
    italian_expert, italy, five_sections, collection_2027
):
    client = client_for(italian_expert)
    form = add_form(client, "?country=IT")
    assert dict(form.fields).get("based_on", "") == ""
    response = client.post(ADD_PAGE, form.data(button="_save"))
    assert response.status_code == 302
    new = italy.systems.get(collection=collection_2027)
    assert new.based_on is None and new.entries.count() == 0


def _refused(client, form, base):
    response = client.post(ADD_PAGE, form.data({"based_on": str(base.pk)}, "_save"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errornote"' in html
    return html[html.index("field-based_on") :]


def test_an_older_base_is_refused_when_a_later_one_is_published(
    italian_expert, italy, cited_2023, collection_2027
):
    older = make_system(country=italy, collection=make_collection(year=2020))
    before = italy.systems.count()
    client = client_for(italian_expert)
    errors = _refused(client, add_form(client, "?country=IT"), older)
    assert "latest published record before 2027" in errors
    assert italy.systems.count() == before


def test_a_base_of_another_country_is_refused(editor, italy, germany, cited_2023, collection_2027):
    german = make_system(country=germany, collection=make_collection(year=2024))
    client = client_for(editor)
    errors = _refused(client, add_form(client, "?country=IT"), german)
    assert "must be a record of Italy" in errors
    assert not italy.systems.filter(collection=collection_2027).exists()


def test_a_base_from_a_later_collection_is_refused(editor, germany, collection_2027):
    client = client_for(editor)
    form = add_form(client, "?country=DE")
    later = make_system(country=germany, collection=make_collection(year=2029))
    errors = _refused(client, form, later)
    assert "must come from a collection before 2027" in errors
    assert not germany.systems.filter(collection=collection_2027).exists()


def test_a_record_cannot_be_based_on_one_of_its_own_collection(editor, draft_2025):
    response = post_rendered(
        client_for(editor), change_page(draft_2025), FORM, {"based_on": str(draft_2025.pk)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "must come from a collection before 2025" in html[html.index("field-based_on") :]
    draft_2025.refresh_from_db()
    assert draft_2025.based_on_id != draft_2025.pk


def test_a_revision_of_a_published_record_is_written_in_the_same_boxes(
    italian_expert, published_2023, five_sections
):
    """A change to a published record is made in its revision (guidance/rules/revisions.py)."""
    client = client_for(italian_expert)
    assert press(client, change_page(published_2023), "Change in a revision").status_code == 302
    revision = GuidanceSystem.objects.get(revision_of=published_2023)
    html = client.get(change_page(revision)).content.decode()
    assert box_headings(html) == [f"{n}. Heading {n}" for n in range(1, 6)]
    before = written_state()
    assert post_rendered(client, change_page(revision), FORM).status_code == 302
    assert written_state() == before
    form = rendered_form(client.get(change_page(revision)), form_id=FORM)
    first = entry_prefix(form, five_sections[0])
    response = client.post(change_page(revision), form.data({f"{first}-body": "New."}, "_save"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert revision.entries.get(section=five_sections[0]).body == "New."
    assert not published_2023.entries.filter(section=five_sections[0]).exists()
