"""The plan printed, and exported to xlsx and docx, in the seeds' layout: read back with
openpyxl and python-docx and compared with the text of seed 000 itself."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from plans import documents, services
from plans.demo import demo_plans_load
from plans.models import Channel, Event, Plan, PlanKind, Publication
from plans.seed_tables import seed_table
from tests.conftest import login

HEAD = ["№", "Наименование мероприятия", "Сроки", "Ответственный / Исполнитель", "Результат"]


@pytest.fixture
def seed_plans(db, staff, administrator, municipality):
    demo_plans_load(staff=staff, administrator=administrator, home=municipality)
    return {plan.kind: plan for plan in Plan.objects.filter(municipality__name="Город Оренбург")}


def xlsx_rows(data: bytes) -> list[list[str]]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def xlsx_table(data: bytes) -> list[list[str]]:
    rows = xlsx_rows(data)
    start = next(i for i, row in enumerate(rows) if row[:5] == HEAD)
    return rows[start + 1 :]


def docx_table(data: bytes) -> list[list[str]]:
    table = Document(io.BytesIO(data)).tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0][:5] == HEAD
    return rows[1:]


def export(plan, fmt, *, report=False) -> bytes:
    buffer = io.BytesIO()
    writer = documents.write_xlsx if fmt == "xlsx" else documents.write_docx
    writer(documents.plan_document(plan, report=report), buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("kind, seed", [("work", "work_000"), ("media", "media_000")])
def test_export_table_is_the_seed_table(seed_plans, fmt, kind, seed):
    data = export(seed_plans[kind], fmt)
    table = xlsx_table(data) if fmt == "xlsx" else docx_table(data)
    assert table == seed_table(seed)


def test_docx_table_prints_on_a4_landscape_with_its_own_column_widths(seed_plans):
    """Word and LibreOffice lay a table out by its grid: «№» narrow, the title wide, every row
    whole on one page, the head row repeated."""
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(export(seed_plans[PlanKind.WORK], "docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    table = document.tables[-1]
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid[0] * 5 < grid[1]
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_docx_has_the_seed_header_approval_block_and_title(seed_plans):
    document = Document(io.BytesIO(export(seed_plans[PlanKind.WORK], "docx")))
    text = [p.text for p in document.paragraphs if p.text]
    assert text[:2] == [
        "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА",
        "Муниципальное автономное учреждение дополнительного образования «ДВОРЕЦ ТВОРЧЕСТВА "
        "ДЕТЕЙ И МОЛОДЕЖИ»",
    ]
    agreed, approved = (cell.text.splitlines() for cell in document.tables[0].rows[0].cells)
    assert agreed[:3] == [
        "«СОГЛАСОВАНО»",
        "Начальник управления образования администрации г. Оренбурга",
        "_____________ Л.О. Бебешко",
    ]
    assert approved[:3] == [
        "«УТВЕРЖДАЮ»",
        "Директор МАУДО «Дворец творчества детей и молодежи»",
        "_____________ Т.М. Гринева",
    ]
    assert seed_plans[PlanKind.WORK].title in text
    assert "Оренбург, 2022" in text
    assert "ВВЕДЕНИЕ" in text
    # The table's head repeats on every printed page.
    assert document.tables[-1].rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_xlsx_header_approval_block_and_print_setup(seed_plans):
    data = export(seed_plans[PlanKind.MEDIA], "xlsx")
    rows = xlsx_rows(data)
    flat = [cell for row in rows for cell in row if cell]
    assert flat[0] == "УПРАВЛЕНИЕ ОБРАЗОВАНИЯ АДМИНИСТРАЦИИ ГОРОДА ОРЕНБУРГА"
    assert "«СОГЛАСОВАНО»" in flat and "«УТВЕРЖДАЮ»" in flat
    assert "_____________ Т.М. Гринева" in flat
    assert flat.index("«СОГЛАСОВАНО»") < flat.index(seed_plans[PlanKind.MEDIA].title)
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_title_rows  # the head row repeats on printed pages


def test_dates_of_the_approval_block_are_written_as_in_the_documents():
    assert documents.long_date(date(2020, 9, 15)) == "«15» сентября 2020 г."
    assert documents.long_date(None) == "«___» ____________ 20__ г."


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
    docx = docx_table(export(plan, "docx"))
    assert docx[0] == ["1. Организационная работа"] * 5  # one merged cell across the row
    assert docx[1][:2] == ["1.1", "Совещание"]
    assert docx[2][0] == "2. Методическая работа"
    assert docx[3][:2] == ["2.1", "Семинар"]
    xlsx = xlsx_table(export(plan, "xlsx"))
    assert [row[0] for row in xlsx] == [
        "1. Организационная работа",
        "1.1",
        "2. Методическая работа",
        "2.1",
    ]


def test_execution_report_adds_status_and_actual_result_with_register_counts(seed_plans, staff):
    media = seed_plans[PlanKind.MEDIA]
    item = media.items.get(number="5")
    Event.objects.create(
        municipality=media.municipality,
        item=item,
        kind="seminar",
        title="Пресс-конференция",
        starts_on=date(2022, 12, 1),
        participants=12,
    )
    table = docx_table(export(media, "docx", report=True))
    row = next(r for r in table if r[0] == "5")
    assert row[5] == item.get_status_display()
    assert "Публикаций: 3 (Пресса — 1, Видео — 2)" in row[6]
    assert "Проведено событий: 1, участников: 12" in row[6]
    assert Publication.objects.filter(item=item, channel=Channel.VIDEO).count() == 2
    xlsx = xlsx_rows(export(media, "xlsx", report=True))
    head = next(r for r in xlsx if r[:5] == HEAD)
    assert head == [*HEAD, "Статус", "Фактический результат"]


def test_print_page_and_downloads_for_a_reader(client, seed_plans, coordinator_a, staff):
    plan = seed_plans[PlanKind.WORK]
    login(client, staff)  # staff of another municipality: not their plan
    assert client.get(reverse("plans:print", args=[plan.pk, "plan"])).status_code == 404
    plan.municipality = staff.municipality
    plan.save()
    page = client.get(reverse("plans:print", args=[plan.pk, "report"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "«УТВЕРЖДАЮ»" in html and "Фактический результат" in html
    for fmt, content_type in [("xlsx", "spreadsheetml"), ("docx", "wordprocessingml")]:
        response = client.get(reverse("plans:export", args=[plan.pk, "plan", fmt]))
        assert content_type in response["Content-Type"]
        assert f'filename="plan-{plan.pk}.{fmt}"' in response["Content-Disposition"]
    assert client.get(reverse("plans:export", args=[plan.pk, "plan", "pdf"])).status_code == 404
    assert client.get(reverse("plans:print", args=[plan.pk, "other"])).status_code == 404
