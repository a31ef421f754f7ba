"""Clear refusals and safe deletes in the admin.

Another country's object answers a 403 page saying whose records the user may edit (not
"doesn't exist"); an id that exists nowhere stays a 404. Records, policies and initiatives
are deleted one at a time, published ones by editors only, on a page that says which
public addresses disappear.
"""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission

from guidance.models import GuidanceSystem, Policy
from guidance.rules import permissions
from tests.conftest import client_for
from tests.factories import make_country, make_initiative, make_policy
from tests.rendered_forms import rendered_form

pytestmark = pytest.mark.django_db

RECORDS = "/admin/guidance/guidancesystem/"
POLICIES = "/admin/guidance/policy/"


@pytest.fixture
def malta(db):
    return make_country(code="MT", name="Malta")


@pytest.fixture
def german_policy(germany):
    return make_policy(country=germany, title="A German policy")


def page_text(response):
    return unescape(response.content.decode())


def offered_actions(response):
    """The values of the list's action box, as rendered."""
    html = response.content.decode()
    select = re.search(r'<select name="action".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"', select)


def test_italian_expert_opening_a_german_record_is_told_whose_records_they_edit(
    italian_expert, german_record
):
    response = client_for(italian_expert).get(f"{RECORDS}{german_record.pk}/change/")
    assert response.status_code == 403
    text = page_text(response)
    assert "You can edit only Italy's country records." in text
    assert "Perhaps it was deleted" not in text
    assert 'id="site-name"' in text, "the refusal is an admin page, with the admin's header"


def test_italian_expert_opening_a_german_records_history_is_told_whose_records_they_edit(
    italian_expert, german_record
):
    client = client_for(italian_expert)
    history = f"{RECORDS}{german_record.pk}/history/"
    version = german_record.history.first().history_id
    for url in (history, f"{history}{version}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "You can edit only Italy's country records." in page_text(response)


def test_an_expert_of_two_countries_is_told_both(italian_expert, malta, german_policy):
    malta.experts.add(italian_expert)
    response = client_for(italian_expert).get(f"{POLICIES}{german_policy.pk}/change/")
    assert response.status_code == 403
    assert "You can edit only Italy's and Malta's policies." in page_text(response)


def test_an_id_that_exists_nowhere_is_still_not_found(italian_expert, german_record):
    client = client_for(italian_expert)
    missing = GuidanceSystem.objects.order_by("pk").last().pk + 100
    assert client.get(f"{RECORDS}{missing}/history/").status_code == 404
    response = client.get(f"{RECORDS}{missing}/change/", follow=True)
    assert response.status_code == 200
    assert "Perhaps it was deleted" in page_text(response)


@pytest.mark.parametrize("changelist", [RECORDS, POLICIES, "/admin/guidance/initiative/"])
def test_lists_of_public_content_offer_no_bulk_delete(editor, italy, italian_record, changelist):
    make_policy(country=italy)
    make_initiative(country=italy)
    response = client_for(editor).get(changelist)
    rendered_form(response, form_id="changelist-form")
    actions = offered_actions(response)
    assert "export_as_csv" in actions
    assert "delete_selected" not in actions


def test_a_crafted_bulk_delete_of_records_is_refused(editor, italian_record):
    """An attack probe: the action is not offered, so a browser cannot send it."""
    client = client_for(editor)
    chosen = {"action": "delete_selected", "_selected_action": str(italian_record.pk)}
    client.post(RECORDS, {**chosen, "post": "yes"})
    assert GuidanceSystem.objects.filter(pk=italian_record.pk).exists()


def test_an_editors_delete_page_for_a_published_record_names_its_public_addresses(
    editor, italian_record
):
    response = client_for(editor).get(f"{RECORDS}{italian_record.pk}/delete/")
    assert response.status_code == 200
    text = page_text(response)
    assert "disappears from the public site" in text
    assert "http://testserver/countries/IT/2023/" in text
    assert f"http://testserver/api/v1/systems/{italian_record.pk}/" in text
    assert "http://testserver/countries/IT/2023/cite.ris" in text


def test_an_editors_delete_page_for_a_draft_policy_has_no_public_warning(editor, italy):
    draft = make_policy(country=italy, status="draft")
    text = page_text(client_for(editor).get(f"{POLICIES}{draft.pk}/delete/"))
    assert "Yes, I’m sure" in text
    assert "disappears from the public site" not in text


def test_an_editors_delete_page_for_a_published_policy_names_its_page(editor, italy):
    policy = make_policy(country=italy)
    text = page_text(client_for(editor).get(f"{POLICIES}{policy.pk}/delete/"))
    assert f"http://testserver/policies/{policy.pk}/" in text
    assert f"http://testserver/api/v1/policies/{policy.pk}/" in text


def test_an_expert_cannot_delete_a_published_policy_of_their_country(italian_expert, italy):
    """An attack probe: experts are offered no delete button, so the POST is crafted."""
    policy = make_policy(country=italy)
    client = client_for(italian_expert)
    assert client.get(f"{POLICIES}{policy.pk}/delete/").status_code == 403
    response = client.post(f"{POLICIES}{policy.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Policy.objects.filter(pk=policy.pk).exists()


def test_published_content_is_deleted_by_editors_only(italian_expert, editor, italy):
    published, draft = make_policy(country=italy), make_policy(country=italy, status="draft")
    assert permissions.can_delete(editor, published)
    assert not permissions.can_delete(italian_expert, published)
    assert permissions.can_delete(italian_expert, draft)


def test_a_delete_permission_does_not_let_an_expert_delete_published_content(italian_expert, italy):
    """The roles give experts no delete permission; were one granted, published content
    would still need an editor (crafted POSTs: no delete button is offered)."""
    italian_expert.user_permissions.add(Permission.objects.get(codename="delete_policy"))
    published, draft = make_policy(country=italy), make_policy(country=italy, status="draft")
    client = client_for(italian_expert)
    assert client.post(f"{POLICIES}{published.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"{POLICIES}{draft.pk}/delete/", {"post": "yes"})
    assert set(Policy.objects.all()) == {published}
