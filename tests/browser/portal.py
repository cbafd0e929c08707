"""A person at the browser: logs in through the form, picks the language in the header, and
at each step checks the page before its screenshot is saved.

Every step asserts what a person would notice first: the page speaks the chosen language
(``<html lang>`` and a label whose translation is known), and the browser reported nothing
wrong on the way there: no console error (a Content-Security-Policy violation is one), no
uncaught script error, no page answered with an error status. The policy header itself is
checked too, so that "no violation" cannot come from a policy that was not sent.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import reverse
from playwright.sync_api import ConsoleMessage, Page, Response, expect

from tests.conftest import PASSWORD

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
LANGUAGES = ("zh-hans", "en")
# Labels whose translation is known (locale/zh_Hans/LC_MESSAGES/django.po): a page in the
# wrong language, or a catalog that stopped loading, shows the other one.
LABELS = {
    "zh-hans": {"members": "会员", "log_in": "登录"},
    "en": {"members": "Members", "log_in": "Log in"},
}
STRICT_POLICY = ("script-src 'self'", "style-src 'self'")

taken: list[Path] = []  # every screenshot of the run, for the summary line


def other_language(language: str) -> str:
    return next(code for code in LANGUAGES if code != language)


class Visitor:
    """One tab of one browser context, in one language, for one test."""

    def __init__(self, page: Page, *, language: str, test_name: str):
        self.page = page
        self.language = language
        self.test_name = test_name
        self.problems: list[str] = []
        self.policies: dict[str, str] = {}
        self.steps = 0
        self.switched = False
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(
            f"{page.url}: uncaught script error: {error}"))
        page.on("response", self._response)

    # --- what the browser reports -------------------------------------------------------

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"{self.page.url}: console error: {message.text}")

    def _response(self, response: Response) -> None:
        if response.request.resource_type != "document":
            return
        if response.status >= 400:
            self.problems.append(f"{response.url}: answered {response.status}")
        self.policies[response.url] = response.headers.get("content-security-policy", "")

    # --- moving around ------------------------------------------------------------------

    def open(self, name: str, *args) -> None:
        self.page.goto(reverse(name, args=args))

    def submit(self, button: str) -> None:
        """Click a button that submits a form, and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.click(button)

    def choose_language(self) -> None:
        """The first time, the page is in the other language (the cookie the context was
        given): switch it in the header's form. The choice then outlives logging out."""
        if self.switched:
            return
        expect(self.page.locator("html")).to_have_attribute(
            "lang", other_language(self.language))
        with self.page.expect_navigation():
            self.page.select_option("#language-select", self.language)
        self.switched = True

    def log_in(self, user) -> None:
        """Open the login page, choose the language, log in through the form."""
        self.open("login")
        self.choose_language()
        self.step(f"login-{user.username}")
        self.page.fill("#id_username", user.username)
        self.page.fill("#id_password", PASSWORD)
        self.submit("#login-form button[type=submit]")
        expect(self.page).to_have_url(re.compile(re.escape(reverse("home")) + "$"))

    def log_out(self) -> None:
        """Through the user menu (a Bootstrap drop-down: its script must run)."""
        self.page.click("#user-menu")
        self.submit("#mainnav .dropdown-menu button[type=submit]")
        expect(self.page.locator("#login-form")).to_be_visible()

    def open_ledger(self, url: str) -> None:
        """A ledger page through the nav's 工作台账 drop-down (its script must run)."""
        self.page.click("#ledger-menu")
        self.page.click(f"#mainnav .dropdown-menu a[href='{url}']")

    # --- checking a page ----------------------------------------------------------------

    def step(self, name: str) -> Path:
        """Save the page's screenshot, then check the page as it stands."""
        page, labels = self.page, LABELS[self.language]
        self.steps += 1
        path = SCREENSHOTS / f"{self.test_name}-{self.language}-{self.steps:02d}-{name}.png"
        page.screenshot(path=path, full_page=True)
        taken.append(path)
        expect(page.locator("html")).to_have_attribute("lang", self.language)
        members_link = page.locator(f"#mainnav a.nav-link[href='{reverse('members:list')}']")
        if members_link.count():
            expect(members_link).to_have_text(labels["members"])
        else:
            expect(page.locator("main h1")).to_have_text(labels["log_in"])
        policy = self.policies.get(page.url, "")
        assert all(part in policy for part in STRICT_POLICY), (page.url, policy)
        problems, self.problems = self.problems, []
        assert not problems, "\n".join(problems)
        return path
