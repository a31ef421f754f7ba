"""Settings for the test suite: the production settings, with a throwaway key and plain HTTP.

pytest-django imports settings before any conftest runs, so the environment
defaults the suite needs are set here rather than in tests/conftest.py.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-key-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from inventory.settings import *  # noqa: F403
from inventory.settings import STORAGES

# The manifest storage needs collectstatic; tests render templates without it.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Serve static files from the finders; the suite never runs collectstatic. Both are needed:
# without USE_FINDERS (default: DEBUG) the browser tests' server answered 404 for every
# stylesheet and script, so pages were checked unstyled and the admin without its JS.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# No cache unless a test asks for one (tests/test_caching.py) or CACHE_URL is set: a
# per-process cache would carry pages from one test into the next.
if not os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# High enough that no test trips them; tests/api/test_api_throttle_clients.py lowers them to see a 429.
API_THROTTLE_ANON = "100000/minute"
API_THROTTLE_USER = "100000/minute"
