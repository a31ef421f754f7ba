"""CI fails on a missing, untranslated, fuzzy or obsolete translation (README "Languages").

The checks (tests/translation_catalogues.py) are tried first on small catalogues written
here, one per kind of fault, so that each can be seen to fail; then the real catalogues in
locale/ are held to them, every language of settings.LANGUAGES but English.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.translation_catalogues import (
    MESSAGES_OPTIONS,
    check_catalogue,
    extract_msgids,
    msgfmt_errors,
    parse_po,
)

PROJECT = Path(settings.BASE_DIR)
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)
EXPECTED = {
    (None, "Countries", None): "Pays",
    (None, "Updated on %(date)s", None): "Mis à jour le %(date)s",
}
GOOD = (
    HEADER + 'msgid "Countries"\nmsgstr "Pays"\n\n'
    "#, python-format\n"
    'msgid "Updated on %(date)s"\nmsgstr ""\n"Mis à jour le "\n"%(date)s"\n'
)


@pytest.fixture(scope="module")
def msgids(tmp_path_factory):
    return extract_msgids(PROJECT, tmp_path_factory.mktemp("makemessages"))


def catalogue(tmp_path, text):
    path = tmp_path / "django.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_complete_catalogue_passes(tmp_path):
    path = catalogue(tmp_path, GOOD)
    assert check_catalogue(path, set(EXPECTED)) == []
    assert msgfmt_errors(path) == ""
    entries = {entry.key: entry.msgstr for entry in parse_po(path) if entry.msgid}
    assert entries == {key: [french] for key, french in EXPECTED.items()}


def test_a_string_missing_from_the_catalogue_is_named(tmp_path):
    path = catalogue(tmp_path, GOOD)
    problems = check_catalogue(path, set(EXPECTED) | {(None, "Compare", None)})
    assert problems == ["missing: 'Compare'"]


def test_an_untranslated_or_fuzzy_string_is_named(tmp_path):
    untranslated = catalogue(tmp_path, GOOD.replace('msgstr "Pays"', 'msgstr ""'))
    assert check_catalogue(untranslated, set(EXPECTED)) == ["untranslated: 'Countries'"]
    fuzzy = catalogue(tmp_path, GOOD.replace('msgid "Countries"', '#, fuzzy\nmsgid "Countries"'))
    assert check_catalogue(fuzzy, set(EXPECTED)) == ["fuzzy: 'Countries'"]


def test_a_fuzzy_header_is_named(tmp_path):
    path = catalogue(tmp_path, "#, fuzzy\n" + GOOD)
    assert check_catalogue(path, set(EXPECTED)) == [
        "the header is fuzzy (msgfmt would drop it, and its Plural-Forms)"
    ]


def test_obsolete_strings_are_named(tmp_path):
    kept = catalogue(tmp_path, GOOD)
    assert check_catalogue(kept, {(None, "Countries", None)}) == [
        "obsolete (no longer in the code): 'Updated on %(date)s'"
    ]
    commented = catalogue(tmp_path, GOOD + '\n#~ msgid "Old"\n#~ msgstr "Vieux"\n')
    assert check_catalogue(commented, set(EXPECTED)) == ["obsolete (#~): 'Old'"]


def test_a_wrong_placeholder_is_named_and_refused_by_msgfmt(tmp_path):
    path = catalogue(tmp_path, GOOD.replace('"%(date)s"', '"%(jour)s"'))
    assert check_catalogue(path, set(EXPECTED)) == [
        "placeholders differ: 'Updated on %(date)s' -> 'Mis à jour le %(jour)s'"
    ]
    assert "argument 'date' doesn't exist" in msgfmt_errors(path)


def test_plural_forms_may_leave_the_count_out_of_the_singular(tmp_path):
    entry = (
        "#, python-format\n"
        'msgid "%(count)s policy"\nmsgid_plural "%(count)s policies"\n'
        'msgstr[0] "une politique"\nmsgstr[1] "%(count)s politiques"\n'
    )
    key = (None, "%(count)s policy", "%(count)s policies")
    path = catalogue(tmp_path, HEADER + entry)
    assert check_catalogue(path, {key}) == []
    wrong = catalogue(tmp_path, HEADER + entry.replace('"%(count)s politiques"', '"politiques"'))
    assert check_catalogue(wrong, {key}) == [
        "placeholders differ: '%(count)s policy' -> 'politiques'"
    ]


def test_the_strings_are_extracted_from_code_and_templates(msgids):
    keys = {msgid for _context, msgid, _plural in msgids}
    assert {"Skip to main content", "Language", "French"} <= keys  # base.html, settings.py
    assert not any("test_translations" in msgid for msgid in keys)


def test_the_makefile_extracts_with_the_same_options():
    makefile = (PROJECT / "Makefile").read_text()
    options = re.search(r"^MESSAGES_OPTIONS := (.*)$", makefile, re.MULTILINE).group(1)
    assert options.split() == MESSAGES_OPTIONS


LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_catalogue_is_complete_and_current(msgids, language):
    """Fails, naming each string, until `make messages` has run and every string is
    translated: the real catalogues, locale/<language>/LC_MESSAGES/django.po."""
    path = PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path} is missing: run make messages"
    problems = check_catalogue(path, msgids)
    assert not problems, f"{path}: {len(problems)} problems:\n" + "\n".join(problems)
    assert msgfmt_errors(path) == ""
