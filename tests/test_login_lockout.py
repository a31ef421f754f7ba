"""Repeated failed sign-ins lock the account out from that address (django-axes)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def test_too_many_failures_lock_out_even_the_right_password(editor):
    editor.set_password("the-right-password-2026")
    editor.save()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(LOGIN, {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    locked = client.post(LOGIN, {"username": "editor", "password": "wrong"})
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    again = client.post(LOGIN, {"username": "editor", "password": "the-right-password-2026"})
    assert again.status_code == 429


def test_a_successful_sign_in_resets_the_count(editor):
    editor.set_password("the-right-password-2026")
    editor.save()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "editor", "password": "wrong"})
    signed_in = client.post(LOGIN, {"username": "editor", "password": "the-right-password-2026"})
    assert signed_in.status_code == 302


def test_short_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("short-pw", get_user_model()(username="someone"))
