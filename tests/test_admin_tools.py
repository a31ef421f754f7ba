"""The editing comforts and tools: CSV export, opening a collection, Markdown preview,
last collection's text beside each section, progress, history and sources."""

import csv
import io
import re

import pytest

from guidance.models import Collection, GuidanceSystem, Source
from tests.conftest import client_for
from tests.factories import make_collection, make_entry, make_policy, make_source, make_system
from tests.rendered_forms import post_rendered

pytestmark = pytest.mark.django_db


def test_csv_export_of_selected_policies_is_readable_and_defuses_formulas(editor, italy):
    safe = make_policy(country=italy, title="Piano nazionale")
    risky = make_policy(country=italy, title='=HYPERLINK("http://evil")')
    response = client_for(editor).post(
        "/admin/guidance/policy/",
        {"action": "export_as_csv", "_selected_action": [safe.pk, risky.pk], "index": 0},
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["id", "version", "status"]
    assert "search_vector" not in rows[0]
    titles = {row[rows[0].index("title")] for row in rows[1:]}
    assert titles == {"Piano nazionale", '\'=HYPERLINK("http://evil")'}


def test_an_expert_exports_only_their_own_countries(italian_expert, italy, germany):
    mine = make_policy(country=italy, title="Italian")
    theirs = make_policy(country=germany, title="German")
    response = client_for(italian_expert).post(
        "/admin/guidance/policy/",
        {"action": "export_as_csv", "_selected_action": [mine.pk, theirs.pk], "index": 0},
    )
    body = response.content.decode("utf-8-sig")
    assert "Italian" in body
    assert "German" not in body


def test_the_editor_opens_the_next_collection_from_the_admin(editor, italian_record):
    client = client_for(editor)
    page = client.get("/admin/guidance/collection/open/")
    assert page.context["form"].initial["year"] == 2024
    response = client.post("/admin/guidance/collection/open/", {"year": 2025, "title": ""})
    assert response.status_code == 302
    draft = GuidanceSystem.objects.get(collection__year=2025)
    assert (draft.status, draft.based_on) == ("draft", italian_record)


def test_opening_a_taken_year_is_a_form_error(editor, collection_2023):
    response = client_for(editor).post("/admin/guidance/collection/open/", {"year": 2023})
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert Collection.objects.count() == 1


def test_experts_cannot_open_a_collection(italian_expert):
    response = client_for(italian_expert).post("/admin/guidance/collection/open/", {"year": 2030})
    assert response.status_code == 403
    assert not Collection.objects.filter(year=2030).exists()


def test_the_markdown_preview_is_sanitised(italian_expert):
    response = client_for(italian_expert).post(
        "/admin/guidance/guidancesystem/markdown-preview/",
        {"text": "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    html = response.json()["html"]
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_the_markdown_preview_is_for_signed_in_staff_only(anonymous):
    response = anonymous.post("/admin/guidance/guidancesystem/markdown-preview/", {"text": "x"})
    assert response.status_code == 302
    assert "/admin/login/" in response.url


def test_the_record_page_shows_last_collections_text_and_progress(italian_expert, italy, sections):
    previous = make_system(country=italy, collection=make_collection(year=2020))
    make_entry(system=previous, section=sections[0], body="Text from **2020**.")
    current = make_system(
        country=italy, collection=make_collection(year=2023), based_on=previous, status="draft"
    )
    make_entry(system=current, section=sections[0], body="Text for 2023.")
    make_entry(system=current, section=sections[1], body="Partly.", completeness="partial")
    html = (
        client_for(italian_expert)
        .get(f"/admin/guidance/guidancesystem/{current.pk}/change/")
        .content.decode()
    )
    assert "Text from <strong>2020</strong>." in html
    assert "No text in 2020." in html  # sections 2 and 3 (3 is an empty box to write in)
    assert "1 of 3 sections complete, 1 partial" in html


def test_history_of_another_countrys_record_is_not_shown(german_expert, italian_record):
    client = client_for(german_expert)
    url = f"/admin/guidance/guidancesystem/{italian_record.pk}/history/"
    assert client.get(url).status_code == 403
    version = italian_record.history.first().history_id
    assert client.get(f"{url}{version}/").status_code == 403


def test_history_shows_who_changed_which_field(italian_expert, italian_record):
    italian_record.summary = "A changed summary."
    italian_record._history_user = italian_expert
    italian_record.save()
    html = (
        client_for(italian_expert)
        .get(f"/admin/guidance/guidancesystem/{italian_record.pk}/history/")
        .content.decode()
    )
    assert "expert-it" in html
    assert re.search(r"<dt>Summary</dt><dd>.*<ins>.*changed.*</ins>", html)


def test_experts_cite_any_source_but_change_only_their_countrys(italian_expert, italy, germany):
    mine = make_source(title="Italian source", country=italy)
    shared = make_source(title="European source")
    german = make_source(title="German source", country=germany)
    client = client_for(italian_expert)
    listed = set(client.get("/admin/guidance/source/").context["cl"].result_list)
    assert listed == {mine, shared, german}
    for source in (shared, german):
        client.post(
            f"/admin/guidance/source/{source.pk}/change/", {"title": "Renamed", "year": 2020}
        )
        source.refresh_from_db()
        assert source.title != "Renamed"
    url = f"/admin/guidance/source/{mine.pk}/change/"
    response = post_rendered(client, url, "source_form", {"title": "Renamed"})
    assert response.status_code == 302
    assert Source.objects.get(revision_of=mine).title == "Renamed"  # waits for review
