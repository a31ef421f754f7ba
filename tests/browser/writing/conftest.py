"""Browser tests that write: Chromium against pytest-django's `live_server`.

The live server is a thread of this process on the test database, so the content is
built with tests/factories.py and the cast of tests/conftest.py (who sign in with
password "pw"), committed (transactional_db) where the server sees it, and flushed after
each test. The rest of the browser suite reads a separate demo site (../conftest.py).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, sign_in

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CAST = {"expert": "italian_expert", "editor": "editor"}


@pytest.fixture(scope="package")
def browser(django_db_setup):
    """A browser of this package's own, with the ORM allowed beside it, closed after it.

    Playwright's sync API keeps its event loop running in this thread for as long as the
    browser is open, and Django takes that for async code and refuses every query. These
    tests query between browser calls, never during one, so DJANGO_ALLOW_ASYNC_UNSAFE is
    set while this package runs, and only then: the suite's other tests must never see it
    (`check --deploy` in a subprocess rightly warns about it). The test database is set
    up first, before any event loop runs.
    """
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is not installed; .ci/run installs it")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def window(browser):
    """Opens a page in a browser context of its own: one person, their own cookies."""
    contexts = []

    def open_window(user=None, live_url=None):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        if user is not None:
            sign_in(page, live_url, user.get_username(), "pw")
        return page

    yield open_window
    for context in contexts:
        context.close()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
