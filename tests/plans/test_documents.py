"""The plan printed, and exported to xlsx and docx, in the seeds' layout: read back with
openpyxl and python-docx and compared with the text of seed 000 itself."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from moc_portal.demo.plans import demo_plans_load
from moc_portal.demo.seed_tables import SEED_000, SEED_003, SEED_004, seed_lines, seed_table
from plans import documents, services
from plans.columns import plan_columns
from plans.models import Channel, Event, Plan, PlanKind, Publication, YearWord
from tests.documents import docx_parts, normalised, seed_front, seed_head, xlsx_parts
from tests.helpers import login

# Each seed: its text, and its tables in order with the start of each one's head line.
SEEDS = {
    "000": (SEED_000, [("media_000", "№\tМероприятия"), ("work_000", "№\tНаименование")]),
    "003": (SEED_003, [("roadmap_003", "№ п/п")]),
    "004": (SEED_004, [("network_004", "\tНаименование")]),
}


@pytest.fixture
def seed_plans(db, staff, administrator, municipality):
    demo_plans_load(staff=staff, administrator=administrator, home=municipality)
    plans = {
        (plan.municipality.name, plan.kind): plan
        for plan in Plan.objects.select_related("municipality")
    }
    return {
        "000": plans[("Город Оренбург", PlanKind.WORK)],
        "media": plans[("Город Оренбург", PlanKind.MEDIA)],
        "003": plans[("Город Орск", PlanKind.ROADMAP)],
        "004": plans[("Город Екатеринбург", PlanKind.NETWORK)],
    }


def export(plan, fmt, *, report=False) -> bytes:
    buffer = io.BytesIO()
    writer = documents.write_xlsx if fmt == "xlsx" else documents.write_docx
    writer(documents.plan_document(plan, report=report), buffer)
    return buffer.getvalue()


def as_seed_rows(rows, plan) -> list[list[str]]:
    """A printed table's rows as seed_table gives them: №, наименование, сроки, ответственный,
    результат, whatever the document's column order."""
    fields = [name for name, _ in plan_columns(plan)]
    order = ["number", "title", "period_text", "responsible", "expected_result"]
    return [[row[fields.index(name)] for name in order] for row in rows]


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("seed", SEEDS)
def test_the_document_says_what_the_seed_says(seed_plans, seed, fmt):
    """Header, approval blocks with their own words and dates (blank where the seed leaves
    them), cover title, place, introduction, column headings, every item, footnote."""
    path, tables = SEEDS[seed]
    plan = seed_plans[seed]
    read = (docx_parts if fmt == "docx" else xlsx_parts)(export(plan, fmt))
    assert normalised(read["front"]) == normalised(seed_front(path, tables[0][1]))
    parts = documents.plan_document(plan).parts
    assert len(read["tables"]) == len(tables) == len(parts)
    for rows, (name, head), part in zip(read["tables"], tables, parts, strict=True):
        assert rows[0] == seed_head(path, head)
        assert as_seed_rows(rows[1:], part.plan) == seed_table(name)
    lines = seed_lines(path)
    footnote = [
        line
        for line in lines[
            next(
                (i for i, line in enumerate(lines) if line.startswith("*") and line[1] != "*"),
                len(lines),
            ) :
        ]
        if line.strip()
    ]
    assert normalised(read["after"]) == normalised(footnote)


def test_seed_000_is_one_document_whichever_of_its_plans_is_exported(seed_plans):
    media, work = seed_plans["media"], seed_plans["000"]
    assert export(media, "docx") != b""
    assert docx_parts(export(media, "docx")) == docx_parts(export(work, "docx"))
    assert normalised(seed_front(SEED_000, "ВВЕДЕНИЕ")).count("«СОГЛАСОВАНО»") == 1
    front = normalised(docx_parts(export(media, "docx"))["front"])
    assert front.count("«СОГЛАСОВАНО»") == 1 and front.count("«УТВЕРЖДАЮ»") == 1
    # The introduction whole: goal, five tasks, coordination, legal basis.
    introduction = documents.plan_document(work).introduction
    assert len("\n".join(introduction)) > 2200
    assert introduction[0] == "ВВЕДЕНИЕ"
    assert sum(line.startswith("- ") for line in introduction) == 5


def test_docx_table_prints_on_a4_landscape_with_its_own_column_widths(seed_plans):
    """Word and LibreOffice lay a table out by its grid: «№» narrow, the title wide, every row
    whole on one page, the head row bold and repeated, the page numbered."""
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(export(seed_plans["003"], "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    table = document.tables[-1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[0] * 5 < grid[1]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    fields = section.footer._element.xpath(".//w:fldSimple/@w:instr")
    assert fields == ["PAGE"]


def test_xlsx_rows_are_as_high_as_their_text_and_print_on_a4_landscape(seed_plans):
    book = load_workbook(io.BytesIO(export(seed_plans["000"], "xlsx")))
    assert [sheet.title for sheet in book.worksheets] == ["Медиаплан", "План работы"]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        head = int(sheet.print_title_rows.split(":")[0].strip("$"))
        assert sheet.cell(row=head, column=1).value == "№"
        for row in sheet.iter_rows(min_row=head):
            texts = [str(cell.value or "") for cell in row]
            if not any(texts):
                continue
            height = sheet.row_dimensions[row[0].row].height
            # No wrapped text is cut: at least a line per 60 letters of the widest cell.
            longest = max(len(text) for text in texts)
            assert height and height >= 12 * (1 + longest // 60), (row[0].row, texts)
    cover = book.worksheets[0]
    title = next(
        r
        for r in cover.iter_rows()
        if r[0].value == "План деятельности муниципального опорного центра на 2022-2023 учебный год"
    )[0]
    assert title.font.size == 14
    assert cover.row_dimensions[title.row].height >= 14 * 1.2


def test_approval_dates_are_never_invented():
    assert documents.long_date(date(2020, 9, 15), year=2020) == "«15» сентября 2020 г."
    assert (
        documents.long_date(date(2020, 9, 15), year=2020, word=YearWord.LONG)
        == "«15» сентября 2020 года"
    )
    assert documents.long_date(None, year=2022) == "_____ 2022 г."


def test_sections_are_rows_across_the_table(db, staff):
    plan = services.plan_create(
        user=staff,
        data={
            "kind": "work",
            "title": "План",
            "period_label": "2025 год",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
        },
    )
    first = services.section_add(user=staff, plan=plan, title="Организационная работа")
    second = services.section_add(user=staff, plan=plan, title="Методическая работа")
    services.item_add(user=staff, plan=plan, section=second, data={"title": "Семинар"})
    services.item_add(user=staff, plan=plan, section=first, data={"title": "Совещание"})
    docx = docx_parts(export(plan, "docx"))["tables"][0]
    assert docx[0] == ["№", "Наименование мероприятия", "Сроки", "Ответственный", "Результат"]
    assert docx[1] == ["1. Организационная работа"] * 5  # one merged cell across the row
    assert docx[2][:2] == ["1.1", "Совещание"]
    assert docx[3][0] == "2. Методическая работа"
    assert docx[4][:2] == ["2.1", "Семинар"]
    xlsx = xlsx_parts(export(plan, "xlsx"))["tables"][0]
    assert [row[0] for row in xlsx[1:]] == [
        "1. Организационная работа",
        "1.1",
        "2. Методическая работа",
        "2.1",
    ]
    # The title has no year: the period is printed after it.
    assert documents.plan_document(plan).title == "План на 2025 год"


def test_execution_report_is_a_report_with_the_actual_result(seed_plans, staff):
    media = seed_plans["media"]
    item = media.items.get(number="5.")
    Event.objects.create(
        municipality=media.municipality,
        item=item,
        kind="seminar",
        title="Пресс-конференция",
        starts_on=date(2022, 12, 1),
        participants=12,
    )
    data = export(media, "docx", report=True)
    read = docx_parts(data)
    assert read["front"][-2:] == [
        f"Отчёт о выполнении: {media.title}",
        "за период с 01.01.2022 по 31.12.2022",
    ]
    assert len(read["tables"]) == 1  # this plan alone, not the document it is bound into
    head, *rows = read["tables"][0]
    assert head[-2:] == ["Статус", "Фактический результат"]
    row = next(r for r in rows if r[0] == "5.")
    assert row[5] == item.get_status_display()
    assert "Публикаций: 3 (Пресса — 1, Видео — 2)" in row[6]
    assert "Проведено событий: 1, участников: 12" in row[6]
    assert Publication.objects.filter(item=item, channel=Channel.VIDEO).count() == 2
    assert read["after"] == [
        "Директор МАУДО «Дворец творчества детей и молодежи» _________ Т.М. Гринева"
    ]
    xlsx = xlsx_parts(export(media, "xlsx", report=True))
    assert xlsx["tables"][0][0] == head
    assert f"Отчёт о выполнении: {media.title}" in xlsx["front"]


def test_print_page_and_downloads_for_a_reader(client, seed_plans, coordinator_a, staff):
    plan = seed_plans["000"]
    login(client, staff)  # staff of another municipality: not their plan
    assert client.get(reverse("plans:print", args=[plan.pk, "plan"])).status_code == 404
    Plan.objects.filter(municipality=plan.municipality).update(municipality=staff.municipality)
    page = client.get(reverse("plans:print", args=[plan.pk, "plan"]))
    html = page.content.decode()
    assert "«УТВЕРЖДАЮ»" in html and "Медиаплан освещения" in html and "ВВЕДЕНИЕ" in html
    page = client.get(reverse("plans:print", args=[plan.pk, "report"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"Отчёт о выполнении: {plan.title}" in html and "Фактический результат" in html
    for fmt, content_type in [("xlsx", "spreadsheetml"), ("docx", "wordprocessingml")]:
        response = client.get(reverse("plans:export", args=[plan.pk, "plan", fmt]))
        assert content_type in response["Content-Type"]
        assert f'filename="plan-{plan.pk}.{fmt}"' in response["Content-Disposition"]
    assert client.get(reverse("plans:export", args=[plan.pk, "plan", "pdf"])).status_code == 404
    assert client.get(reverse("plans:print", args=[plan.pk, "other"])).status_code == 404
