"""The page shell in a real browser: accessibility, no JavaScript, own-origin assets, reflow."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
SERVICE = " \N{EN DASH} JTAI readiness"  # titles read "Page <en dash> Service"


def blocking_violations(page) -> list[str]:
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} "
        f"at {[node['target'] for node in violation['nodes']]}"
        for violation in result.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/sign-in/", "Sign in" + SERVICE),
        ("/accessibility/", "Accessibility statement" + SERVICE),
        ("/no-such-page/", "Page not found" + SERVICE),
    ],
)
def test_public_pages_have_no_serious_accessibility_violations(visit, path, title):
    visit.goto(path)
    assert visit.page.title() == title
    visit.screenshot("public" + path.replace("/", "-").rstrip("-"))
    assert blocking_violations(visit.page) == []


def test_a_failed_sign_in_shows_a_focused_error_summary_with_no_serious_violations(visit, member):
    visit.sign_in("hana", "not-the-password")
    page = visit.page
    assert page.title() == "Error: Sign in" + SERVICE
    summary = page.locator(".govuk-error-summary")
    assert "correct username and password" in summary.inner_text()
    assert summary.locator("a").get_attribute("href") == "#id_username"
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    visit.screenshot("sign-in-error")
    assert blocking_violations(page) == []


def test_home_page_lists_the_members_area_with_no_serious_violations(visit, member):
    visit.sign_in("hana")
    page = visit.page
    assert page.title() == "Your partnership areas" + SERVICE
    card = page.locator(".govuk-summary-card").inner_text()
    assert "E09000099" in card and "Testshire Safeguarding Partnership" in card
    assert "Health" in card and "Agency auditor" in card and "Moderator" in card
    assert "Hana Okafor" in page.locator(".govuk-service-navigation").inner_text()
    visit.screenshot("home")
    assert blocking_violations(page) == []


def test_home_page_explains_what_to_do_when_the_user_has_no_area(visit, user_without_area):
    visit.sign_in("newstarter")
    page = visit.page
    assert "You are not a member of any partnership area yet" in page.inner_text("main")
    assert page.locator(".govuk-summary-card").count() == 0
    visit.screenshot("home-no-area")
    assert blocking_violations(page) == []


def test_sign_in_and_sign_out_work_without_javascript(visit_without_javascript, member):
    visit = visit_without_javascript
    visit.sign_in("hana")
    page = visit.page
    assert page.get_by_role("heading", level=1).inner_text() == "Your partnership areas"
    assert "js-enabled" not in (page.get_attribute("body", "class") or "")
    visit.screenshot("home-without-javascript")
    visit.follow(page.get_by_role("button", name="Sign out"))
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in"


def test_styles_and_scripts_load_from_our_own_origin_and_start_the_components(visit, member):
    visit.sign_in("hana")
    page = visit.page
    page.wait_for_load_state("networkidle")
    assert visit.requested, "the browser made no requests"
    elsewhere = [url for url in visit.requested if not url.startswith(visit.base_url + "/")]
    assert elsewhere == []
    assert visit.failed == []
    assert visit.console_errors == []
    for asset in ("app.css", "app.js", "govuk-frontend.min.js", "moj-frontend.min.js"):
        assert any(url.endswith(f"/static/jtai/{asset}") for url in visit.requested), asset
    body_classes = page.get_attribute("body", "class").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(body_classes)
    navigation = page.locator("[data-module='govuk-service-navigation']")
    assert navigation.get_attribute("data-govuk-service-navigation-init") == ""
    font = page.evaluate("getComputedStyle(document.querySelector('.govuk-body')).fontFamily")
    assert font.lower().startswith("arial") and "GDS Transport" not in font


def test_the_password_can_be_shown_and_pages_reflow_at_320_pixels(visit, member):
    visit.goto("/sign-in/")
    page = visit.page
    page.get_by_role("button", name="Show password").click()
    assert page.get_attribute("#id_password", "type") == "text"
    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    visit.screenshot("sign-in-320px")
    visit.sign_in("hana")
    visit.screenshot("home-320px")
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 320)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, wide
