"""The cast every test can call on: an editor, an expert for Italy, an expert for Germany,
an anonymous reader, and two countries with a published record each."""

import os

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client

from guidance.rules.roles import ensure_role_groups
from tests.factories import make_collection, make_country, make_section, make_system
from tests.smtp import running_smtp_server


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_keepdb):
    """With `--reuse-db` (`make test-fast`), SQLite's test database is a file under var/.

    Django's default for SQLite is an in-memory database, which no run can keep. PostgreSQL's
    `test_<name>` is kept as it is; `--create-db` rebuilds either.
    """
    database = connections["default"].settings_dict
    if django_db_keepdb and database["ENGINE"] == "django.db.backends.sqlite3":
        test = database.setdefault("TEST", {})
        test["NAME"] = test.get("NAME") or str(settings.BASE_DIR / "var" / "test_inventory.sqlite3")


@pytest.fixture
def groups(db):
    return ensure_role_groups()


def _staff_user(username, group):
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def italy(db):
    return make_country(code="IT", name="Italy")


@pytest.fixture
def germany(db):
    return make_country(code="DE", name="Germany")


@pytest.fixture
def editor(groups):
    editors, _ = groups
    return _staff_user("editor", editors)


@pytest.fixture
def italian_expert(groups, italy):
    _, experts = groups
    user = _staff_user("expert-it", experts)
    italy.experts.add(user)
    return user


@pytest.fixture
def german_expert(groups, germany):
    _, experts = groups
    user = _staff_user("expert-de", experts)
    germany.experts.add(user)
    return user


@pytest.fixture
def anonymous():
    return Client()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def collection_2023(db):
    return make_collection(year=2023)


@pytest.fixture
def sections(db):
    return [make_section(number=n, slug=f"s{n}", title=f"Section {n}") for n in (1, 2, 3)]


@pytest.fixture
def italian_record(italy, collection_2023):
    return make_system(country=italy, collection=collection_2023)


@pytest.fixture
def german_record(germany, collection_2023):
    return make_system(country=germany, collection=collection_2023)


REAL_CACHES = {
    "locmem": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "tests-real-cache",
    },
    # A Redis database of its own: tests flush it (README "Scale": Redis on 6379). Runs in
    # parallel (several checkouts on one machine) each set TEST_REDIS_URL to their own.
    "redis": {
        "BACKEND": "inventory.redis_cache.ReusingRedisCache",
        "LOCATION": os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12"),
    },
}


def use_cache(settings, name):
    """Turn the page cache on with the real backend `name`, or off with None; start empty."""
    from django.core.cache import cache

    if name is None:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        settings.PAGE_CACHE_SECONDS = 0
    else:
        settings.CACHES = {"default": REAL_CACHES[name]}
        settings.PAGE_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture(params=sorted(REAL_CACHES))
def real_cache(request, settings):
    """The shared cache on, as in production: each test runs with locmem and with Redis."""
    from django.core.cache import cache

    use_cache(settings, request.param)
    yield request.param
    cache.clear()


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and Django's SMTP backend pointed at it."""
    mailbox, controller = running_smtp_server(settings)
    yield mailbox
    controller.stop()
