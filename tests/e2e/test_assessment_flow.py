"""Staff open an assessment campaign and assign a programme, an expert scores and submits,
staff close the campaign, and the programme's coordinator reads the result."""

import pytest
from playwright.sync_api import expect

from programs.assessment import services
from programs.assessment.models import Criterion, ExpertProfile
from programs.choices import ProgramStatus
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

pytestmark = pytest.mark.browser


def test_campaign_from_opening_to_the_coordinators_result(
    page,
    live_server,
    sign_in,
    sign_out,
    csp_violations,
    municipality,
    org_a,
    org_b,
    staff,
    expert,
    coordinator_a,
):
    program = ProgramFactory(organisation=org_a, name="Юные техники")
    ProgramGroupFactory(program=program)
    move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    ExpertProfile.objects.create(user=expert, organisation=org_b)
    criteria = services.criteria_set_create(
        user=staff, municipality=municipality, title="Критерии оценки ДООП"
    )
    for title in ["Соответствие требованиям", "Содержание программы"]:
        services.criterion_save(
            user=staff, criterion=Criterion(criteria_set=criteria, title=title, scale_max=2)
        )

    sign_in(staff)
    page.get_by_role("link", name="Оценка качества").click()
    page.get_by_role("link", name="Новая кампания").click()
    page.get_by_label("Название").fill("Независимая оценка 2025")
    page.get_by_label("Начало").fill("2025-02-01")
    page.get_by_label("Окончание").fill("2025-04-30")
    page.get_by_label("Набор критериев").select_option(label="Критерии оценки ДООП (версия 1)")
    page.get_by_label("Экспертов на программу").fill("1")
    page.get_by_role("button", name="Создать").click()
    expect(page.get_by_text("Кампания создана")).to_be_visible()

    page.get_by_label("Юные техники").check()
    page.get_by_role("button", name="Включить").click()
    expect(page.locator("#campaign-entries")).to_contain_text("Юные техники")
    page.locator("#id_title").fill("Техническая направленность")
    page.get_by_label(str(expert)).check()
    page.get_by_role("button", name="Сформировать группу").click()
    page.get_by_role("button", name="Распределить программы между экспертами").click()
    expect(page.get_by_text("Назначено экспертов: 1.")).to_be_visible()
    page.get_by_role("button", name="Начать оценку").click()
    expect(page.locator("#campaign-state")).to_have_text("идёт оценка")
    sign_out()

    sign_in(expert)
    page.get_by_role("link", name="Мои экспертизы").click()
    page.get_by_role("link", name="Юные техники").click()
    page.get_by_label("Балл (0–2)").first.select_option("2")
    page.get_by_label("Балл (0–2)").nth(1).select_option("1")
    page.get_by_label("Комментарий", exact=True).first.fill("Текст соответствует требованиям")
    page.get_by_label("Заключение").select_option(label="рекомендована")
    page.get_by_label("Комментарий эксперта").fill("Рекомендую расширить проектную часть.")
    page.get_by_role("button", name="Отправить оценку").click()
    expect(page.get_by_text("Оценка отправлена. Спасибо!")).to_be_visible()
    expect(page.locator("#queue")).to_contain_text("отправлена")
    sign_out()

    sign_in(staff)
    page.goto(f"{live_server.url}/assessment/")
    page.get_by_role("link", name="Независимая оценка 2025").click()
    expect(page.locator("#expert-progress")).to_contain_text("1")
    page.get_by_role("button", name="Завершить оценку").click()
    expect(page.locator("#campaign-state")).to_have_text("завершена")
    expect(page.locator("#campaign-entries")).to_contain_text("рекомендована")
    sign_out()

    sign_in(coordinator_a)
    page.goto(f"{live_server.url}/programs/{program.pk}/")
    result = page.locator("#assessment-result")
    expect(result).to_contain_text("Рекомендована")
    expect(result).to_contain_text("Рекомендую расширить проектную часть.")
    expect(result).to_contain_text("Эксперт 1")
    expect(result).not_to_contain_text(expert.last_name)
    page.goto(f"{live_server.url}/catalog/programs/{program.pk}/")
    expect(page.locator("#assessment-badge")).to_be_visible()
    assert csp_violations == []
