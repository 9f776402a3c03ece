import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from programs.choices import ProgramStatus
from programs.models import Program, PublishedProgram

pytestmark = pytest.mark.browser


def fill_schedule_row(page, index, weekday, start, end):
    row = page.locator(f"[data-schedule-row='{index}']")
    row.get_by_label("День недели").select_option(label=weekday)
    row.get_by_label("Начало").fill(start)
    row.get_by_label("Окончание").fill(end)


def open_review(page, program_name):
    page.get_by_role("link", name="Модерация").first.click()
    page.get_by_role("row", name=program_name).get_by_role("link", name="Проверить").click()


def test_coordinator_submits_staff_returns_coordinator_fixes_staff_publishes(
    page, live_server, sign_in, sign_out, csp_violations, coordinator_a, org_a, staff
):
    # The coordinator creates a programme.
    sign_in(coordinator_a)
    page.get_by_role("link", name="Новая программа").first.click()
    expect(page.get_by_label("Организация")).to_have_value(str(org_a.pk))
    page.get_by_label("Учебный год").fill("2025/2026")
    page.get_by_label("Полное наименование").fill("Робототехника для начинающих")
    page.get_by_label("Краткое описание").fill("Собираем и программируем роботов.")
    page.get_by_label("Содержание программы").fill("Конструирование, датчики, соревнования.")
    page.get_by_label("Цели и задачи").fill("Развитие инженерного мышления.")
    page.get_by_label("Ожидаемые результаты").fill("Ребёнок собирает робота по схеме.")
    page.get_by_label("Направленность").select_option(label="Техническая")
    page.get_by_label("Уровень").select_option(label="Стартовый (ознакомительный)")
    page.get_by_label("Возраст от, лет").fill("8")
    page.get_by_label("Возраст до, лет").fill("12")
    page.get_by_label("Продолжительность, месяцев").fill("9")
    page.get_by_label("Объём, академических часов").fill("72")
    page.get_by_label("Бесплатно (за счёт бюджета)").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_text("Черновик программы сохранён")).to_be_visible()

    # ... adds a group with its schedule ...
    page.get_by_role("link", name="Добавить группу").click()
    page.get_by_label("Название группы").fill("Группа 1")
    page.get_by_label("Педагог").fill("Петрова Анна Сергеевна")
    page.get_by_label("Мест в группе").fill("12")
    fill_schedule_row(page, 0, "Вторник", "15:00", "16:30")
    page.get_by_role("button", name="Сохранить группу").click()
    expect(page.get_by_text("Вторник 15:00–16:30")).to_be_visible()

    # ... and submits it.
    page.get_by_role("button", name="Отправить на модерацию").click()
    expect(page.get_by_text("Программа отправлена на модерацию.")).to_be_visible()
    sign_out()

    # Staff return it with a comment.
    sign_in(staff)
    open_review(page, "Робототехника для начинающих")
    expect(page.get_by_text("Программа подаётся впервые")).to_be_visible()
    page.get_by_role("button", name="Вернуть на доработку").click()
    expect(page.locator("#return-form")).to_have_class(re.compile(r"\bshow\b"))
    page.get_by_label("Что нужно исправить").fill("Укажите второе занятие в неделю.")
    page.get_by_role("button", name="Вернуть с комментарием").click()
    expect(page.get_by_text("Программа возвращена на доработку.")).to_be_visible()
    sign_out()

    # The coordinator sees the comment, fixes and resubmits.
    sign_in(coordinator_a)
    expect(page.get_by_text("Укажите второе занятие в неделю.")).to_be_visible()
    page.get_by_role("link", name="Робототехника для начинающих").click()
    page.get_by_role("link", name="Изменить группу «Группа 1»").click()
    fill_schedule_row(page, 1, "Четверг", "15:00", "16:30")
    page.get_by_role("button", name="Сохранить группу").click()
    expect(page.get_by_text("Четверг 15:00–16:30")).to_be_visible()
    page.get_by_role("button", name="Отправить на модерацию").click()
    expect(page.get_by_text("Программа отправлена на модерацию.")).to_be_visible()
    sign_out()

    # Staff publish it.
    sign_in(staff)
    open_review(page, "Робототехника для начинающих")
    page.get_by_role("button", name="Опубликовать").click()
    expect(page.get_by_text("Программа опубликована.")).to_be_visible()

    # The history shows all four steps.
    program = Program.objects.get(name="Робототехника для начинающих")
    page.goto(f"{live_server.url}/programs/{program.pk}/")
    steps = page.locator("#transitions-title + ol > li")
    expect(steps).to_have_count(4)
    expect(steps.nth(0)).to_contain_text("На модерации → Опубликована")
    expect(steps.nth(1)).to_contain_text("Требует доработки → На модерации")
    expect(steps.nth(2)).to_contain_text("На модерации → Требует доработки")
    expect(steps.nth(2)).to_contain_text("Укажите второе занятие в неделю.")
    expect(steps.nth(3)).to_contain_text("Черновик → На модерации")

    program.refresh_from_db()
    assert program.status == ProgramStatus.PUBLISHED
    assert len(PublishedProgram.objects.get(program=program).card["groups"][0]["schedule"]) == 2
    subjects = [m.subject for m in mail.outbox]
    assert any("Требует доработки" in s for s in subjects)
    assert any("Опубликована" in s for s in subjects)

    # Parents see it.
    sign_out()
    page.goto(f"{live_server.url}/catalog/programs/{program.pk}/")
    expect(page.get_by_role("heading", name="Робототехника для начинающих")).to_be_visible()
    assert csp_violations == []
