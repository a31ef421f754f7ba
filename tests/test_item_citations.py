"""Citations of a policy and of an initiative: published ones only, as records are cited."""

import json
from datetime import UTC, datetime

import bibtexparser
import pytest
from django.core.cache import cache

from guidance.models import Initiative, Policy, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import make_initiative, make_policy

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2025, 6, 30, 12, tzinfo=UTC)


@pytest.fixture
def policy(italy):
    policy = make_policy(country=italy, title="National guidance strategy", start_year=2014)
    Policy.objects.filter(pk=policy.pk).update(published_at=PUBLISHED)
    return policy


@pytest.fixture
def initiative(italy):
    initiative = make_initiative(country=italy, title="Career centres")
    Initiative.objects.filter(pk=initiative.pk).update(published_at=PUBLISHED)
    return initiative


@pytest.fixture
def cited(policy, initiative):
    """The detail page of each, with the key and title its citation has."""
    return {
        "policy": (f"/policies/{policy.pk}/", f"lgi-policy-{policy.pk}", policy.title),
        "initiative": (
            f"/initiatives/{initiative.pk}/",
            f"lgi-initiative-{initiative.pk}",
            initiative.title,
        ),
    }


@pytest.mark.parametrize("kind", ["policy", "initiative"])
def test_the_detail_page_shows_how_to_cite_it(anonymous, cited, kind):
    page, _, title = cited[kind]
    html = anonymous.get(page).content.decode()
    assert "How to cite" in html
    assert f"(2025). {title}. In Lifelong Guidance Inventory, " in html
    assert f'href="http://testserver{page}"' in html
    for fmt in ("bib", "ris", "json"):
        assert f'href="{page}cite.{fmt}"' in html


@pytest.mark.parametrize("kind", ["policy", "initiative"])
def test_every_format_cites_the_same_item_on_the_same_day(anonymous, cited, kind):
    page, key, title = cited[kind]
    bib = anonymous.get(f"{page}cite.bib")
    assert bib["Content-Disposition"] == f'attachment; filename="{key}.bib"'
    (entry,) = bibtexparser.parse_string(bib.content.decode()).entries
    assert (entry.key, entry["title"], entry["year"]) == (key, title, "2025")
    assert entry["url"] == f"http://testserver{page}"
    ris = anonymous.get(f"{page}cite.ris").content.decode().splitlines()
    assert {
        f"TI  - {title}",
        "PY  - 2025",
        "DA  - 2025/06/30",
        f"UR  - http://testserver{page}",
    } <= set(ris)
    (item,) = json.loads(anonymous.get(f"{page}cite.json").content)
    assert (item["id"], item["title"]) == (key, title)
    assert item["issued"] == {"date-parts": [[2025, 6, 30]]}
    assert item["container-title"].endswith("of Italy")


def test_an_unknown_format_is_a_404(anonymous, cited):
    assert anonymous.get(f"{cited['policy'][0]}cite.docx").status_code == 404


@pytest.mark.parametrize("status", [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW])
def test_unpublished_items_are_not_citable_even_by_their_own_experts(
    anonymous, editor, italian_expert, italy, status
):
    policy = make_policy(country=italy, status=status)
    initiative = make_initiative(country=italy, status=status)
    for page in (f"/policies/{policy.pk}/", f"/initiatives/{initiative.pk}/"):
        for client in (anonymous, client_for(italian_expert), client_for(editor)):
            for fmt in ("bib", "ris", "json"):
                assert client.get(f"{page}cite.{fmt}").status_code == 404
        page_html = client_for(italian_expert).get(page).content.decode()
        assert "cite.bib" not in page_html


def test_a_revision_in_progress_is_not_citable(anonymous, italy, policy):
    revision = make_policy(country=italy, revision_of=policy, status=PublicationStatus.DRAFT)
    assert anonymous.get(f"/policies/{revision.pk}/cite.bib").status_code == 404


def test_a_citation_is_served_from_the_public_cache(
    anonymous, editor, cited, settings, django_assert_num_queries
):
    use_cache(settings, "locmem")
    try:
        url = f"{cited['policy'][0]}cite.ris"
        first = anonymous.get(url)
        assert first["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = anonymous.get(url)
        assert second["X-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Disposition"] == first["Content-Disposition"]
        assert "X-Cache" not in client_for(editor).get(url)
    finally:
        cache.clear()
