"""A regional contest's municipal stage from the administrator's announcement to the
nominees in the regional contest, clicked through the pages: the stage opened, the
applications (a form and the contest's own Excel template), the consents, the admission,
the jury, blind judging, a tie settled by the chair, the results fixed, the protocol, the
diplomas and the nominees sent on."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from programs.assessment import services as assessment
from programs.assessment.models import Criterion, ExpertProfile

pytestmark = pytest.mark.browser

REGIONAL = "Сердце отдаю детям"
STAGE = "Сердце отдаю детям: Задонский этап"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fetch(page, live_server, link, content_type: str) -> bytes:
    """The file a link gives, asked for with the browser's own session."""
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200, response.text()[:500]
    assert response.headers["content-type"].startswith(content_type)
    return response.body()


def open_contests(page):
    page.get_by_role("navigation", name="Рабочие разделы").get_by_role(
        "link", name="Конкурсы"
    ).click()


def nine_years_old(contest_day: date) -> str:
    return date(contest_day.year - 9, 1, 15).isoformat()


def criteria_of(staff, municipality):
    criteria = assessment.criteria_set_create(
        user=staff, municipality=municipality, title="Критерии конкурса"
    )
    for title in ["Раскрытие темы", "Оригинальность"]:
        assessment.criterion_save(
            user=staff, criterion=Criterion(criteria_set=criteria, title=title, scale_max=5)
        )
    return criteria


def administrator_announces(page, today):
    open_contests(page)
    page.get_by_role("link", name="Новый региональный конкурс").click()
    page.locator("#id_title").fill(REGIONAL)
    page.locator("#id_audience").select_option("children")
    for name, days in [
        ("applications_from", -1),
        ("applications_to", 10),
        ("judging_from", 11),
        ("judging_to", 20),
        ("results_on", 25),
    ]:
        page.locator(f"#id_{name}").fill((today + timedelta(days=days)).isoformat())
    page.locator("#id_criteria_set").select_option(label="Критерии конкурса (версия 1)")
    page.locator("#id_blind").check()
    page.locator("#id_nominations").fill("Рисунок\nПоделка")
    page.locator("#id_categories").fill("Младшая: 7–10")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Конкурс создан.")).to_be_visible()
    page.get_by_role("button", name="Объявить приём заявок").click()
    expect(page.get_by_text("Приём заявок объявлен.")).to_be_visible()


def staff_open_the_stage(page, today):
    open_contests(page)
    page.get_by_role("link", name="открыть этап").click()
    page.locator("#id_title").fill(STAGE)
    page.locator("#id_applications_to").fill((today + timedelta(days=7)).isoformat())
    page.locator("#id_criteria_set").select_option(label="Критерии конкурса (версия 1)")
    page.locator("#id_blind").check()
    page.get_by_role("button", name="Открыть этап").click()
    expect(page.get_by_text("Муниципальный этап открыт.")).to_be_visible()
    page.get_by_role("button", name="Объявить приём заявок").click()
    expect(page.get_by_text("Приём заявок объявлен.")).to_be_visible()


def coordinator_applies_by_form(page, today):
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    page.get_by_role("link", name="Подать заявку").click()
    page.get_by_label("Номинация").select_option(label="Рисунок")
    page.get_by_label("Возрастная категория").select_option(label="Младшая")
    page.get_by_label("Участие").select_option("individual")
    page.locator("#id_form-0-surname").fill("Сидорова")
    page.locator("#id_form-0-name").fill("Анна")
    page.locator("#id_form-0-patronymic").fill("Игоревна")
    page.locator("#id_form-0-birth_date").fill(nine_years_old(today + timedelta(days=7)))
    page.locator("#id_form-0-grade").fill("3 класс")
    page.get_by_role("button", name="Подать заявку").click()
    expect(page.get_by_text("Заявка подана.")).to_be_visible()


def coordinator_imports(page, live_server, today):
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    link = page.get_by_role("link", name="Шаблон списка участников")
    book = load_workbook(io.BytesIO(fetch(page, live_server, link, XLSX)))
    sheet = book["Участники"]
    heads = {cell.value: cell.column for cell in sheet[2] if cell.value}
    row = {
        "Номинация": "Рисунок",
        "Возрастная категория": "Младшая",
        "Фамилия": "Кузнецов",
        "Имя": "Пётр",
        "Отчество": "Андреевич",
        "Дата рождения": date(today.year - 9, 2, 1).strftime("%d.%m.%Y"),
        "Класс или возраст": "3 класс",
    }
    for head, value in row.items():
        sheet.cell(row=3, column=heads[head], value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    page.get_by_role("link", name="Загрузить список из Excel").click()
    page.get_by_label("Файл списка участников").set_input_files(
        {"name": "uchastniki.xlsx", "mimeType": XLSX, "buffer": buffer.getvalue()}
    )
    page.get_by_role("button", name="Загрузить").click()
    expect(page.locator("body")).not_to_contain_text("Ничего не загружено")
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    expect(page.locator("main, body").first).to_contain_text("Кузнецов")


def coordinator_records_consents(page, live_server):
    for surname in ["Сидорова", "Кузнецов"]:
        open_contests(page)
        page.get_by_role("link", name=STAGE).first.click()
        page.locator("li", has_text=surname).get_by_role("link").first.click()
        blank = page.get_by_role("link", name="бланк согласия (Word)")
        form = fetch(page, live_server, blank, DOCX)
        text = "\n".join(p.text for p in Document(io.BytesIO(form)).paragraphs)
        assert surname in text
        page.get_by_label("Согласие", exact=True).select_option("paper")
        page.get_by_role("button", name="Отметить").click()
        expect(page.get_by_text("Согласие отмечено")).to_be_visible()


def staff_admit_and_assign_the_jury(page, expert):
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    page.get_by_role("link", name="Заявки (2)").click()
    for _ in range(2):
        page.get_by_role("button", name="Допустить").first.click()
        expect(page.get_by_text("Заявка допущена.")).to_be_visible()
    page.get_by_role("link", name=STAGE).click()
    page.get_by_role("link", name="Жюри", exact=True).click()
    page.get_by_label("Эксперт").select_option(label=str(expert))
    page.get_by_label("Рисунок").check()
    page.get_by_label("Председатель жюри").check()
    page.get_by_role("button", name="Назначить").click()
    expect(page.get_by_text("Член жюри назначен.")).to_be_visible()
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    page.get_by_role("button", name="Закрыть приём заявок и начать оценивание").click()
    expect(page.get_by_text("Начато оценивание.")).to_be_visible()


def assert_blind(page, org):
    body = page.locator("#main")
    for hidden in ["Сидорова", "Кузнецов", org.short_name, org.full_name]:
        expect(body).not_to_contain_text(hidden)


def expert_judges_blind_and_settles_the_tie(page, org):
    page.get_by_role("link", name=STAGE).first.click()
    expect(page.locator("#juror-entries")).to_contain_text("Н1-001")
    assert_blind(page, org)
    for code in ["Н1-001", "Н1-002"]:
        page.get_by_role("link", name=code).click()
        assert_blind(page, org)
        for field in page.locator("#contest-scoring-form input[type=number]").all():
            field.fill("4")
        page.get_by_role("button", name="Сохранить оценки").click()
        expect(page.get_by_text("Оценки сохранены.")).to_be_visible()
    expect(page.locator("#juror-entries")).not_to_contain_text("ожидает оценки")
    page.get_by_role("link", name="рейтинг и равенство баллов").click()
    expect(page.locator(".ranking")).to_contain_text("равенство баллов")
    page.get_by_role("button", name="Записать порядок").click()
    expect(page.get_by_text("Порядок работ с равными баллами записан.")).to_be_visible()
    expect(page.locator(".ranking")).to_contain_text("равенство решено")


def staff_fix_results_and_take_the_papers(page, live_server):
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    page.get_by_role("link", name="Рейтинг и итоги").click()
    page.get_by_role("button", name="Зафиксировать итоги").click()
    expect(page.get_by_text("Итоги зафиксированы.")).to_be_visible()
    protocol = fetch(page, live_server, page.get_by_role("link", name="Протокол жюри (Word)"), DOCX)
    document = Document(io.BytesIO(protocol))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "Сидорова" in text
    page.get_by_role("button", name="Сформировать дипломы").click()
    page.reload()
    everyone = page.get_by_role("link", name="Скачать все дипломы (PDF)")
    pdf = fetch(page, live_server, everyone, "application/pdf")
    assert pdf.startswith(b"%PDF")
    nominees = page.get_by_role("link", name="Список выдвинутых (Excel)")
    sheet = fetch(page, live_server, nominees, XLSX)
    values = [c for row in load_workbook(io.BytesIO(sheet)).active.values for c in row]
    assert "Сидорова" in " ".join(str(v) for v in values if v)
    page.get_by_role("button", name="Отправить на региональный этап").click()
    expect(page.get_by_text("На региональный этап отправлено: 1 заявка.")).to_be_visible()


def coordinator_downloads_own_diplomas(page, live_server):
    open_contests(page)
    page.get_by_role("link", name=STAGE).first.click()
    page.get_by_role("link", name="Дипломы участников моей организации").click()
    link = page.get_by_role("link", name="Скачать дипломы своих участников (PDF)")
    assert fetch(page, live_server, link, "application/pdf").startswith(b"%PDF")


def administrator_sees_the_nominee(page):
    open_contests(page)
    page.get_by_role("link", name=REGIONAL, exact=True).first.click()
    page.get_by_role("link", name="Заявки (1)").click()
    expect(page.locator("table")).to_contain_text("Сидорова")
    expect(page.locator("table")).to_contain_text("Подана")


@pytest.fixture
def world(municipality, org_a, org_b, staff, expert, coordinator_a, administrator):
    ExpertProfile.objects.create(user=expert, organisation=org_b)
    criteria_of(staff, municipality)


def test_regional_contest_stage_from_announcement_to_nominees(
    page,
    live_server,
    sign_in,
    sign_out,
    csp_violations,
    world,
    org_a,
    staff,
    expert,
    coordinator_a,
    administrator,
):
    today = timezone.localdate()
    for person, step in [
        (administrator, lambda: administrator_announces(page, today)),
        (staff, lambda: staff_open_the_stage(page, today)),
        (coordinator_a, lambda: coordinator_applies_by_form(page, today)),
        (coordinator_a, lambda: coordinator_imports(page, live_server, today)),
        (coordinator_a, lambda: coordinator_records_consents(page, live_server)),
        (staff, lambda: staff_admit_and_assign_the_jury(page, expert)),
        (expert, lambda: expert_judges_blind_and_settles_the_tie(page, org_a)),
        (staff, lambda: staff_fix_results_and_take_the_papers(page, live_server)),
        (coordinator_a, lambda: coordinator_downloads_own_diplomas(page, live_server)),
        (administrator, lambda: administrator_sees_the_nominee(page)),
    ]:
        sign_in(person)
        step()
        sign_out()
    assert csp_violations == []
