"""Every interface lists what a reader may read from one home (guidance/reading/readable.py)."""

import ast
import csv
import io
from pathlib import Path

from guidance.models import PublicationStatus
from tests.api.conftest import api_client_for
from tests.factories import make_policy, make_source

GUIDANCE = Path(__file__).resolve().parent.parent / "guidance"


def _imported_modules(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_no_module_outside_the_api_imports_its_viewsets():
    outside = [
        path
        for path in GUIDANCE.rglob("*.py")
        if "api" not in path.relative_to(GUIDANCE).parts and "migrations" not in path.parts
    ]
    borrowing = {
        str(path.relative_to(GUIDANCE))
        for path in outside
        if any(module.startswith("guidance.api.views") for module in _imported_modules(path))
    }
    assert borrowing == set()


def _rows(body):
    return list(csv.DictReader(io.StringIO(body)))


def test_an_expert_reads_the_same_sources_of_a_policy_on_the_page_csv_and_in_the_api(
    client, italy, italian_expert
):
    """The page's CSV showed related rows as the public sees them, the API as the reader."""
    draft_source = make_source(country=italy, title="Draft decree", status=PublicationStatus.DRAFT)
    policy = make_policy(country=italy, title="Guidance strategy")
    policy.sources.add(draft_source, make_source(country=italy, title="Published law"))

    client.force_login(italian_expert)
    page_csv = b"".join(client.get("/policies/policies.csv").streaming_content).decode("utf-8-sig")
    api_csv = api_client_for(italian_expert).get("/api/v1/policies/?format=csv")
    page_row, api_row = _rows(page_csv)[0], _rows(api_csv.content.decode("utf-8-sig"))[0]
    assert "Draft decree" in page_row["sources"]
    assert page_row["sources"] == api_row["sources"]
