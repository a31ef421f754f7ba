"""The content is under CC BY 4.0 and the code under the EUPL 1.2, and every door says so."""

import json

import pytest
from django.conf import settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_licence_page_names_both_licences(anonymous):
    html = anonymous.get("/licence/").content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "European Union Public Licence (EUPL) 1.2" in html
    assert "has not been chosen" not in html


def test_every_page_footer_names_the_content_licence(anonymous):
    html = anonymous.get("/about/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'Content under <a href="/licence/">CC BY 4.0</a>' in footer


def test_the_licence_files_are_at_the_top_of_the_repository():
    assert (
        (settings.BASE_DIR / "LICENSE")
        .read_text()
        .startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    )
    assert "CC BY 4.0" in (settings.BASE_DIR / "LICENSE-CONTENT.md").read_text()


def test_the_api_description_and_info_name_the_licences():
    schema = APIClient().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    info = json.loads(schema.content)["info"]
    assert info["license"]["name"].startswith("CC BY 4.0")
    assert "EUPL 1.2" in info["description"]


def test_the_api_docs_page_opens_with_the_banner(anonymous, settings):
    settings.INVENTORY_DEMO_CONTENT = True
    assert 'class="demo-banner"' in anonymous.get("/api/docs/").content.decode()
    settings.INVENTORY_DEMO_CONTENT = False
    assert 'class="demo-banner"' not in anonymous.get("/api/docs/").content.decode()
