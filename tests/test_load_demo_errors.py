"""A malformed fixture file is refused whole, with a message naming the file and the record."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("guidance").get_models()
    }


# -- malformed files ---------------------------------------------------------


@pytest.fixture
def fixtures_copy(tmp_path):
    """The reference files and an empty demo folder, for writing one broken file into."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, target, ignore=shutil.ignore_patterns("demo"))
    (target / "demo").mkdir()
    return target


def write_demo(folder, name, text):
    path = folder / "demo" / name
    path.write_text(text, encoding="utf-8")
    return path


BROKEN_FILES = {
    "unknown country": ("country: ZZ\n", "country: unknown country code 'ZZ'"),
    "unknown section": (
        "country: IT\nrecords:\n  - collection: 2023\n    status: draft\n    sections:\n"
        "      nonsense: {completeness: partial, body: Text}\n",
        "records[0] (2023) sections.nonsense: unknown section 'nonsense'",
    ),
    "broken source reference": (
        "country: IT\nrecords:\n  - collection: 2023\n    status: draft\n    sections:\n"
        "      introduction: {completeness: partial, body: Text, sources: [missing]}\n",
        "unknown source 'missing'",
    ),
    "misspelt field": (
        "country: IT\npolicies:\n  - {title: A law, status: published, instrument_typ: legislation}\n",
        "policies[0] 'A law': unknown field(s) instrument_typ",
    ),
    "invalid stage": (
        "country: IT\npolicies:\n  - title: A law\n    status: published\n    instrument_type: legislation\n"
        "    stages: {2020: forgotten}\n",
        "stages.2020: stage:",
    ),
    "not yaml": ("country: [IT\n", "not valid YAML"),
    "a list where a mapping belongs": (
        "country: IT\nrecords:\n  - collection: 2023\n    status: draft\n    sections: [introduction]\n",
        "records[0] (2023): expected a mapping under 'sections'",
    ),
    "a policy that is not a mapping": (
        "country: IT\npolicies:\n  - just a title\n",
        "policies[0] '?': expected a mapping",
    ),
}


@pytest.mark.parametrize("case", BROKEN_FILES, ids=list(BROKEN_FILES))
def test_a_malformed_file_is_named_and_nothing_is_loaded(fixtures_copy, case):
    text, message = BROKEN_FILES[case]
    path = write_demo(fixtures_copy, "zz-broken.yaml", text)
    with pytest.raises(CommandError) as error:
        call_command("load_demo", fixtures=fixtures_copy, stdout=StringIO())
    assert str(path) in str(error.value)
    assert message in str(error.value)
    assert all(count == 0 for count in row_counts().values()), row_counts()


def test_a_failed_load_leaves_an_existing_inventory_unchanged(fixtures_copy):
    italy = fixtures_copy / "demo" / "it.yaml"
    shutil.copy(FIXTURES / "demo" / "it.yaml", italy)
    call_command("load_demo", fixtures=fixtures_copy, stdout=StringIO())
    counts = row_counts()
    italy.write_text(italy.read_text(encoding="utf-8") + "\nunexpected: true\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"it\.yaml: unknown field"):
        call_command("load_demo", fixtures=fixtures_copy, stdout=StringIO())
    assert row_counts() == counts


def test_a_source_url_claimed_by_two_files_is_refused(fixtures_copy):
    url = "https://example.org/one-page"
    write_demo(
        fixtures_copy,
        "aa-first.yaml",
        f"country: IT\nsources:\n  one: {{title: One, url: '{url}'}}\n",
    )
    write_demo(
        fixtures_copy,
        "zz-copy.yaml",
        f"country: DE\nsources:\n  dup: {{title: Copy, url: '{url}'}}\n",
    )
    with pytest.raises(CommandError, match="already defined in"):
        call_command("load_demo", fixtures=fixtures_copy, stdout=StringIO())


def test_reference_only_loads_no_demo_content(db):
    call_command("load_demo", reference_only=True, stdout=StringIO())
    counts = row_counts()
    assert counts["guidance.Country"] > 40
    assert counts["guidance.Section"] == 21
    assert counts["guidance.GuidanceSystem"] == 0
    assert counts["guidance.Policy"] == 0
