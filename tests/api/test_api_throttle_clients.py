"""Anonymous API clients are counted by the address the trusted proxies saw, in the shared cache.

Every request comes from the same proxy (REMOTE_ADDR); X-Forwarded-For is what the
clients and the proxy put in it. The limit is two requests a minute, so the third is refused.
"""

import os

import pytest
import redis
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

THROTTLE_REDIS = os.environ.get("THROTTLE_REDIS", "redis://127.0.0.1:6379/11")
PROXY = "10.0.0.2"
VICTIM = "198.51.100.7"
ATTACKER = "203.0.113.9"


@pytest.fixture
def two_a_minute(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "throttle-clients",
        }
    }
    settings.PAGE_CACHE_SECONDS = 0
    settings.API_THROTTLE_ANON = "2/minute"
    cache.clear()
    yield settings
    cache.clear()


def behind_the_proxy(forwarded_for):
    return APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded_for)


def statuses(clients):
    return [client.get("/api/v1/countries/").status_code for client in clients]


def test_clients_behind_one_proxy_have_a_limit_each(inventory, two_a_minute):
    two_a_minute.TRUSTED_PROXY_COUNT = 1
    attacker = behind_the_proxy(ATTACKER)
    assert statuses([attacker] * 3) == [200, 200, 429]
    assert statuses([behind_the_proxy(VICTIM)]) == [200]


def test_a_forged_forwarded_address_does_not_reset_the_count(inventory, two_a_minute):
    two_a_minute.TRUSTED_PROXY_COUNT = 1
    forged = [behind_the_proxy(f"192.0.2.{n}, {ATTACKER}") for n in (1, 2, 3)]
    assert statuses(forged) == [200, 200, 429]
    assert statuses([behind_the_proxy(VICTIM)]) == [200]


def test_without_trusted_proxies_the_forwarded_header_is_ignored(inventory, two_a_minute):
    two_a_minute.TRUSTED_PROXY_COUNT = 0
    forged = [behind_the_proxy(f"192.0.2.{n}") for n in (1, 2, 3)]
    assert statuses(forged) == [200, 200, 429]


@pytest.fixture
def shared_cache(two_a_minute):
    server = redis.Redis.from_url(THROTTLE_REDIS, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.RedisError:
        pytest.skip(f"Redis does not answer at {THROTTLE_REDIS} (.ci/run starts it in CI)")
    two_a_minute.CACHES = {
        "default": {
            "BACKEND": "inventory.redis_cache.ReusingRedisCache",
            "LOCATION": THROTTLE_REDIS,
        }
    }
    server.flushdb()
    yield server
    server.flushdb()


def test_the_count_is_kept_in_the_shared_cache(inventory, shared_cache):
    attacker = APIClient(REMOTE_ADDR=ATTACKER)
    assert statuses([attacker] * 2) == [200, 200]
    assert len(shared_cache.keys(f"*throttle_anon_{ATTACKER}")) == 1
    assert len(cache.get(f"throttle_anon_{ATTACKER}")) == 2
