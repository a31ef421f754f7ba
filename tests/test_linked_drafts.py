"""A draft source or organisation linked to published content is its experts' to read.

Sources and organisations are shared rows with a status of their own: an editor may link
a draft source to a published policy, or a source may go back to draft after it was cited.
Every page that lists linked rows lists only those its reader may read
(guidance/reading/readable.py `linked_rows`), with the shared cache on and the country's
expert reading first, so that nothing they were shown is served to anyone else.
"""

import pytest

from tests.conftest import client_for
from tests.factories import (
    make_entry,
    make_indicator,
    make_indicator_value,
    make_initiative,
    make_organisation,
    make_policy,
    make_source,
)

DOORS = {
    "profile": lambda linked: "/countries/IT/",
    "policy": lambda linked: f"/policies/{linked['policy'].pk}/",
    "initiative": lambda linked: f"/initiatives/{linked['initiative'].pk}/",
    "record section": lambda linked: "/countries/IT/2023/sections/s1/",
    "indicators": lambda linked: "/indicators/",
    "section across countries": lambda linked: "/sections/s1/",
}


@pytest.fixture
def linked(real_cache, italy, italian_record, sections):
    source = make_source(country=italy, title="Draft source SECRET", status="draft")
    agency = make_organisation(country=italy, name="Draft agency SECRET", status="draft")
    policy = make_policy(country=italy, title="Published policy")
    policy.sources.add(source)
    policy.responsible_organisations.add(agency)
    initiative = make_initiative(country=italy, title="Published initiative")
    initiative.sources.add(source)
    initiative.providers.add(agency)
    entry = make_entry(system=italian_record, section=sections[0], body="Published text.")
    entry.sources.add(source)
    value = make_indicator_value(system=italian_record, indicator=make_indicator())
    value.sources.add(source)
    return {"policy": policy, "initiative": initiative}


@pytest.mark.parametrize("door", sorted(DOORS))
def test_only_the_countrys_experts_read_draft_rows_linked_to_published_content(
    door, linked, client, italian_expert, german_expert
):
    url = DOORS[door](linked)
    expert_page = client_for(italian_expert).get(url)
    assert expert_page.status_code == 200
    assert "Draft source SECRET" in expert_page.content.decode()

    for reader in (client, client_for(german_expert)):
        answer = reader.get(url)
        assert answer.status_code == 200
        assert "SECRET" not in answer.content.decode()
