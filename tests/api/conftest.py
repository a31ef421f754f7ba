"""The API's cast: the shared actors with tokens, and a small published inventory."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from guidance.models import CollectionStatus, PublicationStatus
from tests.factories import (
    make_collection,
    make_entry,
    make_indicator,
    make_indicator_value,
    make_policy,
    make_section,
    make_system,
)


def api_client_for(user=None):
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def inventory(italy, germany):
    """Two collections; Italy has a 2020 and a 2023 record, Germany only 2020; one draft policy."""
    c2020 = make_collection(year=2020, status=CollectionStatus.PUBLISHED)
    c2023 = make_collection(year=2023, status=CollectionStatus.PUBLISHED)
    access = make_section(number=1, slug="access", title="Access")
    strategy = make_indicator(slug="strategy", name="Strategy")
    it2020 = make_system(country=italy, collection=c2020)
    it2023 = make_system(country=italy, collection=c2023, based_on=it2020)
    de2020 = make_system(country=germany, collection=c2020)
    make_entry(system=it2020, section=access, body="Guidance in schools.")
    make_entry(system=it2023, section=access, body="Guidance in schools and for adults.")
    make_entry(system=de2020, section=access, body="Berufsberatung by the employment agency.")
    make_indicator_value(system=it2023, indicator=strategy, answer="yes", since_year=2014)
    make_policy(country=italy, title="Italian published policy", start_year=2014)
    make_policy(country=italy, title="Italian draft policy", status=PublicationStatus.DRAFT)
    make_policy(country=germany, title="German draft policy", status=PublicationStatus.DRAFT)
    return {"it2020": it2020, "it2023": it2023, "de2020": de2020, "access": access}
