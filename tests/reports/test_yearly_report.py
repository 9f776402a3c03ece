"""The yearly report reproduces seed 002 from the demo registry, and a submitted report is
frozen."""

import io
from datetime import date

import openpyxl
import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from docx import Document
from docx.oxml.ns import qn

from moc_portal.core.academic import academic_year
from moc_portal.demo.seed_tables import seed_execution
from moc_portal.users.models import User
from plans.models import Plan
from programs import services as registry
from programs.models import Program
from reports import services
from reports.documents import PLAN_HEAD, plan_cells
from reports.models import ReportState, YearlyReport

SEED_FOCUS = [
    ("технической", 37),
    ("туристско-краеведческой", 2),
    ("физкультурно-спортивной", 47),
    ("художественной", 41),
    ("естественнонаучной", 17),
    ("социально-гуманитарной", 19),
]
SEED_ORGANISATIONS = [
    ("организации дополнительного образования", 4),
    ("общеобразовательные организации", 7),
    ("дошкольные образовательные организации", 4),
    ("автономные учреждения", 1),
    ("государственные учреждения", 1),
]


@pytest.fixture
def moc(demo):
    """The demo centre's staff member who builds the report."""
    return User.objects.get(username="moc")


def _build(client, staff, plan=None, *, year=None, as_of=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.force_login(staff)
        response = client.post(
            reverse("reports:list"),
            {
                "academic_year": year or academic_year(),
                "as_of": (as_of or timezone.localdate()).isoformat(),
                "plan": plan.pk if plan else "",
            },
        )
    return YearlyReport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


def seed_plan(moc) -> Plan:
    """Задонский район's plan of 2022–2023, whose execution seed 002 reports."""
    return Plan.objects.get(municipality=moc.municipality, period_start=date(2022, 9, 1))


def expected_execution() -> list[list[str]]:
    """Seed 002's execution table as the report prints it: a section across the row, an item
    as №, наименование, сроки, результат and an empty «Прим.»."""
    return [row if len(row) == 1 else [*row, ""] for row in seed_execution()]


def test_the_demo_keeps_seed_002_as_submitted_in_september_2023(moc):
    report = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    assert (report.state, report.as_of, report.version) == ("submitted", date(2023, 8, 31), 1)
    assert report.submitted_at.date() == date(2023, 9, 8)
    assert report.data["programs"]["total"] == 163
    assert report.perspectives.startswith("1. Повышение охвата детей")


def test_report_for_a_past_year_reproduces_seed_002_as_of_its_date(client, moc):
    """Every figure as of 31.08.2023, the assessment ones included, and seed 002's own
    execution table — in the page, the docx and the xlsx."""
    report = _build(client, moc, seed_plan(moc), year="2022/2023", as_of=date(2023, 8, 31))
    assert report.version == 2  # the demo's own submitted version is the first
    assert report.data["organisations"]["total"] == 17
    assessment = report.data["assessment"]
    assert (assessment["published"], assessment["ready"], assessment["assessed"]) == (163, 42, 42)
    rows = [
        [row["section"]] if "section" in row else plan_cells(row)
        for row in report.data["plan"]["rows"]
    ]
    assert rows == expected_execution()
    assert sum(len(row) == 1 for row in rows) == 5 and sum(len(row) > 1 for row in rows) == 18
    assert report.data["plan"]["heading"] == "Выполнение плана работы по внедрению Целевой модели"

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Выполнение плана работы по внедрению Целевой модели" in page
    for row in expected_execution():
        assert escape(row[-2] if len(row) > 1 else row[0]) in page

    response = client.get(reverse("reports:export_docx", args=[report.pk]))
    table = Document(io.BytesIO(response.content)).tables[0]
    head, *rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert head == PLAN_HEAD
    # A section is one cell merged across the row.
    assert [row[:1] if len(set(row)) == 1 else row for row in rows] == expected_execution()

    response = client.get(reverse("reports:export", args=[report.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Выполнение плана"]
    title, caption, head, *rows = [["" if v is None else v for v in row] for row in sheet.values]
    assert title[0].startswith("Отчёт о деятельности МОЦ за 2022/2023 учебный год")
    assert caption[0] == "Выполнение плана работы по внедрению Целевой модели"
    assert head == PLAN_HEAD
    assert [row[:1] if not any(row[1:]) else row for row in rows] == expected_execution()


def test_a_report_as_of_a_date_before_the_year_counts_nothing_of_it(client, moc):
    report = _build(client, moc, seed_plan(moc), year="2022/2023", as_of=date(2022, 8, 31))
    assert report.data["programs"]["total"] == 0
    assert report.data["organisations"]["total"] == 0
    assert report.data["assessment"]["published"] == 0
    assert report.data["assessment"]["ready"] == 0
    # The plan was put in on 31.08.2022, its items not yet done.
    statuses = {row["status"] for row in report.data["plan"]["rows"] if "status" in row}
    assert statuses == {"Запланировано"}


def test_report_reproduces_seed_002_in_the_page_and_in_excel(client, moc):
    plan = seed_plan(moc)
    report = _build(client, moc, plan)
    assert report.state == ReportState.DRAFT and report.progress == 100
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "<strong>17</strong> организаций" in page
    assert "<strong>163</strong> дополнительных" in page
    for label, count in SEED_ORGANISATIONS:
        assert f"<li>{count} — {label};</li>" in page
    for label, count in SEED_FOCUS:
        assert f"{count} программ" in page and f"{label} направленности" in page
    assert "самоопределению детей — <strong>6</strong>" in page
    assert "Дистанционные программы — <strong>1</strong>" in page
    assert "ОВЗ — <strong>8</strong>" in page
    assert 'id="report-plan"' in page

    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )
    assert book.sheetnames[:4] == ["Отчёт", "Организации", "Программы", "Выполнение плана"]
    organisations = {r[0]: r[1] for r in list(book["Организации"].values)[2:]}
    assert organisations == {**dict(SEED_ORGANISATIONS), "Всего": 17}
    programs = {r[0]: r[1] for r in list(book["Программы"].values)[2:]}
    assert programs == {
        **{f"{label} направленности": n for label, n in SEED_FOCUS},
        "Всего": 163,
        "Способствующие самоопределению детей": 6,
        "Дистанционные программы": 1,
        "Программы для детей с ОВЗ": 8,
    }
    assert all(isinstance(v, int) for v in programs.values())
    plan_rows = list(book["Выполнение плана"].values)
    assert len(plan_rows) == 3 + len(report.data["plan"]["rows"])  # title, caption, head


def test_submitted_report_does_not_change_when_programmes_change(client, moc):
    report = _build(client, moc)
    services.yearly_report_texts(
        user=moc,
        report=report,
        directions="Информационное сопровождение внедрения Целевой модели.",
        perspectives="Расширить сеть программ технической направленности.",
    )
    services.yearly_report_submit(user=moc, report=report)
    program = Program.objects.filter(status="published", focus="technical").first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        registry.program_archive(program=program, user=moc)
    services.yearly_report_build(report.pk)  # even a stray rebuild leaves it alone
    report.refresh_from_db()
    assert report.data["programs"]["total"] == 163
    with pytest.raises(services.ReportError, match="новую версию"):
        services.yearly_report_texts(user=moc, report=report, directions="x", perspectives="y")
    with TestCase.captureOnCommitCallbacks(execute=True):
        newer = services.yearly_report_new_version(user=moc, report=report)
    newer.refresh_from_db()
    assert newer.version == 2
    assert newer.data["programs"]["total"] == 162
    assert newer.directions == report.directions
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "<strong>163</strong>" in page


def test_submit_needs_the_texts(client, moc):
    report = _build(client, moc)
    with pytest.raises(services.ReportError, match="направления"):
        services.yearly_report_submit(user=moc, report=report)


def test_word_document_in_the_seed_layout_with_both_charts(client, moc):
    plan = seed_plan(moc)
    report = _build(client, moc, plan)
    response = client.get(reverse("reports:export_docx", args=[report.pk]))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Отчет о деятельности Муниципального опорного центра" in text
    assert "Муниципальное образование – Задонский муниципальный район" in text
    # Signed by the municipality's own centre, not by the installation's settings.
    assert (
        "Муниципальный опорный центр (МОЦ) – Муниципальный опорный центр дополнительного "
        "образования детей Задонского района" in text
    )
    assert "В муниципальном образовании 17 организаций" in text
    assert "37 программ технической направленности;" in text
    assert "2 программы туристско-краеведческой направленности;" in text
    assert "Программы для детей с ОВЗ – 8." in text
    assert len(document.inline_shapes) == 2
    assert len(document.tables[0].rows) == 1 + len(report.data["plan"]["rows"])
    # A4 portrait, the plan table's head row bold and repeated on every page.
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    head = document.tables[0].rows[0]
    assert head._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in head.cells for run in cell.paragraphs[0].runs)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'aria-label="Программы по направленностям: Техническая — 37;' in page


def test_versions_are_compared_figure_by_figure(client, moc):
    first = _build(client, moc)
    program = Program.objects.filter(status="published", focus="sport").first()
    with TestCase.captureOnCommitCallbacks(execute=True):
        registry.program_archive(program=program, user=moc)
        services.yearly_report_texts(user=moc, report=first, directions="—", perspectives="—")
        services.yearly_report_submit(user=moc, report=first)
        second = services.yearly_report_new_version(user=moc, report=first)
    page = client.get(reverse("reports:compare", args=[second.pk, first.pk])).content.decode()
    assert '<tr class="table-warning"><td>— физкультурно-спортивной направленности' in page
    assert '<td class="text-end">47</td><td class="text-end">46</td>' in page


def test_regional_view_sets_municipalities_side_by_side(client, moc, administrator):
    _build(client, moc)
    assert client.get(reverse("reports:regional")).status_code == 403  # staff
    client.force_login(administrator)
    page = client.get(reverse("reports:regional") + f"?year={academic_year()}").content.decode()
    assert "Задонский муниципальный район" in page
    assert '<td class="text-end">163</td>' in page
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(reverse("reports:regional_export") + f"?year={academic_year()}").content
        )
    )
    rows = {r[0]: r[1:] for r in book.active.values if r and r[0]}
    assert rows["Опубликованные программы"] == (163,)


def test_the_report_form_opens_with_this_academic_year_and_today(client, moc):
    client.force_login(moc)
    form = client.get(reverse("reports:list")).context["form"]
    assert form["academic_year"].value() == academic_year()
    assert form["as_of"].value() == timezone.localdate()


def test_the_word_report_agrees_its_words_with_the_number(moc):
    from reports.documents import write_docx

    seed = YearlyReport.objects.get(municipality=moc.municipality, academic_year="2022/2023")
    for total, words in [
        (1, "1 организация, реализующая"),
        (3, "3 организации, реализующие"),
        (17, "17 организаций, реализующих"),
    ]:
        data = {**seed.data, "organisations": {**seed.data["organisations"], "total": total}}
        report = YearlyReport(
            academic_year="2022/2023",
            as_of=date(2023, 8, 31),
            municipality=moc.municipality,
            data=data,
            directions=seed.directions,
            perspectives=seed.perspectives,
        )
        buffer = io.BytesIO()
        write_docx(report, buffer)
        text = "\n".join(p.text for p in Document(io.BytesIO(buffer.getvalue())).paragraphs)
        assert f"В муниципальном образовании {words} дополнительные" in text
