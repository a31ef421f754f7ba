"""Settings for the Lifelong Guidance Inventory, read from the environment.

Safe by default: without DATABASE_URL the app uses an SQLite file under var/;
with DEBUG off, a missing SECRET_KEY or ALLOWED_HOSTS stops the process with a
message that says which variable to set. README.md lists every variable.
"""

import os
import re
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from inventory.email_url import SMTP_BACKEND, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string, or set DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set it to the comma-separated host names this site is served on."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "guidance.apps.InventoryAdminConfig",  # django.contrib.admin with the workspace site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "guidance",
]

MIDDLEWARE = [
    "guidance.reading.demo.DemoHeaderMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "guidance.reading.language.PathLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "guidance.rules.control_characters.ControlCharacterMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login first and locks out a username from an address after
# AXES_FAILURE_LIMIT failures in a row, for AXES_COOLOFF_HOURS.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "inventory.client_ip.client_ip"

# The number of reverse proxies in front of the app that append to X-Forwarded-For
# (inventory/client_ip.py). 0: the header is ignored, since any client can send one.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXY_COUNT must be 0 or more, got {TRUSTED_PROXY_COUNT}.")

ROOT_URLCONF = "inventory.urls"
WSGI_APPLICATION = "inventory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guidance.reading.demo.notices",
            ],
        },
    },
]

DEFAULT_SQLITE_PATH = BASE_DIR / "var" / "inventory.sqlite3"
# runserver handles each request in a new thread; a connection kept open by a finished
# thread is never reused (57 were seen open from one process), so under the development
# server connections always close after each request, whatever DB_CONN_MAX_AGE says, and
# under DEBUG by default.
RUNNING_DEV_SERVER = sys.argv[1:2] == ["runserver"]
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE_PATH}"),
        conn_max_age=0 if RUNNING_DEV_SERVER else env_int("DB_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DEFAULT_SQLITE_PATH.parent.mkdir(exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Six interface languages (README "Languages"): English at the unprefixed URLs, the others
# under /fr/, /de/, /it/, /es/, /pl/ (inventory/urls.py). The language is the URL's alone:
# guidance.reading.language.PathLocaleMiddleware never guesses from Accept-Language.
LANGUAGE_CODE = "en"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("es", _("Spanish")),
    ("pl", _("Polish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Kosovo is in scope as a potential candidate; XK is a user-assigned code, not ISO 3166-1.
COUNTRIES_OVERRIDE = {"XK": "Kosovo"}

# Security: strict in production, relaxed only where DEBUG makes local HTTP work.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# django-csp 4: no inline script or style anywhere, the admin included (docs/decisions.md).
# Images may be data: URIs because the admin's and select2's CSS use them for icons.
# The one inline style attribute left is django-simple-history's history paginator
# (style="border-top: 0"); 'unsafe-hashes' with its hash allows exactly that declaration.
SIMPLE_HISTORY_PAGINATOR_STYLE = "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_HASHES, SIMPLE_HISTORY_PAGINATOR_STYLE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Failed logins and lockouts are warnings; axes logs every successful login at INFO.
    # WeasyPrint logs seven steps of every PDF report at INFO (guidance/reports/pdf.py).
    "loggers": {
        "axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")},
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Outgoing mail (README "Production"; guidance/rules/notifications.py sends it after each workflow
# move). EMAIL_URL names the server (inventory/email_url.py); unset, mail is printed to the
# console under DEBUG and not sent in production, where check --deploy warns (inventory.W003).
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
_EMAIL = parse_email_url(EMAIL_URL or ("console://" if DEBUG else "dummy://"))
EMAIL_BACKEND = _EMAIL["EMAIL_BACKEND"]
EMAIL_HOST = _EMAIL["EMAIL_HOST"]
EMAIL_PORT = _EMAIL["EMAIL_PORT"]
EMAIL_HOST_USER = _EMAIL["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _EMAIL["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _EMAIL["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _EMAIL["EMAIL_USE_SSL"]
# Seconds to wait for the mail server: a server that is down never holds a save for long.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
if EMAIL_TIMEOUT <= 0:
    raise ImproperlyConfigured(f"EMAIL_TIMEOUT must be 1 or more seconds, got {EMAIL_TIMEOUT}.")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "").strip()
# The address links in e-mail start with, e.g. https://inventory.example.org (no path).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if SITE_URL and not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(
        f"SITE_URL must be http:// or https:// and a host, without a path, got {SITE_URL!r}."
    )
if not DEBUG and EMAIL_BACKEND == SMTP_BACKEND and not (DEFAULT_FROM_EMAIL and SITE_URL):
    raise ImproperlyConfigured(
        "EMAIL_URL sends mail, so DEFAULT_FROM_EMAIL (the sender's address) and SITE_URL "
        "(the site's address, which links in the messages start with) must be set too."
    )
DEFAULT_FROM_EMAIL = DEFAULT_FROM_EMAIL or "Lifelong Guidance Inventory <noreply@localhost>"
SITE_URL = SITE_URL or "http://127.0.0.1:8000"

# The site holds the embedded demo content (README "Demo content"): every page shows a
# banner, every response an X-Inventory-Demo header, downloads, feeds and citations a
# notice. Set INVENTORY_DEMO_CONTENT=0 once the inventory holds real, reviewed records.
INVENTORY_DEMO_CONTENT = env_bool("INVENTORY_DEMO_CONTENT", True)

# Demo accounts are created by `manage.py create_demo_users`, which refuses to run without DEBUG.
DEMO_INVENTORY_AUTHOR = "Demo record compiled from public sources"

# Cache (README "Production topology"): CACHE_URL=redis://host:6379/1 shares one cache
# between every app process, so a publish through one is seen by all on the next request.
# Unset: a cache local to each process (fine for one process); dummy:// turns caching off.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "inventory.redis_cache.ReusingRedisCache",
            "LOCATION": CACHE_URL,
        }
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    raise ImproperlyConfigured(
        f"CACHE_URL must be redis://..., rediss://..., locmem:// or dummy://, got {CACHE_URL!r}."
    )
# Anonymous readers' pages are cached this long (guidance/caching.py); 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# What anonymous public answers tell a cache in front of the app (README "Production
# topology"): fresh this long, then served stale this long more while revalidating.
FRONT_CACHE_MAX_AGE = env_int("FRONT_CACHE_MAX_AGE", 30)
FRONT_CACHE_STALE_SECONDS = env_int("FRONT_CACHE_STALE_SECONDS", 30)
MIDDLEWARE.append("guidance.caching.AnonymousCacheMiddleware")
# REST API (guidance/api/, README "API"): tokens issued in the admin, OpenAPI schema,
# throttles per client from the environment (requests per second/minute/hour/day).
INSTALLED_APPS += [
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "120/minute")
API_THROTTLE_USER = os.environ.get("API_THROTTLE_USER", "600/minute")
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 500)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["guidance.api.permissions.InventoryPermission"],
    "DEFAULT_THROTTLE_CLASSES": [
        "guidance.api.throttling.AnonThrottle",
        "guidance.api.throttling.UserThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "guidance.api.pagination.InventoryPagination",
    "DEFAULT_SCHEMA_CLASS": "guidance.api.schema.InventoryAutoSchema",
    "EXCEPTION_HANDLER": "guidance.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # For DRF's own get_ident (throttles not in guidance/api/throttling.py): count the
    # trusted proxies as inventory/client_ip.py does, rather than trust the whole header.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
API_DESCRIPTION = """\
Published national lifelong guidance systems in Europe: records, policies, initiatives,
organisations and sources. See the README's API section.

**Licence.** The content is under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/): reuse it with attribution to the
Lifelong Guidance Inventory and the sources each statement cites (they keep their
publishers' terms). The code is under the EUPL 1.2.

## Changelog

### v1, December 2026

- **Frozen releases.** `/api/v1/releases/` lists the release of every closed collection
  (version such as `2023.1`, collection, reference period, date, files with size and
  SHA-256); `/api/v1/releases/{version}/` is one, and
  `/api/v1/releases/{version}/files/{name}/` the bytes of one file, with the checksum as
  ETag. Releases never change; these paths answer GET and HEAD only.
- **Validity and reference periods as data.** A collection adds `reference_start` and
  `reference_end` (the years its records describe, e.g. 2020 and 2023 for the 2023
  collection; `null` when not set): a record lists the policies and initiatives that ran
  at some time in that period. An indicator value adds `until_year` (the last year the
  answer held; `null` while it still holds), also in the `before`/`after` states of
  `…/changes/`. An organisation adds `start_year` and `end_year` (`null` when unknown or
  still existing). All the new fields are nullable.
- **What changed, between any two collections.** `/api/v1/countries/{code}/changes/`
  takes `from` and `to` (collection years; each stands for the country's latest record in
  that collection or before; defaults: the newest record and the one before it), and a
  record's `…/systems/{year}/changes/` takes `from` (default: its `based_on`). Each
  section adds `old_html` and `new_html`: the texts rendered and sanitised, removals in
  `<del>`, additions in `<ins>`; `words_added`/`words_removed` count those marks. The
  body adds `from_year` and `to_year`. `policies_added`, `policies_ended`,
  `initiatives_added` and `initiatives_ended` are brief objects `{"id", "url",
  "display"}` (they were ids). A year that is not a number or names no collection is a
  400 naming `from` or `to`; `from` not before `to`, or no record as of `from`, a 400
  under `non_field_errors`.
- **Empty web addresses are `null`.** An organisation's `website` and the `link` of
  policies, initiatives and sources read `null` when there is none (they were `""`,
  which a `format: uri` string cannot be); the schema declares them nullable. Writes
  take `null` or `""` for "no link" alike.
- **404 answers name what was asked for** in the API's words: "No policy 123.",
  "No country record IT/2023.", "No section entry IT/2023/access."
- **The comparison as CSV.** `/api/v1/comparison/?format=csv` (or `Accept: text/csv`)
  answers the CSV of the /compare/ page: the same columns and lines. The comparison
  takes at most 100 country codes, as the page does (it was 60).
- **Related objects in brief.** A policy's `responsible_organisations` and `sources`, an
  initiative's `providers`, `sources` and `related_policies`, and the `sources` of a
  record's entries and indicator values read `{"id", "url", "display"}` (a source adds
  its `link`) instead of a bare id; CSV shows their names ("Agenzia X; Ministry Y").
  Only what you may read is shown. Writes still take ids (or `{"id": n}`), and these
  relations of policies and initiatives can now be written.
- **The comparison reads its query as the /compare/ page does.** It now takes `groups`
  (`eu`, `eea_efta`, `candidate`, `potential_candidate`, `other`; their members follow
  the countries named), so `countries` is no longer required when a group is given.
  Naming no `sections` or no `indicators` now means all of them, as on the page (it
  meant none). Unknown values answer 400 with the page's messages ("Unknown country
  codes: XX."); naming neither countries nor groups is a 400 under `non_field_errors`.
- **The default collection** is the latest published one, as before; before any
  collection is published it is now the newest one, as on the pages (the records list
  was empty).
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Lifelong Guidance Inventory API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "CC BY 4.0 (content); code under EUPL-1.2",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    },
    # Prepends the demo notice to the description while INVENTORY_DEMO_CONTENT is on.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "guidance.api.schema.mark_demo_content",
        "guidance.api.schema.require_version_to_change",
    ],
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Deep links put a focusable link inside each operation's button (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PublicationStatusEnum": "guidance.models.PublicationStatus",
        "CountryGroupEnum": "guidance.models.CountryGroup",
        "CompletenessEnum": "guidance.models.Completeness",
        "IndicatorAnswerEnum": "guidance.models.IndicatorAnswer",
        "PolicyStageEnum": "guidance.models.PolicyStage",
        "SectionGroupEnum": "guidance.models.SectionGroup",
        "CollectionStatusEnum": "guidance.models.CollectionStatus",
    },
}
