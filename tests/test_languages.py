"""The interface languages: one language per URL, each page linking itself in every language,
the sitemap listing every language, and the language-free URLs left unprefixed."""

import pytest
from django.core import mail

from tests.conftest import client_for
from tests.factories import make_system
from tests.sitemaps import XHTML, sitemap_entries
from tests.translation_catalogues import compile_test_catalogue

pytestmark = pytest.mark.django_db

PREFIXES = ["", "/fr", "/de", "/it", "/es", "/pl"]


def test_english_urls_are_unchanged_and_each_language_has_its_prefix(anonymous, italian_record):
    for prefix, language in zip(PREFIXES, ["en", "fr", "de", "it", "es", "pl"], strict=True):
        response = anonymous.get(f"{prefix}/countries/IT/")
        assert response.status_code == 200
        assert response["Content-Language"] == language
        assert f'<html lang="{language}">' in response.content.decode()
    assert anonymous.get("/en/countries/IT/").status_code == 404  # English has no prefix


def test_a_page_links_itself_in_every_language(anonymous, italian_record):
    body = anonymous.get("/de/countries/IT/?print=1").content.decode()
    for prefix, language in zip(PREFIXES, ["en", "fr", "de", "it", "es", "pl"], strict=True):
        absolute = f"http://testserver{prefix}/countries/IT/?print=1"
        assert f'<link rel="alternate" hreflang="{language}" href="{absolute}">' in body
        assert f'href="{prefix}/countries/IT/?print=1" lang="{language}"' in body
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/countries/IT/?print=1">'
        in body
    )
    assert 'lang="de" hreflang="de" aria-current="true">Deutsch</a>' in body
    assert 'lang="fr" hreflang="fr">Français</a>' in body


def test_a_page_not_found_links_each_languages_home(anonymous):
    response = anonymous.get("/fr/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert 'href="/it/" lang="it"' in body
    assert 'href="/" lang="en"' in body


def test_the_sitemap_lists_every_page_in_every_language_with_alternates(anonymous, italian_record):
    urls = sitemap_entries(anonymous)
    for prefix in PREFIXES:
        assert f"http://testserver{prefix}/countries/IT/2023/" in urls
    alternates = {
        link.get("hreflang"): link.get("href")
        for link in urls["http://testserver/pl/countries/IT/2023/"].iter(f"{XHTML}link")
    }
    assert alternates["x-default"] == alternates["en"] == "http://testserver/countries/IT/2023/"
    assert alternates["fr"] == "http://testserver/fr/countries/IT/2023/"
    assert len(alternates) == 7


@pytest.mark.parametrize(
    "path",
    [
        "/fr/api/v1/policies/",
        "/fr/sitemap.xml",
        "/fr/sitemap-records.xml",
        "/fr/healthz",
    ],
)
def test_language_free_urls_have_no_prefixed_twin(anonymous, path):
    assert anonymous.get(path).status_code == 404
    assert anonymous.get(path.removeprefix("/fr")).status_code == 200


def test_robots_keeps_crawlers_out_of_the_admin_in_every_language(anonymous):
    body = anonymous.get("/robots.txt").content.decode()
    for prefix in PREFIXES:
        assert f"Disallow: {prefix}/admin/\n" in body


def test_the_admin_follows_the_url_language(editor):
    client = client_for(editor)
    french = client.get("/fr/admin/")
    assert french.status_code == 200
    body = french.content.decode()
    assert '<html lang="fr"' in body
    assert 'href="/fr/"' in body  # View site: the French public site
    assert 'href="/fr/admin/guidance/' in body
    assert client.get("/admin/")["Content-Language"] == "en"


def test_menu_links_follow_the_page_language(anonymous, italian_record):
    english = anonymous.get("/countries/IT/").content.decode()
    italian = anonymous.get("/it/countries/IT/").content.decode()
    assert 'href="/compare/"' in english and 'href="/it/compare/"' not in english
    assert 'href="/it/compare/"' in italian


def test_mail_is_written_in_english_whatever_the_admins_language(
    editor,
    italian_expert,
    italy,
    collection_2023,
    tmp_path,
    settings,
    django_capture_on_commit_callbacks,
):
    """E-mail is in LANGUAGE_CODE with unprefixed links, even after a move made in /fr/admin/
    (docs/decisions.md): a French catalogue is compiled so that French would show."""
    compile_test_catalogue(
        tmp_path,
        "fr",
        {"Published: %(content)s": "Publié : %(content)s", "Publish": "Publier"},
    )
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    italian_expert.email = "expert-it@example.org"
    italian_expert.save()
    record = make_system(country=italy, collection=collection_2023, status="in_review")
    client = client_for(editor)
    assert (
        "Publier"
        in client.get(f"/fr/admin/guidance/guidancesystem/{record.pk}/change/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/fr/admin/guidance/guidancesystem/{record.pk}/publish/")
    assert [message.to for message in mail.outbox] == [["expert-it@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "[Lifelong Guidance Inventory] Published: Italy (2023)"
    assert f"{settings.SITE_URL}/countries/IT/2023/" in message.body
    assert "/fr/" not in message.body
