"""Browser fixtures: one headless Chromium for all the browser tests, a context per test.

The browser is Debian's ``chromium`` (``CHROMIUM_PATH`` overrides the path), driven by the
Playwright driver bundled in the PyPI package: nothing is downloaded. Without the binary the
browser tests are skipped with the reason. The portal runs in pytest-django's
``live_server`` thread with Celery eager (tests/conftest.py), so a job is finished by the
time its page is shown.

Playwright's sync API keeps an event loop running in the test's thread, and Django refuses
ORM calls from such a thread unless ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set; the fixtures here
make their records before and read them after each browser step, never concurrently.
The browser (and with it that loop and the variable) lives for this package only: the tests
that run after it in the same process see neither.
"""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright

from tests.browser.portal import LANGUAGES, SCREENSHOTS, Visitor, other_language, taken

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
TIMEOUT_MS = 20_000


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="package")
def browser():
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        pytest.skip(f"no Chromium at {path}: install Debian's chromium or set CHROMIUM_PATH")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    return request.param


@pytest.fixture
def visitor(browser, live_server, language, request):
    """A new context (cookies, downloads) whose language cookie names the *other* language,
    so the test switches to its own through the header's form."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=live_server.url, accept_downloads=True,
                                  viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME,
                          "value": other_language(language), "url": live_server.url}])
    visitor = Visitor(context.new_page(), language=language,
                      test_name=request.node.originalname)
    yield visitor
    context.close()
    # what the browser reported after the test's last step
    assert not visitor.problems, "\n".join(visitor.problems)


def pytest_terminal_summary(terminalreporter):
    if taken:
        terminalreporter.write_line(
            f"browser tests: {len(taken)} screenshots in {SCREENSHOTS}")
