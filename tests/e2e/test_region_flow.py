"""A region's first day, from an empty database and without /admin/: the regional
administrator creates two municipalities and invites a staff member for each; each staff
member sets a password, fills in the centre, imports organisations and programmes from the
portal's own templates and publishes them; a parent then sees each municipality's own centre
on its programmes, and each yearly report and printed plan carries its own centre."""

import io
import re

import openpyxl
import pytest
from django.core import mail
from docx import Document
from playwright.sync_api import expect

from programs.models import Municipality, PublishedProgram
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import AdministratorFactory

pytestmark = pytest.mark.browser

PASSWORD = "Nadyozhnyi-parol-2026"
REGION = [
    {
        "name": "Город Елец",
        "oktmo": "42715000",
        "email": "moc-elets@example.org",
        "centre": "Муниципальный опорный центр дополнительного образования детей г. Ельца",
        "phone": "+7 (47467) 2-00-01",
        "letterhead": "Управление образования администрации города Ельца",
        "programme": "Шахматы для начинающих",
    },
    {
        "name": "Данковский муниципальный район",
        "oktmo": "42621000",
        "email": "moc-dankov@example.org",
        "centre": "Муниципальный опорный центр дополнительного образования детей Данковского "
        "района",
        "phone": "+7 (47465) 6-00-02",
        "letterhead": "Отдел образования администрации Данковского муниципального района",
        "programme": "Юные экологи",
    },
]


def _download(page, link_name) -> openpyxl.Workbook:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as handle:
        return openpyxl.load_workbook(io.BytesIO(handle.read()))


def _upload(page, book, tmp_path, name, *, publish=False):
    path = tmp_path / name
    book.save(path)
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(str(path))
    if publish:
        page.get_by_label("Сразу опубликовать новые программы").check()
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.locator("#job-state")).to_have_text("Проверено", timeout=60_000)
    expect(page.locator("#job-errors")).to_have_count(0)
    page.get_by_role("button", name="Подтвердить загрузку").click()
    expect(page.get_by_text("Загрузка завершена.")).to_be_visible(timeout=60_000)


def test_a_region_sets_up_two_centres_that_each_speak_for_themselves(
    page, live_server, sign_out, tmp_path, csp_violations
):
    regional = AdministratorFactory(username="regional", is_staff=False, is_superuser=False)
    visited = []
    page.on("request", lambda request: visited.append(request.url))

    # The regional administrator creates the municipalities and invites their staff.
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Логин").fill(regional.username)
    page.get_by_label("Пароль").fill(FACTORY_PASSWORD)
    page.get_by_role("button", name="Войти").click()
    page.get_by_role("link", name="Муниципалитеты", exact=True).click()
    for place in REGION:
        page.get_by_role("link", name="Новый муниципалитет").click()
        page.get_by_label("Наименование").fill(place["name"])
        page.get_by_label("Субъект РФ").fill("Липецкая область")
        page.get_by_label("Код ОКТМО").fill(place["oktmo"])
        page.get_by_role("button", name="Создать").click()
        expect(page.get_by_text("Сведения о центре не заполнены")).to_be_visible()
        page.get_by_role("link", name="Пригласить").click()
        page.get_by_label("Электронная почта").fill(place["email"])
        page.get_by_label("Фамилия").fill("Орлова")
        page.get_by_label("Имя").fill("Нина")
        page.get_by_role("button", name="Пригласить").click()
        expect(page.get_by_text(f"отправлено на {place['email']}")).to_be_visible()
        page.get_by_role("link", name="Муниципалитеты региона").click()
    expect(page.locator("#region-overview")).to_contain_text("центр не заполнен")
    sign_out()

    for place in REGION:
        # The invited staff member sets a password from the letter and signs in.
        (letter,) = [m for m in mail.outbox if place["email"] in m.to]
        link = re.search(r"http://portal\.test(\S+)", letter.body).group(1)
        page.goto(live_server.url + link)
        page.locator("input[name=new_password1]").fill(PASSWORD)
        page.locator("input[name=new_password2]").fill(PASSWORD)
        page.get_by_role("button", name="Сохранить пароль").click()
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Логин").fill(place["email"])
        page.get_by_label("Пароль").fill(PASSWORD)
        page.get_by_role("button", name="Войти").click()
        expect(page.get_by_text("сведения о центре не заполнены")).to_be_visible()

        # The centre, as its documents open and its pages show it.
        page.get_by_role("link", name="Опорный центр и его сотрудники").click()
        page.get_by_role("link", name="Изменить сведения").click()
        page.get_by_label("Полное наименование").fill(place["centre"])
        page.get_by_label("Телефон").fill(place["phone"])
        page.get_by_label("Электронная почта").fill(place["email"])
        page.get_by_label("Должность руководителя").fill("Директор")
        page.get_by_label("ФИО руководителя").fill("Н.П. Орлова")
        page.get_by_label("Шапка документов").fill(place["letterhead"])
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_text("Сведения о центре сохранены")).to_be_visible()

        # Organisations, then programmes, from the portal's own templates.
        page.goto(f"{live_server.url}/organisations/")
        page.get_by_role("link", name="Загрузить из Excel").click()
        book = _download(page, "шаблон")
        sheet = book["Организации"]
        header = [c.value for c in sheet[2]]  # under the title; the example in row 3
        sheet.cell(row=3, column=header.index("Телефон") + 1, value="+7 (000) 111-22-33")
        _upload(page, book, tmp_path, f"organizacii-{place['oktmo']}.xlsx")

        page.goto(f"{live_server.url}/programs/")
        page.get_by_role("link", name="Загрузить из Excel").click()
        book = _download(page, "шаблон")
        sheet = book["Программы"]
        header = [c.value for c in sheet[2]]
        assert re.fullmatch(r".+ \(\d{10}\)", sheet.cell(row=3, column=2).value)  # name (ИНН)
        sheet.cell(row=3, column=header.index("Полное наименование") + 1).value = place["programme"]
        groups = book["Группы"]  # the template's example group, of the renamed programme
        group_header = [c.value for c in groups[2]]
        groups.cell(row=3, column=group_header.index("Программа") + 1).value = place["programme"]
        _upload(page, book, tmp_path, f"programmy-{place['oktmo']}.xlsx", publish=True)

        # This year's plan opens with the centre's letterhead; the yearly report is built.
        page.goto(f"{live_server.url}/plans/new/")
        expect(page.get_by_label("Шапка документа")).to_have_value(place["letterhead"])
        page.get_by_label("Вид").select_option(label="План работы")
        page.get_by_label("Заголовок").fill("План работы МОЦ")
        page.get_by_label("Период", exact=True).fill("2026-2027 учебный год")
        page.get_by_label("Начало периода").fill("2026-09-01")
        page.get_by_label("Конец периода").fill("2027-08-31")
        page.get_by_role("button", name="Сохранить").click()
        expect(page.get_by_text("План создан")).to_be_visible()
        plan_url = page.url
        printed = page.request.get(f"{plan_url}print/plan/").text()
        assert place["letterhead"] in printed
        assert all(other["letterhead"] not in printed for other in REGION if other != place)

        page.goto(f"{live_server.url}/reports/")
        page.get_by_label("Учебный год").fill("2026/2027")
        page.get_by_role("button", name="Собрать отчёт").click()
        expect(page.get_by_role("link", name=re.compile("Word"))).to_be_visible(timeout=60_000)
        report = Document(io.BytesIO(page.request.get(f"{page.url}report.docx").body()))
        # Read as a person reads it: «г.\u00a0Ельца» (bound by a non-breaking space) is «г. Ельца».
        text = "\n".join(p.text for p in report.paragraphs).replace("\u00a0", " ")
        assert f"Муниципальный опорный центр (МОЦ) – {place['centre']}" in text
        assert all(other["centre"] not in text for other in REGION if other != place)
        sign_out()

    # A parent: each municipality's programme under its own centre and phone.
    assert PublishedProgram.objects.count() == 2
    for place in REGION:
        published = PublishedProgram.objects.get(name=place["programme"])
        page.goto(f"{live_server.url}/catalog/programs/{published.pk}/")
        expect(page.locator("footer")).to_contain_text(place["centre"])
        expect(page.locator("footer")).to_contain_text(place["phone"])
        for other in REGION:
            if other != place:
                expect(page.locator("body")).not_to_contain_text(other["phone"])
        municipality = Municipality.objects.get(oktmo=place["oktmo"])
        page.goto(f"{live_server.url}/m/{municipality.slug}/")
        expect(page.locator("#municipality-centre")).to_contain_text(place["phone"])
    assert not [url for url in visited if "/admin/" in url]
    assert csp_violations == []
