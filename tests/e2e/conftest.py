"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's own browser download is never used (it cannot work on this network): we launch the
system Chromium at `JTAI_CHROMIUM` (default /usr/bin/chromium). Without it, or without the built
static files (`npm ci && npm run build`), these tests skip with the reason; set
`JTAI_REQUIRE_E2E=1` (CI does) to make that a failure instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("JTAI_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUILT_CSS = Path(__file__).resolve().parents[2] / "src/jtai/web/static/jtai/app.css"
SCREENSHOTS = Path(os.environ.get("JTAI_SCREENSHOTS", "/tmp/jtai-e2e"))
PASSWORD = "correct-horse-battery-9"


def skip_or_fail(reason: str) -> None:
    if os.environ.get("JTAI_REQUIRE_E2E", "").lower() in {"1", "true", "yes"}:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. While Playwright's sync API is running it keeps an event loop
    in the test thread, so Django would refuse the tests' ordinary ORM calls; allow them only for
    as long as the browser is open."""
    if not CHROMIUM.exists():
        skip_or_fail(f"No Chromium at {CHROMIUM}: install Debian's chromium or set JTAI_CHROMIUM")
    if not BUILT_CSS.exists():
        skip_or_fail(
            "Static files are not built: run `npm ci --no-audit --no-fund && npm run build`"
        )
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Visit:
    """A browser tab on the live server, remembering every URL it asked for."""

    page: object
    base_url: str
    requested: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str):
        return self.page.goto(self.base_url + path)  # type: ignore[attr-defined]

    def follow(self, target) -> None:
        """Click a link or button that loads a new page, and return once that page has loaded.

        A bare click() returns when the click is sent; reading the page straight after can see
        the old document, or a new one with no title yet. wait_for_load_state() alone is no
        better, since the old document is already loaded."""
        with self.page.expect_navigation():  # type: ignore[attr-defined]
            target.click()

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path

    def sign_in(self, username: str, password: str = PASSWORD, second_factor: bool = True) -> None:
        page = self.page
        self.goto("/sign-in/")
        page.get_by_label("Username", exact=True).fill(username)  # type: ignore[attr-defined]
        page.get_by_label("Password", exact=True).fill(password)  # type: ignore[attr-defined]
        self.follow(page.get_by_role("button", name="Sign in"))  # type: ignore[attr-defined]
        if "/two-factor/" in page.url and second_factor:  # type: ignore[attr-defined]
            self.enter_code(username)

    def enter_code(self, username: str) -> None:
        """Type the code the user's authenticator app would show now."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from jtai.access.two_factor import current_code

        page = self.page
        device = TOTPDevice.objects.filter(user__username=username).latest("pk")
        page.get_by_label("Code from your authenticator app").fill(current_code(device))  # type: ignore[attr-defined]
        self.follow(page.get_by_role("button", name="Continue"))  # type: ignore[attr-defined]


def open_visit(browser, live_server, **context_options) -> Iterator[Visit]:
    context = browser.new_context(locale="en-GB", **context_options)
    page = context.new_page()
    visit = Visit(page=page, base_url=live_server.url)
    page.on("request", lambda request: visit.requested.append(request.url))
    page.on("requestfailed", lambda request: visit.failed.append(request.url))
    page.on(
        "console",
        lambda message: (
            visit.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    try:
        yield visit
    finally:
        context.close()


@pytest.fixture
def visit(browser, live_server, transactional_db) -> Iterator[Visit]:
    yield from open_visit(browser, live_server)


@pytest.fixture
def visit_without_javascript(browser, live_server, transactional_db) -> Iterator[Visit]:
    yield from open_visit(browser, live_server, java_script_enabled=False)


@pytest.fixture
def member(transactional_db):
    """A health auditor in one area, with a full name, who can sign in with PASSWORD."""
    from jtai.access.services import create_member
    from jtai.areas.services import ensure_area

    area, _ = ensure_area("E09000099", "Testshire Safeguarding Partnership")
    return create_member(
        username="hana",
        password=PASSWORD,
        area=area,
        agency="health",
        roles=["agency_auditor", "moderator"],
        full_name="Hana Okafor",
    )


@pytest.fixture
def user_without_area(transactional_db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(username="newstarter", password=PASSWORD)
