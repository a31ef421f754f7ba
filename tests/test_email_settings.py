"""Outgoing mail is configured by EMAIL_URL, and a malformed one stops the process by name."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from inventory.email_url import parse_email_url
from tests.test_settings import PRODUCTION_ENV, manage

SHOW_MAIL = (
    "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
    "s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.SITE_URL)"
)


def without(*names, **changes):
    """The production environment with `changes`, and without the variables `names`."""
    env = {**PRODUCTION_ENV, **changes}
    return {name: value for name, value in env.items() if name not in names}


def mail_settings(env):
    result = manage("shell", "--no-imports", "-c", SHOW_MAIL, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_reads_the_mail_server_from_email_url():
    env = {**PRODUCTION_ENV, "EMAIL_URL": "smtp+tls://mailer:p%40ss@mail.example.org"}
    assert mail_settings(env) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "mailer",
        "p@ss",
        "True",
        "False",
        "https://inventory.example.org",
    ]


def test_development_prints_mail_to_the_console_without_email_url():
    shown = mail_settings(without("EMAIL_URL", "SITE_URL", DEBUG="1"))
    assert shown[0] == "django.core.mail.backends.console.EmailBackend"
    assert shown[-1] == "http://127.0.0.1:8000"


def test_a_malformed_email_url_stops_the_process_without_showing_the_password():
    env = {**PRODUCTION_ENV, "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:58x7"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: EMAIL_URL is malformed" in result.stderr
    assert "the port must be a number" in result.stderr
    assert "secret" not in result.stderr


def test_production_mail_needs_the_sites_address_for_its_links():
    result = manage("check", env=without("SITE_URL"))
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_a_site_url_with_a_path_is_refused_by_name():
    result = manage("check", env={**PRODUCTION_ENV, "SITE_URL": "inventory.example.org/x"})
    assert result.returncode != 0
    assert "SITE_URL must be http:// or https://" in result.stderr


def test_production_without_email_url_is_warned_that_nobody_hears_of_submissions():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=without("EMAIL_URL"))
    assert result.returncode != 0
    assert "inventory.W003" in result.stderr


def test_production_that_says_it_sends_no_mail_passes_the_deploy_check():
    env = without("SITE_URL", "DEFAULT_FROM_EMAIL", EMAIL_URL="dummy://")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "ssl"),
    [
        ("smtp://relay.example.org", "relay.example.org", 25, False, False),
        ("smtp://relay.example.org:2525", "relay.example.org", 2525, False, False),
        ("submission://u:p@mail.example.org", "mail.example.org", 587, True, False),
        ("smtps://u:p@mail.example.org", "mail.example.org", 465, False, True),
    ],
)
def test_each_smtp_scheme_says_its_port_and_encryption(url, host, port, tls, ssl):
    parsed = parse_email_url(url)
    assert (parsed["EMAIL_HOST"], parsed["EMAIL_PORT"]) == (host, port)
    assert (parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"]) == (tls, ssl)


@pytest.mark.parametrize(
    "url",
    [
        "smpt://mail.example.org",
        "mail.example.org:587",
        "smtp://",
        "smtp://mail.example.org:0",
        "smtp://mail.example.org:70000",
        "smtp://mail.example.org/inbox",
        "smtp://mail.example.org?timeout=5",
        "console://mail.example.org",
    ],
)
def test_a_malformed_email_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL is malformed"):
        parse_email_url(url)
