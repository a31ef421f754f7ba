"""Behind a reverse proxy the client is the address the trusted proxies saw, never the proxy.

Every request here comes from the same proxy (REMOTE_ADDR); only X-Forwarded-For, which the
proxy appends to, tells the clients apart. Sign-ins go through the real admin login page:
each one fetches the page and submits the form it renders, CSRF token included.
"""

from html.parser import HTMLParser

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory

from inventory.client_ip import client_ip

PROXY = "10.0.0.2"
VICTIM = "198.51.100.7"
ATTACKER = "203.0.113.9"
PASSWORD = "the-right-password-2026"


@pytest.mark.parametrize(
    ("count", "forwarded_for", "expected"),
    [
        (0, None, PROXY),
        (0, VICTIM, PROXY),
        (1, None, PROXY),
        (1, ATTACKER, ATTACKER),
        (1, f"{VICTIM}, {ATTACKER}", ATTACKER),
        (2, f"{VICTIM}, {ATTACKER}, 10.0.0.1", ATTACKER),
        (2, ATTACKER, PROXY),
        (1, "unknown", PROXY),
        (1, f"{VICTIM}, {ATTACKER}:4711", PROXY),
        (1, " 2001:DB8:0:0::1 ", "2001:db8::1"),
    ],
)
def test_the_client_is_the_nth_forwarded_address_from_the_right(
    settings, count, forwarded_for, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    headers = {} if forwarded_for is None else {"HTTP_X_FORWARDED_FOR": forwarded_for}
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, **headers)
    assert client_ip(request) == expected


class _LoginForm(HTMLParser):
    """The action and the named inputs of the admin's #login-form."""

    def __init__(self, html):
        super().__init__()
        self.action, self.fields, self._inside = None, {}, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "login-form":
            self.action, self._inside = attrs["action"], True
        elif tag == "input" and self._inside and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


def behind_the_proxy(forwarded_for):
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def sign_in(client, username, password):
    page = client.get("/admin/login/?next=/admin/")
    form = _LoginForm(page.content.decode())
    assert {"csrfmiddlewaretoken", "username", "password"} <= set(form.fields)
    return client.post(form.action, {**form.fields, "username": username, "password": password})


def fail_until_locked_out(client, username):
    codes = [
        sign_in(client, username, "wrong").status_code for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert codes == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]


@pytest.fixture
def editor_with_password(editor):
    editor.set_password(PASSWORD)
    editor.save()
    return editor


@pytest.mark.django_db
def test_an_attacker_behind_the_proxy_locks_out_only_their_own_address(
    settings, editor_with_password
):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_until_locked_out(behind_the_proxy(ATTACKER), "editor")
    assert sign_in(behind_the_proxy(VICTIM), "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_address_is_counted_as_the_address_the_proxy_saw(
    settings, editor_with_password
):
    settings.TRUSTED_PROXY_COUNT = 1
    fail_until_locked_out(behind_the_proxy(f"{VICTIM}, {ATTACKER}"), "editor")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [ATTACKER]
    assert sign_in(behind_the_proxy(ATTACKER), "editor", PASSWORD).status_code == 429
    assert sign_in(behind_the_proxy(VICTIM), "editor", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_without_trusted_proxies_a_changing_forwarded_header_does_not_escape_the_lockout(
    settings, editor_with_password
):
    settings.TRUSTED_PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client = behind_the_proxy(f"192.0.2.{attempt + 1}")
        assert sign_in(client, "editor", "wrong").status_code == 200
    assert sign_in(behind_the_proxy(VICTIM), "editor", "wrong").status_code == 429
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [PROXY]
