"""Every published programme can be enrolled in: a coordinator imports programmes with their
groups from the portal's template, staff publish them, the push to the Navigator takes all of
them, and a parent on a phone finds one with free places and follows «Записаться» to the
(stand-in) Navigator's page of the programme."""

import io
import re
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programs.models import Program
from tests.e2e.test_catalogue import PHONE
from tests.navigator_sync.standin import TOKEN, standin_thread

pytestmark = pytest.mark.browser

NAMES = ["Шахматная школа", "Юные экологи", "Хор «Радуга»"]


def test_imported_groups_reach_the_navigator_and_a_parent_on_a_phone(
    page, browser, live_server, sign_in, sign_out, csp_violations, settings, tmp_path,
    coordinator_a, org_a, staff,
):  # fmt: skip
    sign_in(coordinator_a)
    page.goto(f"{live_server.url}/programs/")
    page.get_by_role("link", name="Загрузить из Excel").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="шаблон").click()
    with open(download.value.path(), "rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    programmes, groups = book["Программы"], book["Группы"]
    today = timezone.localdate()
    # Row 1 is the title, row 2 the head, row 3 the example.
    example = [c.value for c in programmes[3]]
    group_example = [c.value for c in groups[3]]
    name_column = [c.value for c in programmes[2]].index("Полное наименование")
    group_header = [c.value for c in groups[2]]
    for index, name in enumerate(NAMES):
        row = list(example)
        row[name_column] = name
        for column, value in enumerate(row, start=1):
            programmes.cell(row=3 + index, column=column, value=value)
        for number, (title, free) in enumerate([("Младшая", 3), ("Старшая", 0)]):
            line = dict(zip(group_header, group_example, strict=True))
            line.update(
                {
                    "Программа": name,
                    "Название группы": title,
                    "Свободных мест": free,
                    "Приём заявок с": today - timedelta(days=5),
                    "Приём заявок по": today + timedelta(days=30),
                }
            )
            for column, header in enumerate(group_header, start=1):
                groups.cell(row=3 + 2 * index + number, column=column, value=line[header])
    path = tmp_path / "programmy-s-gruppami.xlsx"
    book.save(path)

    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("#job-state")).to_have_text("Проверено", timeout=60_000)
    expect(page.locator("#job-groups")).to_contain_text("добавить 6")
    expect(page.locator("#job-not-ready")).to_have_count(0)  # every row has its groups
    page.get_by_role("button", name="Подтвердить загрузку").click()
    expect(page.get_by_text("Загрузка завершена.")).to_be_visible(timeout=60_000)
    for program in Program.objects.filter(name__in=NAMES):
        page.goto(f"{live_server.url}/programs/{program.pk}/")
        page.get_by_role("button", name="Отправить на модерацию").click()
        expect(page.locator(".alert-success").first).to_be_visible()
    sign_out()

    with standin_thread(tmp_path) as url:
        settings.NAVIGATOR_URL, settings.NAVIGATOR_TOKEN = url, TOKEN
        sign_in(staff)
        for program in Program.objects.filter(name__in=NAMES):
            page.goto(f"{live_server.url}/programs/{program.pk}/review/")
            expect(page.locator("#navigator-readiness")).to_have_count(0)
            page.get_by_role("button", name="Опубликовать").click()
            expect(page.locator(".alert-success").first).to_be_visible()
        page.get_by_role("link", name="Навигатор").click()
        page.get_by_role("button", name="Отправить сейчас").click()
        expect(page.locator("#sync-totals")).to_contain_text("переданы: 4")  # 3 + organisation
        expect(page.locator("#sync-totals")).to_contain_text("ошибки: 0")
        sign_out()

        # A parent on a phone: free places first, then the Navigator's page of the programme.
        phone = browser.new_context(viewport=PHONE, locale="ru-RU")
        parent = phone.new_page()
        parent.goto(f"{live_server.url}/catalog/?free_places=on&enrolment_open=on")
        expect(parent.locator("#results")).to_contain_text("Шахматная школа")
        parent.get_by_role("link", name="Шахматная школа").first.click()
        expect(parent.locator(".group-card").first).to_contain_text("свободно: 3")
        assert parent.locator(".group-card").first.bounding_box()["y"] < 3 * PHONE["height"]
        link = parent.get_by_role("link", name="Записаться в Навигаторе")
        expect(link).to_have_attribute("href", re.compile(rf"^{url}/programs/\d+$"))
        link.click()
        expect(parent.locator("h1")).to_have_text("Шахматная школа")
        expect(parent.locator("#standin-note")).to_contain_text("региональн")
        expect(parent.locator("body")).to_contain_text("свободно: 3")
        phone.close()
    assert csp_violations == []
