"""Vouchers and quasi-markets are an instrument type of their own, not a funding scheme.

The demo country files use the code `voucher-quasi-market` (the Italian re-employment
voucher, the Flemish career vouchers); the API lists it and both filters take it.
"""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from guidance.data.loading import Loader
from guidance.models import Country, InstrumentType
from tests.factories import make_policy

pytestmark = pytest.mark.django_db

CODE = "voucher-quasi-market"


@pytest.fixture
def vocabularies(db):
    Loader(settings.BASE_DIR / "fixtures").load(demo=False)


def test_the_vocabulary_has_it_apart_from_funding_schemes(vocabularies):
    voucher = InstrumentType.objects.get(code=CODE)
    funding = InstrumentType.objects.get(code="funding-scheme")
    assert voucher.name == "Voucher or quasi-market arrangement"
    assert "voucher" not in funding.name.lower()
    assert voucher.position == funding.position + 1


def test_the_api_lists_it_and_filters_policies_by_it(vocabularies):
    italy = Country.objects.get(code="IT")
    voucher = InstrumentType.objects.get(code=CODE)
    make_policy(country=italy, title="Re-employment voucher", instrument_type=voucher)
    make_policy(
        country=italy,
        title="Regional funding",
        instrument_type=InstrumentType.objects.get(code="funding-scheme"),
    )
    client = APIClient()
    codes = [
        row["code"]
        for row in client.get("/api/v1/vocabularies/instrument-types/?page_size=100").json()[
            "results"
        ]
    ]
    assert CODE in codes
    titles = [
        row["title"]
        for row in client.get(f"/api/v1/policies/?instrument_type={CODE}").json()["results"]
    ]
    assert titles == ["Re-employment voucher"]


def test_the_policies_page_filters_by_it(vocabularies, anonymous):
    italy = Country.objects.get(code="IT")
    voucher = InstrumentType.objects.get(code=CODE)
    make_policy(country=italy, title="Re-employment voucher", instrument_type=voucher)
    make_policy(
        country=italy,
        title="Regional funding",
        instrument_type=InstrumentType.objects.get(code="funding-scheme"),
    )
    html = anonymous.get(f"/policies/?instrument_type={CODE}").content.decode()
    assert "Re-employment voucher" in html and "Regional funding" not in html
