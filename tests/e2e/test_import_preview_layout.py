"""The preview of a centre's list as it comes: choices read otherwise than the template lists
them (with what will be written), programmes that stay drafts without their texts, and the
Navigator's readiness, laid out right at a desktop's size and a phone's. The screenshots are
kept under ``tests/e2e/artifacts/`` for a person to look at."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.layout import LAYOUT_PROBLEMS
from tests.e2e.test_layout import ARTIFACTS, SIZES
from tests.factories import PASSWORD
from tests.programs.test_group_import import group_row, workbook
from tests.programs.test_imports import program_row

pytestmark = pytest.mark.browser

TEXTS = ["Краткое описание", "Содержание программы", "Цели и задачи", "Ожидаемые результаты"]


def test_the_import_preview_reads_well_on_a_desktop_and_a_phone(
    browser, live_server, upload, coordinator_a, org_a
):
    no_texts = dict.fromkeys(TEXTS, None)
    programmes = [
        program_row(org_a.inn, "Робототехника для начинающих", **{"Уровень": "Стартовый"}),
        program_row(org_a.inn, "Шахматы", **no_texts, **{"Уровень": "базовая"}),
        program_row(
            org_a.inn,
            "Гитара и вокальный ансамбль «Созвучие» для старшеклассников",
            **no_texts,
            **{"Направленность": "художественное", "Форма обучения": "очно"},
        ),
    ]
    groups = [
        group_row(org_a, "Робототехника для начинающих"),
        group_row(
            org_a,
            "Шахматы",
            **{"Финансирование": "платное", "Стоимость группы, руб.": 1500},
        ),
    ]
    job = upload(coordinator_a, workbook(programmes, groups))
    assert job.errors == [], job.errors

    found = {}
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Логин").fill(coordinator_a.username)
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Войти").click()
        page.wait_for_url("**/accounts/cabinet/")
        page.goto(live_server.url + reverse("programs:job", args=[job.pk]))
        readings = page.locator("#job-readings")
        expect(readings).to_contain_text("«платное» → «платно»")
        expect(readings).to_contain_text("«Стартовый» → «Стартовый (ознакомительный)»")
        expect(page.locator("#job-drafts")).to_have_text("черновиками, без текстов: 2")
        expect(page.locator("#job-preview .draft").first).to_contain_text(
            "станет черновиком: для публикации нужно заполнить «Краткое описание»"
        )
        (ARTIFACTS / size).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / size / "import-preview.png", full_page=True)
        problems = page.evaluate(LAYOUT_PROBLEMS)
        if problems:
            found[size] = problems
        context.close()
    assert not found, found
