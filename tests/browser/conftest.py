"""Real headless Chromium (Debian's package) driven by Playwright, against a real server.

The site runs in its own process (`manage.py runserver`, test settings, DEBUG off) on a
throwaway SQLite database holding the demo inventory, loaded once per session. The
browser tests read pages only, so they need no database access of their own.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(*args, env, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, check=True, **kwargs
    )


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The URL of a server with the demo inventory loaded."""
    database = tmp_path_factory.mktemp("site") / "inventory.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inventory.test_settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    _manage("migrate", "--no-input", "-v0", env=env)
    _manage("load_demo", env=env, capture_output=True)
    _manage(
        "createsuperuser",
        "--no-input",
        "--username",
        ADMIN_USER[0],
        "--email",
        "axe@example.org",
        env={**env, "DJANGO_SUPERUSER_PASSWORD": ADMIN_USER[1]},
    )
    _manage("create_demo_users", env={**env, "DEBUG": "1"}, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_until_up(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server at {url} did not start within {seconds} s")


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


ADMIN_USER = ("axe-editor", "axe-editor-password-1")


def sign_in(page, site_url, username, password):
    page.goto(site_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(site_url + "/admin/")
    return page


@pytest.fixture
def editor_page(site_url, page):
    """A browser page logged in to the admin as a superuser of the test site."""
    return sign_in(page, site_url, *ADMIN_USER)


@pytest.fixture
def italian_expert_page(site_url, page):
    """A browser page logged in as the demo expert for Italy (manage.py create_demo_users)."""
    from guidance.management.commands.create_demo_users import DEMO_PASSWORD

    return sign_in(page, site_url, "expert-it", DEMO_PASSWORD)
