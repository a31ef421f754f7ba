"""Citation files stay one reference whatever the stored text holds.

Rows written before single-line fields refused line breaks may still hold them, so the
forged text is stored with QuerySet.update, past validation, as such a row would be (with
no NUL, which PostgreSQL does not store).
"""

import json
import re
from datetime import date

import bibtexparser
import pytest

from guidance.models import Country, GuidanceSystem, Initiative, Policy, Section
from guidance.reading.citations import Citation
from tests.factories import make_entry, make_initiative, make_policy

pytestmark = pytest.mark.django_db

FORGED_RIS = (
    "Mallory\r\nER  - \r\nTY  - JOUR\r\nTI  - Forged\r\nUR  - http://evil.example/\nAU  - X"
)
FORGED_BIB = "Mallory}, title = {Forged}}\n@misc{forged, url = {http://evil.example/}, note = {"
LEGACY = FORGED_RIS + "\x0b\x1b\u2028" + FORGED_BIB + " 100% C#_&$^~\\"
RECORD = "/countries/IT/2023/"
SECTION = "/countries/IT/2023/sections/s1/"
CITED = ["record", "section", "policy", "initiative"]
RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - ")
BIBTEX_FIELD = re.compile(r"  [a-z]+ = \{[^\n]*\},?$")


@pytest.fixture
def legacy_record(italian_record, sections):
    make_entry(system=italian_record, section=sections[0])
    GuidanceSystem.objects.filter(pk=italian_record.pk).update(contributors=LEGACY)
    Country.objects.filter(pk=italian_record.country_id).update(name="Italy\r\n" + FORGED_RIS)
    Section.objects.filter(pk=sections[0].pk).update(title="Access}\n" + FORGED_BIB)
    return italian_record


@pytest.fixture
def legacy_pages(legacy_record, italy):
    """Each cited page, with its citation key: a policy and an initiative titled like LEGACY."""
    policy, initiative = make_policy(country=italy), make_initiative(country=italy)
    Policy.objects.filter(pk=policy.pk).update(title=LEGACY)
    Initiative.objects.filter(pk=initiative.pk).update(title=LEGACY)
    return {
        "record": (RECORD, "lgi-it-2023"),
        "section": (SECTION, "lgi-it-2023-s1"),
        "policy": (f"/policies/{policy.pk}/", f"lgi-policy-{policy.pk}"),
        "initiative": (f"/initiatives/{initiative.pk}/", f"lgi-initiative-{initiative.pk}"),
    }


def download(client, page, fmt):
    response = client.get(f"{page}cite.{fmt}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("cited", CITED)
def test_the_ris_file_holds_one_reference_with_one_tag_per_line(anonymous, legacy_pages, cited):
    page, _ = legacy_pages[cited]
    lines = download(anonymous, page, "ris").split("\r\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert [line for line in lines if line.startswith("TY  -")] == ["TY  - ELEC"]
    assert [line for line in lines if line.startswith("ER  -")] == ["ER  -"]
    assert lines[0] == "TY  - ELEC" and lines[-1] == "ER  -"
    assert [line for line in lines if line.startswith("UR  -")] == [
        f"UR  - http://testserver{page}"
    ]
    assert all(RIS_LINE.match(line) or line == "ER  -" for line in lines)
    assert not any(character in "".join(lines) for character in "\n\x0b\x1b\u2028")


@pytest.mark.parametrize("cited", CITED)
def test_the_bibtex_file_holds_one_entry_with_balanced_braces(anonymous, legacy_pages, cited):
    page, key = legacy_pages[cited]
    text = download(anonymous, page, "bib")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry["url"] == f"http://testserver{page}"
    assert "note" in entry and "Forged" not in entry["note"]
    first, *fields, last = text.splitlines()
    assert first == f"@misc{{{key}," and last == "}"
    assert all(BIBTEX_FIELD.match(line) for line in fields)
    depth = 0
    for character in text.replace("\\textbraceleft{}", "").replace("\\textbraceright{}", ""):
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


@pytest.mark.parametrize("cited", CITED)
def test_the_csl_json_keeps_the_stored_text_as_json_strings(anonymous, legacy_pages, cited):
    page, _ = legacy_pages[cited]
    (item,) = json.loads(download(anonymous, page, "json"))
    if cited in ("record", "section"):
        assert item["author"] == [{"literal": LEGACY}]
    else:
        assert item["title"] == LEGACY
    assert item["URL"] == f"http://testserver{page}"


@pytest.mark.parametrize("cited", CITED)
def test_the_citation_text_on_the_page_is_one_line(anonymous, legacy_pages, cited):
    page, _ = legacy_pages[cited]
    html = anonymous.get(page).content.decode()
    assert "Mallory ER - TY - JOUR TI - Forged UR - http://evil.example/ AU - X" in html


def citation(**values):
    values = {
        "key": "lgi-it-2023",
        "title": "Title",
        "author": "Author",
        "container": "Inventory",
        "issued": 2023,
        "url": "http://testserver/countries/IT/2023/",
        "accessed": date(2026, 1, 2),
    } | values
    return Citation(**values)


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("50% & more", r"50\% \& more"),
        ("C# $5 a_b", r"C\# \$5 a\_b"),
        ("x^2 ~y", r"x\textasciicircum{}2 \textasciitilde{}y"),
        ("a\\b", r"a\textbackslash{}b"),
        ("{Forged}", r"\textbraceleft{}Forged\textbraceright{}"),
        ("one\r\n two\u2028three\x00", "one two three"),
    ],
)
def test_bibtex_escapes_what_latex_and_bibtex_read_specially(stored, written):
    assert f"  title = {{{written}}}," in citation(title=stored).as_bibtex()


def test_bibtex_keys_keep_only_safe_characters():
    bibtex = citation(key="lgi-it-2023},\n@misc{x").as_bibtex()
    assert bibtex.startswith("@misc{lgi-it-2023miscx,\n")
