"""Two app processes sharing PostgreSQL and Redis: an edit is seen by both on the next request.

The processes are gunicorn, with the test settings, on the test database (the test
commits its rows: transactional_db) and a Redis database of their own (SCALE_OUT_REDIS).
The edit is made here, in a third process, through the ORM: what matters is that neither
server made it. An update that bypasses the signals shows the page really comes from the
shared cache (it stays stale), so this test fails if the cache is not shared or not used.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from guidance.models import PublicationStatus, SectionEntry
from tests.factories import make_collection, make_country, make_entry, make_section, make_system

SCALE_OUT_REDIS = os.environ.get("SCALE_OUT_REDIS", "redis://127.0.0.1:6379/14")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database other processes can open (PostgreSQL): the SQLite test "
        "database lives in memory",
    ),
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _redis_answers():
    import redis

    try:
        return redis.Redis.from_url(SCALE_OUT_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def _get(url):
    """GET as through a load balancer: every process sees the site's one public host name.

    Cache keys hold the host, as Django's do, so two ports would be two sites.
    """
    request = urllib.request.Request(url, headers={"Host": "localhost"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("X-Cache"), response.read().decode()


def _wait_until_up(url, process):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within 30 s")


@pytest.fixture
def shared_cache(settings):
    if not _redis_answers():
        pytest.skip(f"Redis does not answer at {SCALE_OUT_REDIS} (.ci/run starts it in CI)")
    settings.CACHES = {
        "default": {
            "BACKEND": "inventory.redis_cache.ReusingRedisCache",
            "LOCATION": SCALE_OUT_REDIS,
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_redis_backend_keeps_one_client_and_round_trips_values(shared_cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("scale-out-check", {"body": b"page", "headers": {"ETag": '"1"'}})
    assert cache.get("scale-out-check") == {"body": b"page", "headers": {"ETag": '"1"'}}
    cache.set("scale-out-counter", 41)
    assert cache.incr("scale-out-counter") == 42


@pytest.fixture
def two_servers(shared_cache):
    """Two gunicorn processes on free ports, both on the test database and the shared cache."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inventory.test_settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "CACHE_URL": SCALE_OUT_REDIS,
        "PAGE_CACHE_SECONDS": "300",
        "DB_CONN_MAX_AGE": "0",
    }
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    servers = []
    try:
        for _ in range(2):
            port = _free_port()
            process = subprocess.Popen(
                [gunicorn, "inventory.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            servers.append(process)
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{url}/about/", process)
            process.url = url
        yield [server.url for server in servers]
    finally:
        for process in servers:
            process.terminate()
        for process in servers:
            process.wait(timeout=10)


def test_an_edit_made_elsewhere_is_served_by_both_processes(two_servers):
    italy = make_country(code="IT", name="Italy")
    record = make_system(country=italy, collection=make_collection(year=2023))
    entry = make_entry(system=record, section=make_section(), body="The first wording.")
    first, second = (f"{url}/countries/IT/" for url in two_servers)
    for page in (first, second):
        assert "The first wording." in _get(page)[1]
    assert _get(first) == ("hit", _get(second)[1])

    # Bypassing the signals changes the rows but not the generation: the shared cache
    # keeps serving the old page from both processes.
    SectionEntry.objects.filter(pk=entry.pk).update(body="A silent wording.")
    assert "The first wording." in _get(second)[1]

    entry.refresh_from_db()
    entry.body = "The published wording."
    entry.save()
    # The process that did not make the edit renders the new page and shares it.
    assert _get(second) == ("miss", _get(first)[1])
    assert "The published wording." in _get(first)[1]
    assert _get(first)[0] == "hit"


def test_a_draft_saved_elsewhere_leaves_both_processes_hitting_until_it_is_published(
    two_servers,
):
    italy = make_country(code="IT", name="Italy")
    section = make_section()
    record = make_system(country=italy, collection=make_collection(year=2023))
    make_entry(system=record, section=section, body="The published wording.")
    draft = make_system(
        country=italy, collection=make_collection(year=2024), status=PublicationStatus.DRAFT
    )
    draft_entry = make_entry(system=draft, section=section, body="The first draft.")
    first, second = (f"{url}/countries/IT/" for url in two_servers)
    assert "The published wording." in _get(first)[1]

    draft_entry.body = "The second draft."
    draft_entry.save()
    for page in (second, first):
        status, body = _get(page)
        assert status == "hit"
        assert "draft." not in body

    draft.status = PublicationStatus.PUBLISHED
    draft.save()
    status, body = _get(second)
    assert status == "miss"
    assert "The second draft." in body
    assert _get(first) == ("hit", body)
