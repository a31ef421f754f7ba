"""Drafts never travel through the shared page cache, whoever asked first.

Every public URL family is requested by readers who may see Italy's unpublished content
(an editor and Italy's expert, by token and by session) and by readers who may not (an
anonymous reader, Germany's expert by token and by session), in both orders, with the
real cache on: a per-process cache and Redis. Each reader must get exactly what the same
reader gets with no cache at all: no secret more, none fewer.
"""

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from guidance.models import CollectionStatus, PublicationStatus
from tests.conftest import client_for, use_cache
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_section,
    make_source,
    make_system,
)

pytestmark = pytest.mark.django_db

SECRET = re.compile(r"SECRET-[A-Z-]+")


@pytest.fixture
def inventory(italy, germany):
    """Italy: a published 2023 record, a draft 2024 record, and content in every state."""
    c2023 = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    c2024 = make_collection(year=2024, status=CollectionStatus.PUBLISHED)
    access = make_section(number=1, slug="access", title="Access")
    strategy = make_indicator(slug="strategy", name="Strategy")
    it2023 = make_system(country=italy, collection=c2023)
    make_entry(system=it2023, section=access, body="Published Italian text.")
    make_indicator_value(system=it2023, indicator=strategy, answer="yes", note="Public note.")
    it2024 = make_system(
        country=italy,
        collection=c2024,
        based_on=it2023,
        status=PublicationStatus.DRAFT,
        summary="SECRET-DRAFT-SUMMARY",
        contributors="SECRET-DRAFT-AUTHORS",
    )
    make_entry(system=it2024, section=access, body="SECRET-DRAFT-RECORD text.")
    make_indicator_value(system=it2024, indicator=strategy, answer="no", note="SECRET-DRAFT-NOTE")
    de2023 = make_system(country=germany, collection=c2023)
    make_entry(system=de2023, section=access, body="Published German text.")
    published = make_policy(country=italy, title="Published Italian policy", start_year=2014)
    drafts = {
        "draft": make_policy(
            country=italy, title="SECRET-DRAFT-POLICY", status=PublicationStatus.DRAFT
        ),
        "review": make_policy(
            country=italy, title="SECRET-REVIEW-POLICY", status=PublicationStatus.IN_REVIEW
        ),
        "returned": make_policy(
            country=italy,
            title="SECRET-RETURNED-POLICY",
            status=PublicationStatus.DRAFT,
            review_comment="Needs sources.",
        ),
        "initiative": make_initiative(
            country=italy, title="SECRET-REVIEW-INITIATIVE", status=PublicationStatus.IN_REVIEW
        ),
    }
    for policy in (published, *list(drafts.values())[:3]):
        policy.sections.add(access)
    make_initiative(country=italy, title="Published Italian initiative")
    organisation = make_organisation(country=italy, name="Published Italian agency")
    make_organisation(
        country=italy,
        name="Italian agency",
        revision_of=organisation,
        status=PublicationStatus.IN_REVIEW,
        description="SECRET-REVISION-ORGANISATION",
    )
    make_organisation(country=italy, name="SECRET-DRAFT-ORGANISATION", status="draft")
    source = make_source(country=italy, title="Published Italian source")
    make_source(
        country=italy,
        title="SECRET-REVISION-SOURCE",
        url="",
        revision_of=source,
        status=PublicationStatus.IN_REVIEW,
    )
    make_source(country=italy, title="SECRET-DRAFT-SOURCE", status=PublicationStatus.DRAFT)
    published.responsible_organisations.add(organisation)
    published.sources.add(source)
    return {"drafts": drafts, "published": published, "organisation": organisation}


def public_urls(inventory):
    """One URL or more of every family a reader can fetch without signing in."""
    drafts = inventory["drafts"]
    policy, initiative = drafts["draft"].pk, drafts["initiative"].pk
    organisation = inventory["organisation"].pk
    record = "/countries/IT/2024"
    api_record = "/api/v1/countries/IT/systems/2024"
    return [
        "/",
        "/countries/IT/",
        f"{record}/",
        f"{record}/sections/access/",
        f"{record}/changes/",
        f"{record}/changes/?from=2023",
        "/countries/IT/changes/",
        "/countries/IT/changes/?from=2023&to=2024",
        f"{record}/cite.bib",
        f"{record}/cite.ris",
        f"{record}/cite.json",
        f"{record}/sections/access/cite.ris",
        "/compare/?countries=IT,DE&collection=2024",
        "/compare/print/?countries=IT,DE&collection=2024",
        "/compare/comparison.csv?countries=IT,DE&collection=2024",
        "/sections/access/?collection=2024",
        "/coverage/?collection=2024",
        "/indicators/",
        "/indicators/strategy/",
        "/policies/",
        "/policies/?search=SECRET",
        f"/policies/{policy}/",
        f"/policies/{policy}/cite.bib",
        "/policies/policies.csv",
        "/policies/map/?search=SECRET",
        "/initiatives/",
        f"/initiatives/{initiative}/",
        f"/initiatives/{initiative}/cite.json",
        "/search/?q=SECRET",
        "/feeds/updates/",
        "/feeds/countries/IT/",
        "/feeds/sections/access/",
        "/sitemap.xml",
        "/sitemap-records.xml",
        "/sitemap-policies.xml",
        "/sitemap-initiatives.xml",
        "/sitemap-organisations.xml",
        "/downloads/inventory-policies.csv",
        "/downloads/inventory.json",
        "/api/v1/policies/",
        "/api/v1/policies/?format=csv",
        f"/api/v1/policies/{policy}/",
        f"/api/v1/policies/{drafts['review'].pk}/",
        "/api/v1/initiatives/",
        f"/api/v1/initiatives/{initiative}/",
        "/api/v1/systems/?collection=2024",
        "/api/v1/systems/?collection=2024&format=csv",
        f"{api_record}/",
        f"{api_record}/changes/",
        "/api/v1/countries/IT/changes/",
        "/api/v1/countries/IT/changes/?from=2023&to=2024",
        f"{api_record}/sections/access/",
        "/api/v1/comparison/?countries=IT,DE&sections=access&collection=2024",
        "/api/v1/organisations/",
        f"/api/v1/organisations/{organisation}/",
        "/api/v1/sources/",
        "/api/v1/sources/?format=csv",
        "/organisations/",
        f"/organisations/{organisation}/",
        f"/policies/{inventory['published'].pk}/",
        f"/policies/{inventory['published'].pk}/cite.ris",
        "/downloads/inventory-organisations.csv",
        "/downloads/inventory-sources.csv",
        "/search/?q=agency",
    ]


def _token_client(user):
    client = Client()
    token, _ = Token.objects.get_or_create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


@pytest.fixture
def readers(editor, italian_expert, german_expert):
    """Who may see Italy's unpublished content, and who may not."""
    privileged = {
        "editor token": _token_client(editor),
        "editor session": client_for(editor),
        "expert-it token": _token_client(italian_expert),
        "expert-it session": client_for(italian_expert),
    }
    others = {
        "anonymous": Client(),
        "expert-de token": _token_client(german_expert),
        "expert-de session": client_for(german_expert),
    }
    return privileged, others


def _fetch(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, frozenset(SECRET.findall(body.decode()))


def _uncached_answers(settings, readers, urls):
    """What each reader gets with no cache: the reference every cached answer must equal."""
    use_cache(settings, None)
    everyone = {**readers[0], **readers[1]}
    return {(name, url): _fetch(client, url) for url in urls for name, client in everyone.items()}


def test_the_fixture_has_secrets_only_privileged_readers_see(settings, inventory, readers):
    """The reference is not empty: without this the leak tests below could pass vacuously."""
    urls = public_urls(inventory)
    answers = _uncached_answers(settings, readers, urls)
    seen = {url for url in urls for name in readers[0] if answers[(name, url)][1]}
    assert len(seen) >= 32, " ".join(sorted(set(urls) - seen))
    for url in urls:
        for name in readers[1]:
            assert not answers[(name, url)][1], (name, url)


@pytest.mark.parametrize(
    "privileged_first", [True, False], ids=["privileged-first", "others-first"]
)
def test_no_reader_gets_another_readers_answer_through_the_cache(
    settings, real_cache, inventory, readers, privileged_first
):
    urls = public_urls(inventory)
    expected = _uncached_answers(settings, readers, urls)
    use_cache(settings, real_cache)
    privileged, others = readers
    order = [privileged, others] if privileged_first else [others, privileged]
    wrong = []
    for url in urls:
        for group in order:
            for name, client in group.items():
                got = _fetch(client, url)
                if got != expected[(name, url)]:
                    wrong.append((name, url, sorted(got[1]), sorted(expected[(name, url)][1])))
    assert not wrong, wrong
    # The cache was really on: the anonymous reader's pages were stored and served again.
    again = Client().get("/countries/IT/")
    assert again["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/policies/",
        "/api/v1/initiatives/",
        "/api/v1/systems/?collection=2024",
        "/api/v1/countries/IT/systems/2023/",
        "/api/v1/comparison/?countries=IT,DE&sections=access&collection=2024",
    ],
)
def test_validators_do_not_tell_others_that_drafts_changed(
    real_cache, inventory, italy, editor, url
):
    """ETag and Last-Modified of what a reader may see stay put while drafts are written."""
    before = Client().get(url)
    make_policy(country=italy, title="SECRET-NEW-DRAFT", status=PublicationStatus.DRAFT)
    draft = inventory["drafts"]["draft"]
    draft.summary = "SECRET-EDITED"
    draft.save()
    entry = draft.country.systems.get(collection__year=2024).entries.get()
    entry.body = "SECRET-EDITED-RECORD"
    entry.save()
    after = Client().get(url)
    for header in ("ETag", "Last-Modified"):
        assert after.get(header) == before.get(header), header
    assert Client().get(url, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 304
