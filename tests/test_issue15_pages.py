"""Issue 15: what a reader sees on the public pages, read as a reader reads them."""

import re

import pytest

from tests.factories import (
    make_collection,
    make_country,
    make_system,
)

pytestmark = pytest.mark.django_db


def headers(html):
    """The countries heading the comparison grid's columns, in order."""
    return re.findall(r'<th scope="col"><a href="/countries/[A-Z-]+/">([^<]+)</a></th>', html)


# 1. The link to the record a record is based on


def test_a_record_links_to_the_record_it_is_based_on(anonymous, italy):
    earlier = make_system(country=italy, collection=make_collection(year=2020))
    make_system(country=italy, collection=make_collection(year=2023), based_on=earlier)
    html = anonymous.get("/countries/IT/2023/").content.decode()
    assert 'Based on the <a href="/countries/IT/2020/">2020 record</a>' in html
    assert anonymous.get("/countries/IT/2020/").status_code == 200


def test_a_subnational_profile_links_to_its_country(anonymous):
    belgium = make_country(code="BE", name="Belgium")
    make_country(code="BE-FL", iso_country="BE", name="Belgium (Flanders)", parent=belgium)
    html = anonymous.get("/countries/BE-FL/").content.decode()
    assert 'Part of <a href="/countries/BE/">Belgium</a>' in html
