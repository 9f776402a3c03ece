"""The version for the visually impaired (ГОСТ Р 52872-2019): three font sizes, three colour
schemes, letter spacing, images on or off — each a link that works without JavaScript, kept
in a cookie, reset by «Обычная версия» — and the ten public pages usable, with axe-core at 0
violations, in every combination.

The sweep of all 54 combinations runs in CI's PostgreSQL pass (about 4 minutes there, the
layout on a phone checked for the twelve at the bounds of size and spacing); the fresh-machine
pass runs three (each scheme at the largest size and spacing, images off) to keep `make test`
quick."""

import itertools
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from moc_portal.vision import SCHEMES, SIZES, SPACINGS
from plans.portal.models import News
from programs import opendata
from programs.choices import ProgramStatus
from tests.helpers import REQUIRE_SERVICES, move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
COMBINATIONS = [
    ".".join(values)
    for values in itertools.product(
        [key for key, _, _ in SIZES],
        [key for key, _, _ in SCHEMES],
        [key for key, _, _ in SPACINGS],
        ["1", "0"],
    )
]
BOUNDS = {c for c in COMBINATIONS if c.split(".")[0] + c.split(".")[2] in ("10", "32")}
# The fresh-machine pass: each scheme at the largest size and spacing, images off.
FRESH = {c for c in COMBINATIONS if c.startswith("3.") and c.endswith(".2.0")}


@pytest.fixture
def public_pages(administrator, org_a, municipality):
    program = ProgramFactory(
        organisation=org_a,
        name="Физкультурно-оздоровительная гимнастика",
        short_description="Продолжительность, возраст, стоимость — всё на месте.",
    )
    ProgramGroupFactory(program=program)
    move_to(program, ProgramStatus.PUBLISHED, staff=administrator, coordinator=administrator)
    news = News.objects.create(
        municipality=municipality,
        title="Запись в объединения открыта",
        lead="Как записать ребёнка в кружок через Навигатор.",
        body="Подробности на портале.",
        is_published=True,
        published_at=timezone.now(),
    )
    opendata.build()  # the open data page with its passport and files
    return [
        "/",
        "/catalog/",
        "/catalog/?age=9&focus=sport",
        f"/catalog/programs/{program.pk}/",
        f"/catalog/organisations/{org_a.pk}/",
        "/news/",
        f"/news/{news.pk}/",
        "/events/",
        "/documents/",
        "/hotline/",
        "/wish/",
        "/opendata/",
    ]


def test_every_setting_is_a_link_remembered_and_reset(browser, live_server, public_pages):
    context = browser.new_context(java_script_enabled=False)  # no script needed
    page = context.new_page()
    page.goto(live_server.url + public_pages[3])
    page.get_by_role("link", name="Версия для слабовидящих").click()
    html = page.locator("html")
    expect(html).to_have_class(re.compile("vision-size-1 vision-scheme-bw vision-spacing-0"))
    panel = page.get_by_role("navigation", name="Настройки версии для слабовидящих")
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    sizes = []
    for name in ["А", "А+", "А++"]:
        panel.get_by_role("link", name=name, exact=True).click()
        sizes.append(page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)"))
    assert base >= 20 and sizes[0] < sizes[1] < sizes[2]  # three steps up from 20 px
    panel.get_by_role("link", name="Б/Ч").click()
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    panel.get_by_role("link", name="Синий").click()
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]"
    )
    assert colours == ["rgb(6, 52, 98)", "rgb(157, 209, 255)"]
    panel.get_by_role("link", name="большой").click()
    spacing = page.evaluate("parseFloat(getComputedStyle(document.body).letterSpacing)")
    assert spacing > 3
    panel.get_by_role("link", name="скрыть").click()
    expect(html).to_have_class(re.compile("vision-noimages"))
    # Remembered on the next page, with every setting.
    page.goto(live_server.url + "/news/")
    expect(html).to_have_class(
        re.compile("vision-size-3 vision-scheme-blue vision-spacing-2 vision-noimages")
    )
    expect(panel.get_by_role("link", name="Синий")).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="Обычная версия").first.click()
    expect(page.locator("body")).not_to_have_class(re.compile("vision-mode"))
    assert not [c for c in context.cookies() if c["name"] == "vision"]
    context.close()


@pytest.mark.parametrize("combination", COMBINATIONS)
def test_public_pages_are_usable_in_every_combination(
    browser, live_server, public_pages, combination
):
    """axe at a desktop's width for each; the layout on a phone as well where size and spacing
    are at their bounds (the widest text is the hardest to fit: colours and images do not
    move it)."""
    if combination not in FRESH and not REQUIRE_SERVICES:
        pytest.skip("Все 54 сочетания проверяются в проходе CI на PostgreSQL.")
    sizes = [(1366, 800), (390, 844)] if combination in BOUNDS else [(1366, 800)]
    for width, height in sizes:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies([{"name": "vision", "value": combination, "url": live_server.url}])
        page = context.new_page()
        for path in public_pages:
            page.goto(live_server.url + path)
            wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert wide <= 1, (path, width, wide)  # nothing pushed off the screen
            if width == 1366:
                results = Axe().run(page, options=WCAG_21_AA)
                assert results.violations_count == 0, (path, results.generate_report())
        context.close()
