"""Production settings are strict: they refuse to start without secrets and pass check --deploy."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "q8Zr2" * 10,
    "ALLOWED_HOSTS": "inventory.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://inventory.example.org",
    "CACHE_URL": "redis://cache.example.org:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
    "DEFAULT_FROM_EMAIL": "Lifelong Guidance Inventory <inventory@example.org>",
    "SITE_URL": "https://inventory.example.org",
    "DJANGO_SETTINGS_MODULE": "inventory.settings",
}


def manage(*args, env, unset=()):
    ignored = {*PRODUCTION_ENV, "SECURE_SSL_REDIRECT", *unset}
    clean = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_configuration_passes_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_a_missing_secret_key_stops_production_with_a_clear_message():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_missing_allowed_hosts_stops_production():
    env = {**PRODUCTION_ENV, "ALLOWED_HOSTS": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_a_malformed_boolean_is_refused_by_name():
    result = manage("check", env={**PRODUCTION_ENV, "DEBUG": "perhaps"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_debug_runs_without_a_secret_key_on_the_embedded_database():
    env = {**PRODUCTION_ENV, "DEBUG": "1", "SECRET_KEY": ""}
    show_database = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"
    result = manage("shell", "-c", show_database, env=env, unset=["DATABASE_URL"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("var/inventory.sqlite3")


def test_a_negative_count_of_trusted_proxies_is_refused_by_name():
    result = manage("check", env={**PRODUCTION_ENV, "TRUSTED_PROXY_COUNT": "-1"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr


def conn_max_age(env, unset=()):
    show = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    result = manage("shell", "--no-imports", "-c", show, env=env, unset=unset)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def test_the_development_server_closes_database_connections_after_each_request():
    assert conn_max_age({**PRODUCTION_ENV, "DEBUG": "1"}, unset=["DB_CONN_MAX_AGE"]) == 0


def test_runserver_never_keeps_database_connections_whatever_the_environment_says():
    """Each runserver request thread would otherwise leave its connection open for good."""
    show = (
        "import sys; sys.argv = ['manage.py', 'runserver']; import django; django.setup(); "
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    env = {**PRODUCTION_ENV, "DEBUG": "1", "DB_CONN_MAX_AGE": "600"}
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENV}
    result = subprocess.run(
        [sys.executable, "-c", show],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == 0
    assert conn_max_age(env) == 600


def test_production_keeps_database_connections_unless_told_otherwise():
    assert conn_max_age(PRODUCTION_ENV, unset=["DB_CONN_MAX_AGE"]) == 60
    assert conn_max_age({**PRODUCTION_ENV, "DB_CONN_MAX_AGE": "0"}) == 0


def deploy_check(cache_url):
    env = {**PRODUCTION_ENV, "CACHE_URL": cache_url}
    if cache_url is None:
        del env["CACHE_URL"]
    return manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def test_production_without_a_shared_cache_is_warned_that_throttles_count_per_process():
    result = deploy_check(None)
    assert result.returncode != 0
    assert "inventory.W001" in result.stderr
    assert "CACHE_URL" in result.stderr


def test_a_single_process_says_so_with_a_local_cache_and_passes():
    result = deploy_check("locmem://")
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_without_any_cache_is_warned_that_nothing_is_throttled():
    result = deploy_check("dummy://")
    assert result.returncode != 0
    assert "inventory.W002" in result.stderr
