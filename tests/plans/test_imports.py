"""Last year's plan brought in from Word or Excel: the seed documents rebuilt as files."""

import io
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from docx import Document
from openpyxl import Workbook

from moc_portal.core.views import DOCX
from moc_portal.demo.seed_tables import (
    SEED_000,
    SEED_003,
    SEED_004,
    seed_lines,
    seed_table,
    seed_text,
)
from plans import documents, imports, services
from plans.models import Plan, PlanState
from programs.models import SpreadsheetJob
from tests.helpers import login


def docx_from_seed(path) -> bytes:
    """The seed as Word keeps it: paragraphs, and tables where its lines hold tabs; a blank
    line between table rows is a page break, so the rows after it are a new table."""
    document = Document()
    table = None
    for line in seed_lines(path):
        if "\t" in line:
            cells = line.split("\t")
            if table is None:
                table = document.add_table(rows=0, cols=len(cells))
            row = table.add_row().cells
            for cell, text in zip(row, cells, strict=False):
                cell.text = text
            continue
        table = None
        document.add_paragraph(line.replace("**", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_from_rows(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_seed(table: imports.ImportedTable) -> list[list[str]]:
    return [
        [r.number, r.title, r.period_text, r.responsible, r.expected_result] for r in table.rows
    ]


def test_seed_000_from_docx_gives_its_two_plans_over_page_breaks():
    tables = imports.read_tables(docx_from_seed(SEED_000), "plan-2022.docx")
    assert tables[0].title.startswith("Медиаплан освещения деятельности")
    assert tables[1].title.startswith("План работы муниципального опорного центра")
    assert as_seed(tables[0]) == seed_table("media_000")
    assert as_seed(tables[1]) == seed_table("work_000")  # the table went on over a page break


def test_seed_000_work_plan_from_xlsx_with_the_head_repeated():
    head = ["№", "Наименование мероприятия", "Сроки", "Ответственный", "Результат"]
    seed = seed_table("work_000")
    rows = [["План работы МОЦ на 2022 год"], [], head, *seed[:8], head, *seed[8:]]
    rows = [[f"{r[0]}.", *r[1:]] if r and r[0].isdigit() else r for r in rows]
    (table,) = imports.read_tables(xlsx_from_rows(rows), "plan.xlsx")
    assert table.title == "План работы МОЦ на 2022 год"
    assert as_seed(table) == seed


def test_seed_003_road_map_rows_cut_by_page_breaks_are_joined():
    (table,) = imports.read_tables(docx_from_seed(SEED_003), "roadmap.docx")
    assert table.item_count == 21
    assert as_seed(table) == seed_table("roadmap_003")
    seventh = table.rows[6]
    assert seventh.title.endswith("с предварительным согласованием с РМЦ")


def test_columns_in_another_order_and_no_number_heading(db):
    """Seed 004: «Наименование мероприятия, Ответственный исполнитель, Результат реализации
    мероприятия, Срок исполнения», with an unnamed № column."""
    rows = [
        [
            "",
            "Наименование мероприятия",
            "Ответственный исполнитель",
            "Результат реализации мероприятия",
            "Срок исполнения",
        ],
        ["1.", "Создание сети МОЦ", "Департамент образования", "Созданы МОЦ", "октябрь 2019 года"],
    ]
    (table,) = imports.read_tables(xlsx_from_rows(rows), "plan.xlsx")
    assert as_seed(table) == [
        ["1.", "Создание сети МОЦ", "октябрь 2019 года", "Департамент образования", "Созданы МОЦ"]
    ]
    assert table.headings[0] == "№"  # printed so when the plan is written out


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_own_export_with_sections_comes_back_the_same(db, staff, fmt):
    plan = services.plan_create(
        user=staff,
        data={
            "kind": "work",
            "title": "План работы МОЦ",
            "period_label": "2025 год",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
            "agreed_post": "Начальник отдела образования",
            "agreed_name": "А.А. Иванова",
        },
    )
    first = services.section_add(user=staff, plan=plan, title="Организационная работа")
    second = services.section_add(user=staff, plan=plan, title="Методическая работа")
    services.item_add(
        user=staff,
        plan=plan,
        section=first,
        data={"title": "Совещание", "period_text": "Сентябрь", "responsible": "МОЦ"},
    )
    services.item_add(user=staff, plan=plan, section=second, data={"title": "Семинар"})
    buffer = io.BytesIO()
    writer = documents.write_xlsx if fmt == "xlsx" else documents.write_docx
    writer(documents.plan_document(plan), buffer)
    document = imports.read_document(buffer.getvalue(), f"plan.{fmt}")
    (table,) = document.tables
    assert table.title == "План работы МОЦ на 2025 год"
    assert [(r.section, r.number, r.title) for r in table.rows] == [
        (True, "", "1. Организационная работа"),
        (False, "1.1", "Совещание"),
        (True, "", "2. Методическая работа"),
        (False, "2.1", "Семинар"),
    ]
    assert document.front.plan_data() == {
        "agreed_label": "«СОГЛАСОВАНО»",
        "agreed_post": "Начальник отдела образования",
        "agreed_name": "А.А. Иванова",
        "year_word": "г.",
    }


def test_seed_003_and_004_bring_their_approval_words_dates_and_footnote():
    front = imports.read_document(docx_from_seed(SEED_003), "roadmap.docx").front
    assert front.plan_data() == {
        "agreed_label": "СОГЛАСОВАНО",
        "agreed_post": "Начальник управления образования\nадминистрации г. Орска",
        "agreed_name": "В.А. Коваленко",
        "agreed_date": date(2020, 9, 15),
        "approved_label": "УТВЕРЖДЕНО",
        "approved_post": "Директор МАУДО\n«Дворец пионеров г. Орска»",
        "approved_name": "Н.П. Орлова",
        "approved_date": date(2020, 9, 15),
        "year_word": "года",
    }
    document = imports.read_document(docx_from_seed(SEED_004), "network.docx")
    assert document.tables[0].title.startswith("ПЛАН* мероприятий по созданию")
    assert document.front.plan_data() == {"footnote": seed_text(SEED_004, "*Основание")}


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_seed_plan_exported_comes_back_whole(db, staff, administrator, municipality, fmt):
    """What the portal writes it reads again: seed 000's document, both plans, every word."""
    from moc_portal.demo.plans import demo_plans_load

    demo_plans_load(staff=staff, administrator=administrator, home=municipality)
    work = Plan.objects.get(municipality__name="Город Оренбург", kind="work")
    buffer = io.BytesIO()
    writer = documents.write_xlsx if fmt == "xlsx" else documents.write_docx
    writer(documents.plan_document(work), buffer)
    document = imports.read_document(buffer.getvalue(), f"plan.{fmt}")
    fields = document.front.plan_data()
    for name in [
        "header",
        "cover_title",
        "place",
        "introduction",
        "agreed_label",
        "agreed_post",
        "agreed_name",
        "approved_label",
        "approved_post",
        "approved_name",
    ]:
        assert fields[name] == getattr(work, name), name
    assert "agreed_date" not in fields and "approved_date" not in fields
    media, plan = document.tables
    assert media.title.startswith("Медиаплан освещения") and as_seed(media) == seed_table(
        "media_000"
    )
    assert plan.title == work.title and as_seed(plan) == seed_table("work_000")


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, "plan.doc", "старом формате (.doc"),
        (b"just text", "plan.docx", "Это не документ Word"),
        (xlsx_from_rows([["Просто", "таблица"], ["1", "2"]]), "plan.xlsx", "не найдена таблица"),
        (
            xlsx_from_rows([["№", "Наименование мероприятия", "Сроки"], ["1", "", "Май"]]),
            "plan.xlsx",
            "строка 2: нет наименования мероприятия",
        ),
        (xlsx_from_rows([["a"]]), "plan.pdf", "Это не документ Word"),
    ],
)
def test_files_that_cannot_be_read_say_what_to_fix(data, name, message):
    with pytest.raises(imports.ImportFileError, match=message.replace("(", r"\(")):
        imports.read_tables(data, name)


def upload(client, data, name="plan.docx"):
    """The file sent as a person sends it; the worker reads it (in-process here); the page the
    person then sees: what was found, to confirm, or the job's page with what to fix."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("plans:import"),
            {
                "kind": "work",
                "period_label": "2022-2023 учебный год",
                "period_start": "2022-09-01",
                "period_end": "2023-08-31",
                "file": SimpleUploadedFile(name, data, content_type=DOCX),
            },
        )
    if response.status_code != 302:
        return response
    job = SpreadsheetJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert job.kind == SpreadsheetJob.Kind.PLAN_IMPORT
    if job.state == SpreadsheetJob.State.CHECKED:
        assert job.params["next"] in client.get(response["Location"]).content.decode()
        return client.get(job.params["next"])
    return client.get(response["Location"])


def test_import_in_the_browser_shows_what_was_read_and_writes_on_confirm(client, staff):
    login(client, staff)
    response = upload(client, docx_from_seed(SEED_000))
    assert response.status_code == 200
    assert Plan.objects.count() == 0  # nothing written before confirmation
    html = response.content.decode()
    assert "Медиаплан освещения" in html and "Организация работы «горячей линии»" in html
    assert "Текст документа вокруг таблицы" in html and "Л.О. Бебешко" in html
    token = response.context["form"].initial["token"]
    # The title left empty: the chosen table's own caption, not the first table's.
    response = client.post(reverse("plans:import_confirm"), {"token": token, "table": 1})
    plan = Plan.objects.get()
    assert plan.title == (
        "План работы муниципального опорного центра дополнительного образования детей "
        "г. Оренбурга Оренбургской области на 2022 год"
    )
    # The whole document came with it: header, approval blocks, cover, introduction.
    assert plan.header.splitlines() == [
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ",
        "АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА",
        "Муниципальное автономное учреждение дополнительного образования",
        "«ДВОРЕЦ ТВОРЧЕСТВА ДЕТЕЙ И МОЛОДЕЖИ»",
    ]
    assert (plan.agreed_label, plan.agreed_name, plan.agreed_date) == (
        "«СОГЛАСОВАНО»",
        "Л.О. Бебешко",
        None,
    )
    assert plan.approved_post == "Директор МАУДО «Дворец творчества\nдетей и молодежи»"
    assert plan.cover_title == (
        "План деятельности муниципального опорного центра на 2022-2023 учебный год"
    )
    assert plan.place == "Оренбург"
    assert plan.introduction == seed_text(SEED_000, "ВВЕДЕНИЕ", "Медиаплан освещения")
    assert plan.columns.splitlines() == [
        "№",
        "Наименование мероприятия",
        "Сроки",
        "Ответственный",
        "Результат",
    ]
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    assert notices[0].startswith("План загружен: 10 мероприятий. Проверьте сроки")
    assert response.status_code == 302 and response["Location"] == reverse(
        "plans:detail", args=[plan.pk]
    )
    assert plan.state == PlanState.DRAFT
    assert plan.municipality == staff.municipality
    rows = [
        [i.number, i.title, i.period_text, i.responsible, i.expected_result]
        for i in plan.items.order_by("position")
    ]
    assert rows == seed_table("work_000")
    december = plan.items.get(number="5.")
    assert (december.starts_on, december.ends_on) == (date(2022, 12, 1), date(2022, 12, 31))


def test_import_errors_are_shown_on_the_form_and_nothing_is_written(client, staff):
    login(client, staff)
    response = upload(client, b"not a document")
    assert response.status_code == 200
    assert "Это не документ Word" in response.content.decode()
    assert Plan.objects.count() == 0


def test_a_tampered_confirmation_writes_nothing(client, staff):
    login(client, staff)
    response = client.post(
        reverse("plans:import_confirm"), {"token": "forged", "table": 0, "title": "План"}
    )
    assert response.status_code == 302
    assert Plan.objects.count() == 0


def test_coordinators_cannot_import_plans(client, coordinator_a):
    login(client, coordinator_a)
    assert upload(client, docx_from_seed(SEED_000)).status_code == 403
