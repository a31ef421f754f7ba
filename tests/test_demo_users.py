"""Demo accounts exist only in development."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from guidance.rules import permissions

pytestmark = pytest.mark.django_db


def test_demo_accounts_are_refused_without_debug(italy, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only created with DEBUG on"):
        call_command("create_demo_users", stdout=StringIO())
    assert not get_user_model().objects.exists()


def test_demo_accounts_are_an_editor_and_an_italian_expert(italy, germany, settings):
    settings.DEBUG = True
    output = StringIO()
    call_command("create_demo_users", stdout=output)
    users = get_user_model().objects
    assert permissions.is_editor(users.get(username="editor"))
    expert = users.get(username="expert-it")
    assert list(permissions.editable_countries(expert)) == [italy]
    assert "expert-it" in output.getvalue()
