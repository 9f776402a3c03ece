"""The pages a person sees past a limit (issue 29), as a phone and a desktop show them: the
catalogue's 429 keeps the search and its filters and offers the same search again; the
password reset's 429 says when to try, and nothing of whether the account exists."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.layout import LAYOUT_PROBLEMS

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SIZES = {"desktop": (1366, 800), "phone": (390, 844)}


def look(page, name: str) -> list[str]:
    """A screenshot for a person to open, and what the layout check finds wrong."""
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        (ARTIFACTS / size).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / size / f"{name}.png", full_page=True)
        problems = page.evaluate(LAYOUT_PROBLEMS)
        if problems:
            return [f"{name} ({size}): {problem}" for problem in problems]
    return []


def test_a_search_past_the_limit_keeps_what_was_asked(page, live_server, settings, publish):
    publish(name="Шахматный клуб", age_from=7, age_to=12)
    settings.SEARCH_RATE_LIMIT = "1/m"
    catalogue = f"{live_server.url}/catalog/"
    page.goto(f"{catalogue}?q=шахматы")
    response = page.goto(f"{catalogue}?q=шашки&age=9&focus=technical")
    assert response.status == 429
    expect(page.get_by_text("очень много поисков по каталогу")).to_be_visible()
    expect(page.locator("#id_q")).to_have_value("шашки")
    expect(page.locator("#search-retry")).to_be_visible()
    assert look(page, "catalogue-429") == []


def test_a_reset_past_the_limit_says_when_to_try(page, live_server, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "1/h"
    for _ in range(2):
        page.goto(f"{live_server.url}/accounts/password/reset/")
        page.locator("input[name=email]").fill("nobody@example.org")
        page.get_by_role("button", name="Прислать ссылку").click()
    expect(page.locator("main")).to_contain_text("Попробуйте")
    assert "nobody@example.org" not in page.locator("main").inner_text()
    assert look(page, "password-reset-429") == []
