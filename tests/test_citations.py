"""Citations of a record and of a section: text, permalink, BibTeX, RIS and CSL-JSON."""

import json
from datetime import UTC, datetime

import bibtexparser
import pytest
from django.utils import timezone

from guidance.models import GuidanceSystem, PublicationStatus
from tests.conftest import client_for
from tests.factories import make_collection, make_entry, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def cited_record(italian_record, sections):
    """Italy's record of the 2023 collection, published on 30 June 2025."""
    italian_record.contributors = "Demo record compiled from public sources"
    italian_record.save()
    GuidanceSystem.objects.filter(pk=italian_record.pk).update(
        published_at=datetime(2025, 6, 30, 12, tzinfo=UTC)
    )
    italian_record.refresh_from_db()
    make_entry(system=italian_record, section=sections[0], body="Italian text.")
    return italian_record


def test_the_profile_shows_a_citation_with_a_permalink_to_its_collection(anonymous, cited_record):
    html = anonymous.get("/countries/IT/").content.decode()
    assert (
        "Demo record compiled from public sources (2025). Lifelong guidance system: Italy. "
        "In Lifelong Guidance Inventory, collection 2023. 2025-06-30." in html
    )
    assert 'href="http://testserver/countries/IT/2023/"' in html
    assert 'href="/countries/IT/2023/cite.bib"' in html


def test_the_bibtex_download_parses(anonymous, cited_record):
    response = anonymous.get("/countries/IT/2023/cite.bib")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="lgi-it-2023.bib"'
    library = bibtexparser.parse_string(response.content.decode())
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == "lgi-it-2023"
    assert entry.entry_type == "misc"
    assert entry["title"] == "Lifelong guidance system: Italy"
    assert entry["year"] == "2025"
    assert entry["url"] == "http://testserver/countries/IT/2023/"


def test_the_ris_download_has_its_tags(anonymous, cited_record):
    text = anonymous.get("/countries/IT/2023/cite.ris").content.decode()
    lines = text.splitlines()
    assert lines[0] == "TY  - ELEC"
    assert "TI  - Lifelong guidance system: Italy" in lines
    assert "PY  - 2025" in lines
    assert "UR  - http://testserver/countries/IT/2023/" in lines
    assert lines[-1] == "ER  -"
    assert all(line[2:6] == "  - " for line in lines[:-1])


def test_the_csl_json_of_a_section_parses(anonymous, cited_record):
    response = anonymous.get("/countries/IT/2023/sections/s1/cite.json")
    (item,) = json.loads(response.content)
    assert item["id"] == "lgi-it-2023-s1"
    assert item["title"] == "Italy: Section 1"
    assert item["URL"] == "http://testserver/countries/IT/2023/sections/s1/"
    assert item["issued"]["date-parts"][0][0] == cited_record.published_at.year
    assert item["author"] == [{"literal": "Demo record compiled from public sources"}]


def test_the_section_permalink_page_shows_text_and_citation(anonymous, cited_record):
    response = anonymous.get("/countries/IT/2023/sections/s1/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Italian text." in html
    assert "Lifelong guidance system: Italy" not in html.split("How to cite")[0]
    assert "Italy: Section 1." in html
    assert "Published on June 30, 2025 (a demo date)" in html
    assert "after review by the editors" not in html, "nobody reviewed the demo record"


def test_no_personal_name_of_the_reviewer_is_shown(anonymous, cited_record, editor):
    editor.first_name, editor.last_name = "Ada", "Lovelace"
    editor.save()
    cited_record.reviewed_by = editor
    cited_record.save()
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert "after review by the editors" in html
    assert "Ada" not in html
    assert "Lovelace" not in html


def test_an_unknown_format_is_a_404(anonymous, cited_record):
    assert anonymous.get("/countries/IT/2023/cite.docx").status_code == 404


def test_a_draft_cannot_be_cited_by_the_public_or_another_expert(anonymous, german_expert, italy):
    make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )
    assert anonymous.get("/countries/IT/2025/cite.bib").status_code == 404
    assert client_for(german_expert).get("/countries/IT/2025/cite.ris").status_code == 404


def test_every_format_gives_the_same_issued_and_accessed_dates(anonymous, cited_record):
    """Issued is the day the record was published, not its collection's year; accessed today."""
    today = timezone.localdate()
    (item,) = json.loads(anonymous.get("/countries/IT/2023/cite.json").content)
    assert item["issued"] == {"date-parts": [[2025, 6, 30]]}
    assert item["accessed"] == {"date-parts": [[today.year, today.month, today.day]]}
    (entry,) = bibtexparser.parse_string(
        anonymous.get("/countries/IT/2023/cite.bib").content.decode()
    ).entries
    assert (entry["year"], entry["note"], entry["urldate"]) == (
        "2025",
        "Published 2025-06-30",
        today.isoformat(),
    )
    ris = anonymous.get("/countries/IT/2023/cite.ris").content.decode().splitlines()
    assert {"PY  - 2025", "DA  - 2025/06/30", f"Y2  - {today:%Y/%m/%d}"} <= set(ris)
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert "(2025). Lifelong guidance system: Italy." in html
    assert "collection 2023. 2025-06-30." in html
    assert f"(accessed {today.isoformat()})" in html


def test_a_draft_read_by_its_expert_is_issued_in_its_collection_year(italian_expert, italy):
    make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )
    client = client_for(italian_expert)
    (item,) = json.loads(client.get("/countries/IT/2025/cite.json").content)
    assert item["issued"] == {"date-parts": [[2025]]}
    assert "PY  - 2025" in client.get("/countries/IT/2025/cite.ris").content.decode()
    assert "DA  -" not in client.get("/countries/IT/2025/cite.ris").content.decode()
    assert (
        timezone.localdate().isoformat()
        in client.get("/countries/IT/2025/cite.bib").content.decode()
    )
