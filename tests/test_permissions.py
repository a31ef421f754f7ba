"""guidance/rules/permissions.py decides who may see and change which country."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from guidance.models import GuidanceSystem, PublicationStatus
from guidance.rules import permissions
from guidance.rules.roles import EDITORS, EXPERTS
from tests.factories import make_collection, make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def italian_draft(italy):
    return make_system(
        country=italy, collection=make_collection(year=2025), status=PublicationStatus.DRAFT
    )


def test_the_editor_may_edit_every_country(editor, italy, germany):
    assert set(permissions.editable_countries(editor)) == {italy, germany}


def test_an_expert_may_edit_only_assigned_countries(italian_expert, italy, germany):
    assert list(permissions.editable_countries(italian_expert)) == [italy]
    assert permissions.can_edit_country(italian_expert, italy)
    assert not permissions.can_edit_country(italian_expert, germany)


def test_an_anonymous_reader_may_edit_nothing(italy):
    assert not permissions.editable_countries(AnonymousUser()).exists()


def test_a_deactivated_expert_loses_access(italian_expert, italy):
    italian_expert.is_active = False
    italian_expert.save()
    assert not permissions.can_edit_country(italian_expert, italy)


def test_the_anonymous_reader_sees_published_records_only(italian_record, italian_draft):
    assert list(permissions.visible(GuidanceSystem.objects.all(), AnonymousUser())) == [
        italian_record
    ]


def test_the_italian_expert_sees_the_italian_draft(italian_expert, italian_record, italian_draft):
    assert set(permissions.visible(GuidanceSystem.objects.all(), italian_expert)) == {
        italian_record,
        italian_draft,
    }


def test_the_german_expert_sees_other_countries_published_records_only(
    german_expert, italian_record, italian_draft, german_record
):
    german_draft = make_system(
        country=german_record.country,
        collection=italian_draft.collection,
        status=PublicationStatus.IN_REVIEW,
    )
    visible = set(permissions.visible(GuidanceSystem.objects.all(), german_expert))
    assert visible == {italian_record, german_record, german_draft}


def test_the_editor_sees_every_draft(editor, italian_record, italian_draft):
    assert set(permissions.visible(GuidanceSystem.objects.all(), editor)) == {
        italian_record,
        italian_draft,
    }


def test_migrate_creates_the_role_groups_with_their_permissions(db):
    editors = Group.objects.get(name=EDITORS)
    experts = Group.objects.get(name=EXPERTS)
    assert editors.permissions.filter(codename="change_section").exists()
    assert experts.permissions.filter(codename="change_sectionentry").exists()
    assert not experts.permissions.filter(codename="change_section").exists()
    assert not experts.permissions.filter(codename__startswith="delete_").exists()
