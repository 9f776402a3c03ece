"""A parent on a phone, accessibility (axe-core, WCAG 2.1 AA) and the version for the
visually impaired, in Debian's Chromium."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from programs.choices import Focus, ProgramStatus
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def catalogue(administrator, org_a):
    def publish(**fields):
        program = ProgramFactory(organisation=org_a, **fields)
        ProgramGroupFactory(program=program)
        return move_to(
            program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator
        )

    return {
        "robotics": publish(
            name="Робототехника",
            short_description="Собираем и программируем роботов.",
            age_from=8,
            age_to=12,
        ),
        "robotics_older": publish(name="Робототехника: соревнования", age_from=13, age_to=17),
        "dance": publish(
            name="Хореография",
            short_description="Народные и эстрадные танцы.",
            content="Разминка, постановка, концерт.",
            goals="Развитие музыкальности.",
            expected_results="Ребёнок танцует в ансамбле.",
            focus=Focus.ARTS,
            age_from=6,
            age_to=10,
        ),
    }


def test_parent_finds_a_club_on_a_phone(page, live_server, catalogue, csp_violations):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.get_by_label("Что ищем").fill("робот")
    page.get_by_role("button", name="Найти").click()
    expect(page.locator("#found-count")).to_have_text("Найдено 2 программы")

    # On a phone the filters are folded away: the results come first.
    assert page.locator("#found-count").bounding_box()["y"] < 844
    expect(page.get_by_label("Возраст ребёнка, лет")).to_be_hidden()
    page.locator("summary.filters-toggle").click()
    # Filters update the results in place and the address follows.
    page.get_by_label("Возраст ребёнка, лет").fill("9")
    page.get_by_label("Возраст ребёнка, лет").press("Tab")
    expect(page.locator("#found-count")).to_have_text("Найдено 1 программа")
    page.get_by_label("Техническая").check()
    expect(page).to_have_url(re.compile(r"age=9.*focus=technical"))
    expect(page.locator("#found-count")).to_have_text("Найдено 1 программа")
    expect(page.locator("summary.filters-toggle")).to_have_text("Фильтры · 2")

    page.get_by_role("link", name="Робототехника", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Робототехника")
    expect(page.get_by_text("8–12 лет").first).to_be_visible()
    # What a parent decides by is in the first screen: ages, cost, where, when, places, a call.
    facts = page.get_by_role("region", name="Главное о программе")
    for label in ["Возраст", "Стоимость", "Где", "Когда", "Свободно"]:
        expect(facts.get_by_text(label, exact=True)).to_be_visible()
    box = facts.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    page.get_by_role("link", name="МБОУ СШ № 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("МБОУ СШ № 1")
    expect(page.get_by_role("link", name="Хореография")).to_be_visible()
    assert csp_violations == []


def test_shared_link_opens_the_same_search(page, live_server, catalogue):
    page.goto(live_server.url + "/catalog/?q=робот&age=15")
    expect(page.locator("#found-count")).to_have_text("Найдено 1 программа")
    expect(page.get_by_label("Возраст ребёнка, лет")).to_have_value("15")


def _assert_no_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_public_pages_have_no_accessibility_violations(page, live_server, catalogue):
    program, organisation = catalogue["robotics"].pk, catalogue["robotics"].organisation_id
    for path in [
        "/",
        "/catalog/",
        "/catalog/?q=робот&age=9&focus=technical",
        "/catalog/?q=подводное+плавание",
        f"/catalog/programs/{program}/",
        f"/catalog/organisations/{organisation}/",
    ]:
        page.goto(live_server.url + path)
        _assert_no_violations(page)


def test_keyboard_reaches_content_with_visible_focus(page, live_server, catalogue):
    page.goto(live_server.url + "/catalog/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Перейти к содержанию")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_q"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
