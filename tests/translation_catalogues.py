"""Checks of the message catalogues (locale/<language>/LC_MESSAGES/django.po), for
tests/test_translations.py: every string of the code present, translated, not fuzzy, not
obsolete, with the same placeholders as the English, and accepted by msgfmt --check-format.

`check_catalogue` reads one catalogue against the msgids the code holds now; those come from
`extract_msgids`, which runs Django's makemessages with the Makefile's options (`make
messages`) on a linked copy of the project, so the real catalogues are never written to.
"""

import ast
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

# The options of `make messages` (Makefile MESSAGES_OPTIONS), checked to match by a test.
MESSAGES_OPTIONS = [
    "--ignore=var",
    "--ignore=bench",
    "--ignore=data",
    "--ignore=tests",
    "--no-obsolete",
]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|%[sdifr]|\{(\w*)\}")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list = field(default_factory=list)
    flags: set = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def label(self):
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"{self.msgid!r}{context}"


def parse_po(path):
    """The entries of a .po or .pot file, the header (msgid "") included, obsolete ones too.

    Entries are separated by blank lines, as gettext and makemessages write them."""
    entries = []
    entry, last = Entry(), None
    for raw in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete = True
            line = line[2:].strip()
        if not line:
            if last is not None:
                entries.append(entry)
            entry, last = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            _append(entry, last, ast.literal_eval(line))
        else:
            last, _, rest = line.partition(" ")
            _append(entry, last, ast.literal_eval(rest), new=True)
    return entries


def _append(entry, keyword, value, new=False):
    if keyword in ("msgid", "msgctxt", "msgid_plural"):
        setattr(entry, keyword, (getattr(entry, keyword) or "") + value)
    elif keyword == "msgstr" or (keyword or "").startswith("msgstr["):
        if new:
            entry.msgstr.append(value)
        else:
            entry.msgstr[-1] += value


def placeholders(text):
    """The named and positional placeholders of a string, as a sorted list."""
    found = []
    for match in PLACEHOLDER.finditer(text or ""):
        named, braced = match.group(1), match.group(2)
        found.append(named or (f"{{{braced}}}" if braced is not None else match.group(0)))
    return sorted(found)


def check_catalogue(path, expected_keys):
    """Every problem of the catalogue at `path`, one line each naming the string; [] if none.

    `expected_keys`: the (msgctxt, msgid, msgid_plural) the code holds now (`extract_msgids`).
    """
    problems = []
    entries = parse_po(path)
    live = {entry.key: entry for entry in entries if not entry.obsolete and entry.msgid}
    header = [entry for entry in entries if not entry.msgid and not entry.obsolete]
    if header and "fuzzy" in header[0].flags:
        problems.append("the header is fuzzy (msgfmt would drop it, and its Plural-Forms)")
    for key in sorted(expected_keys - live.keys(), key=str):
        problems.append(f"missing: {key[1]!r}")
    for key in sorted(live.keys() - expected_keys, key=str):
        problems.append(f"obsolete (no longer in the code): {key[1]!r}")
    for entry in entries:
        if entry.obsolete:
            problems.append(f"obsolete (#~): {entry.label()}")
            continue
        if not entry.msgid:
            continue
        problems.extend(_entry_problems(entry))
    return problems


def _entry_problems(entry):
    if "fuzzy" in entry.flags:
        return [f"fuzzy: {entry.label()}"]
    if not entry.msgstr or any(not text for text in entry.msgstr):
        return [f"untranslated: {entry.label()}"]
    if entry.msgid_plural is None:
        if placeholders(entry.msgstr[0]) != placeholders(entry.msgid):
            return [f"placeholders differ: {entry.label()} -> {entry.msgstr[0]!r}"]
        return []
    allowed = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
    for text in entry.msgstr:
        if not set(placeholders(text)) <= allowed:
            return [f"placeholders differ: {entry.label()} -> {text!r}"]
    if set(placeholders(entry.msgstr[-1])) != set(placeholders(entry.msgid_plural)):
        return [f"placeholders differ: {entry.label()} -> {entry.msgstr[-1]!r}"]
    return []


def msgfmt_errors(path):
    """msgfmt --check-format's complaints about the catalogue at `path`; '' if none."""
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
    )
    return result.stderr.strip() if result.returncode else ""


def extract_msgids(project, workdir):
    """The (msgctxt, msgid, msgid_plural) of every string the code marks for translation.

    Runs `manage.py makemessages` as `make messages` does, in `workdir`: a folder linking
    each top-level entry of `project` except its locale/ (makemessages follows the links
    with --symlinks), with an empty locale/ of its own that receives the catalogue.
    """
    project, workdir = Path(project).resolve(), Path(workdir)
    for child in project.iterdir():
        if child.name != "locale" and not child.name.startswith("."):
            (workdir / child.name).symlink_to(child)
    (workdir / "locale").mkdir()
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale=en",
            "--keep-pot",
            "--symlinks",
            *MESSAGES_OPTIONS,
        ],
        cwd=workdir,
        check=True,
        capture_output=True,
    )
    pot = workdir / "locale" / "django.pot"
    return {entry.key for entry in parse_po(pot) if entry.msgid}


def compile_test_catalogue(locale_dir, language, translations):
    """A catalogue of `translations` ({English: translated}) for `language`, compiled into
    `locale_dir` (put it first in LOCALE_PATHS): for tests that need a translated string
    while the real catalogues are translated apart."""
    folder = Path(locale_dir) / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    entries = "\n".join(
        "#, python-format\n" * ("%(" in english)
        + f"msgid {_po_string(english)}\nmsgstr {_po_string(translated)}\n"
        for english, translated in translations.items()
    )
    (folder / "django.po").write_text(f"{header}\n{entries}", encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(folder / "django.mo"), str(folder / "django.po")],
        check=True,
    )


def _po_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
