"""Every cache that keeps rendered HTML keeps each language apart: a French page never shows
an English part cached from the English page, nor the reverse.

The real catalogues are being translated elsewhere, so the French wording comes from a tiny
catalogue compiled here (the strings below, in French) and put first in LOCALE_PATHS. Each
page is read in one language and then the other, with the real caches (locmem and Redis):
the anonymous page cache, the profile's cached parts and policy cards
(guidance/views/fragments.py), the search's cached hits and its {% cache %} fragments.
"""

import pytest

from tests.conftest import use_cache
from tests.factories import make_entry, make_organisation, make_policy
from tests.translation_catalogues import compile_test_catalogue

pytestmark = pytest.mark.django_db

FRENCH = {
    # templates/base.html: the page around the cached parts.
    "Skip to main content": "Aller directement au contenu",
    # templates/guidance/fragments/profile_section.html: a profile's cached section.
    "permanent link and citation": "lien permanent et citation",
    "Not reported for this collection.": "Pas encore décrit pour cette collecte.",
    # templates/guidance/fragments/policy_card.html: a profile's cached policy card.
    "Responsible:": "Sous la responsabilité de :",
    # templates/guidance/includes/search_hits.html: the search's {% cache %} fragment.
    "Nothing matched. You could:": "Aucun résultat. Vous pourriez :",
}


@pytest.fixture
def french_catalogue(tmp_path, settings):
    compile_test_catalogue(tmp_path, "fr", FRENCH)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    # Changing LOCALE_PATHS, and restoring it, empties Django's translation memo.


@pytest.fixture(params=["locmem", "redis"])
def real_cache(request, settings):
    use_cache(settings, request.param)
    yield request.param
    use_cache(settings, None)


@pytest.fixture
def content(italy, italian_record, sections):
    make_entry(system=italian_record, section=sections[0], body="The published wording.")
    for n in range(3):
        make_policy(
            country=italy,
            title=f"Guidance plan {n}",
            summary="Guidance for adults.",
        ).responsible_organisations.add(make_organisation(country=italy))


PAGES = [
    ("/countries/IT/", ["Skip to main content", "permanent link and citation"]),
    ("/countries/IT/", ["Not reported for this collection."]),
    ("/countries/IT/", ["Responsible:"]),
    ("/policies/", ["Skip to main content"]),
    ("/search/?q=zzyzxqq", ["Nothing matched. You could:"]),
]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def assert_reads_in(body, language, strings):
    for english in strings:
        french = FRENCH[english].replace("'", "&#x27;")
        if language == "fr":
            assert french in body and english not in body, english
        else:
            assert english in body and french not in body, english


@pytest.mark.parametrize(("path", "strings"), PAGES)
@pytest.mark.parametrize("order", [("en", "fr", "en"), ("fr", "en", "fr")])
def test_each_language_is_cached_apart(
    anonymous, french_catalogue, real_cache, content, path, strings, order
):
    urls = {"en": path, "fr": f"/fr{path}"}
    for language in order:
        body = read(anonymous, urls[language])
        assert f'<html lang="{language}">' in body
        assert_reads_in(body, language, strings)
    # The last read came from the page cache: still the right language.
    assert anonymous.get(urls[order[-1]])["X-Cache"] == "hit"


def test_cached_parts_link_pages_in_their_own_language(
    anonymous, french_catalogue, real_cache, content
):
    english = read(anonymous, "/countries/IT/")
    french = read(anonymous, "/fr/countries/IT/")
    assert 'href="/countries/IT/2023/sections/s1/"' in english
    assert 'href="/fr/countries/IT/2023/sections/s1/"' in french
    after_switcher = english.split('class="language-switcher"')[1].split("</nav>", 1)[1]
    assert 'href="/fr/' not in after_switcher


def test_an_unprefixed_url_is_english_whatever_the_browser_prefers(
    anonymous, french_catalogue, real_cache, content
):
    response = anonymous.get("/countries/IT/", HTTP_ACCEPT_LANGUAGE="fr")
    body = response.content.decode()
    assert '<html lang="en">' in body and "Skip to main content" in body
    assert response["Content-Language"] == "en"
    assert "Accept-Language" not in response["Vary"]
    french = anonymous.get("/fr/countries/IT/", HTTP_ACCEPT_LANGUAGE="en")
    assert french["Content-Language"] == "fr"
    assert "Accept-Language" not in french["Vary"]
