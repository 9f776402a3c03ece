"""A methodologist builds a plan in the browser, approves it, marks its execution and takes
the signed documents away."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from plans.models import ItemStatus, Plan, PlanState

pytestmark = pytest.mark.browser


def add_item(page, section, title, period, responsible, result):
    form = page.locator("form", has=page.get_by_role("button", name="Добавить мероприятие"))
    form.locator("#id_item-section").select_option(label=section)
    form.get_by_label("Наименование мероприятия").fill(title)
    form.locator("#id_item-period_text").fill(period)
    form.get_by_label("Ответственный / исполнитель").fill(responsible)
    form.get_by_label("Ожидаемый результат").fill(result)
    form.get_by_role("button", name="Добавить мероприятие").click()
    expect(page.locator("#plan-table")).to_contain_text(title)


def download(page, group, link) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("group", name=group).get_by_role("link", name=link).click()
    return open(info.value.path(), "rb").read()


def test_staff_builds_two_sections_approves_marks_execution_and_downloads(
    page, live_server, sign_in, csp_violations, staff
):
    sign_in(staff)
    page.get_by_role("link", name="Планы").first.click()
    page.get_by_role("link", name="Новый план").click()
    page.locator("#id_kind").select_option(label="План работы")
    page.locator("#id_title").fill("План работы муниципального опорного центра")
    page.locator("#id_period_label").fill("2025-2026 учебный год")
    page.get_by_label("Начало периода").fill("2025-09-01")
    page.get_by_label("Конец периода").fill("2026-08-31")
    page.get_by_label("Место составления").fill("Задонск")
    page.get_by_label("«СОГЛАСОВАНО»: должность").fill("Начальник отдела образования")
    page.get_by_label("«СОГЛАСОВАНО»: ФИО").fill("А.А. Иванова")
    page.get_by_label("«УТВЕРЖДАЮ»: должность").fill("Директор МБО ДО Задонский Дом школьника")
    page.get_by_label("«УТВЕРЖДАЮ»: ФИО").fill("Б.Б. Петрова")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("План создан.")).to_be_visible()

    for title in ["Организационная работа", "Методическая работа"]:
        page.get_by_label("Название раздела").fill(title)
        page.get_by_role("button", name="Добавить раздел").click()
        expect(page.locator("#plan-table")).to_contain_text(title)
    add_item(
        page,
        "1. Организационная работа",
        "Инвентаризация программ дополнительного образования",
        "Сентябрь-декабрь",
        "Методист МОЦ",
        "Аналитическая справка",
    )
    add_item(
        page,
        "2. Методическая работа",
        "Семинар для координаторов «Навигатора»",
        "I квартал 2026 г.",
        "Старший методист",
        "Проведён семинар",
    )
    plan = Plan.objects.get()
    first = plan.items.get(number="1.1")
    assert (first.starts_on.isoformat(), first.ends_on.isoformat()) == ("2025-09-01", "2025-12-31")

    # The responsible person is changed in place: the row becomes a form and back.
    row = page.locator(f"#item-{first.pk}")
    row.get_by_role("link", name="Изменить мероприятие 1.1").click()
    row.locator("form").get_by_label("Ответственный / исполнитель").fill("Судакова Е.В.")
    row.get_by_role("button", name="Сохранить").click()
    saved = page.locator(f"#item-{first.pk}").get_by_role("button", name="Сохранить")
    expect(saved).to_have_count(0)  # the form turned back into the row
    expect(page.locator(f"#item-{first.pk}")).to_contain_text("Судакова Е.В.")

    page.get_by_role("button", name="Согласовать").click()
    expect(page.get_by_text("План согласован.")).to_be_visible()
    page.get_by_role("button", name="Утвердить").click()
    expect(page.get_by_text("План утверждён")).to_be_visible()
    expect(page.get_by_role("button", name="Добавить мероприятие")).to_have_count(0)

    # After approval only the execution is marked.
    row = page.locator(f"#item-{first.pk}")
    row.get_by_role("link", name="Изменить мероприятие 1.1").click()
    form = row.locator("form")
    expect(form.get_by_label("Наименование мероприятия")).to_have_count(0)
    form.get_by_label("Статус").select_option(label="Выполнено")
    form.get_by_label("Результат (количественный)").fill("Проверено 163 программы")
    form.get_by_role("button", name="Сохранить").click()
    expect(saved).to_have_count(0)
    expect(page.locator(f"#item-{first.pk}")).to_contain_text("Выполнено")
    first.refresh_from_db()
    assert first.status == ItemStatus.DONE
    assert Plan.objects.get().state == PlanState.APPROVED

    # The signed plan and the execution report, as Word and Excel files.
    plan_docx = Document(io.BytesIO(download(page, "План", "Word")))
    table = [[cell.text for cell in row.cells] for row in plan_docx.tables[-1].rows]
    assert table[0] == [
        "№",
        "Наименование мероприятия",
        "Сроки",
        "Ответственный",
        "Результат",
    ]
    assert table[1] == ["1. Организационная работа"] * 5
    assert table[2] == [
        "1.1",
        "Инвентаризация программ дополнительного образования",
        "Сентябрь-декабрь",
        "Судакова\u00a0Е.В.",  # the initials bound to the name
        "Аналитическая справка",
    ]
    assert table[3][0] == "2. Методическая работа"
    report = load_workbook(io.BytesIO(download(page, "Отчёт о выполнении", "Excel"))).active
    rows = [list(r) for r in report.iter_rows(values_only=True)]
    done = next(r for r in rows if r[0] == "1.1")
    assert done[5:] == ["Выполнено", "Проверено 163 программы"]

    # The printable page of the report, as it is signed.
    page.get_by_role("group", name="Отчёт о выполнении").get_by_role("link", name="Печать").click()
    expect(
        page.get_by_role(
            "heading", name="Отчёт о выполнении: План работы муниципального опорного центра"
        )
    ).to_be_visible()
    expect(page.get_by_text("за период с 01.09.2025 по 31.08.2026")).to_be_visible()
    expect(page.get_by_role("cell", name="Проверено 163 программы")).to_be_visible()
    expect(page.get_by_role("button", name="Печать")).to_be_visible()
    assert re.search(r"/plans/\d+/print/report/$", page.url)
    assert csp_violations == []
