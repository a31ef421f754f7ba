"""The docs name files that exist: a checklist that points at a moved file misleads."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# A path in backticks, starting at a top-level folder of the project.
PATH = re.compile(
    r"`((?:guidance|inventory|templates|fixtures|tests|docs|static|bench|scripts)/[^`\s]*)`"
)
# Placeholders and the checklist's example model name files that do not exist.
EXAMPLE = re.compile(r"<|programme|\*")


def named_paths(doc):
    for match in PATH.finditer(doc.read_text()):
        path = match.group(1).split("::")[0].rstrip(".,:;)")
        if not EXAMPLE.search(path):
            yield path


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_file_the_docs_name_exists(doc):
    missing = sorted({path for path in named_paths(doc) if not (ROOT / path).exists()})
    assert missing == []


def test_the_checklist_names_the_files_a_model_is_wired_through():
    named = set(named_paths(ROOT / "docs" / "adding-a-model.md"))
    assert {
        "guidance/filtersets.py",
        "guidance/api/serializers.py",
        "guidance/api/views.py",
        "guidance/reading/readable.py",
        "guidance/rules/roles.py",
        "guidance/data/loading.py",
    } <= named
