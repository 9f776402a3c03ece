"""The yearly report's contests section: the municipality's participants, winners and
prize-winners by level, and its teachers' professional contests by name (seed 002, §3.2)."""

import io
from datetime import date, datetime

import openpyxl
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from docx import Document

from plans.contests.models import ContestAudience, ContestLevel, ParticipantKind, Placement
from reports.contests import contests_table
from reports.models import YearlyReport
from tests.contests.public_helpers import add_entry, make_contest

YEAR = "2022/2023"
AS_OF = date(2023, 8, 31)
SHATSKIKH = {
    "kind": ParticipantKind.TEACHER,
    "surname": "Шацких",
    "name": "Наталья",
    "patronymic": "Алексеевна",
}


def _fixed_on(day: date) -> dict:
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 12))
    return {"results_on": day, "results_fixed_at": moment}


def _year(municipality, org_a, org_b):
    children = make_contest(municipality, **_fixed_on(date(2023, 3, 20)))
    add_entry(children, org_a, placement=Placement.WINNER, people=[("Иванова", "Мария", "", True)])
    add_entry(children, org_b, placement=Placement.SECOND, people=[("Петров", "Иван", "", False)])
    add_entry(children, org_b, people=[("Орлов", "Лев", "", True), ("Ким", "Ян", "", True)])
    stage = make_contest(
        municipality,
        level=ContestLevel.MUNICIPAL_STAGE,
        audience=ContestAudience.TEACHERS,
        title="Сердце отдаю детям – 2023",
        **_fixed_on(date(2023, 2, 10)),
    )
    add_entry(stage, org_a, placement=Placement.WINNER, nominated=True, people=[SHATSKIKH])
    regional = make_contest(None, level=ContestLevel.REGIONAL, **_fixed_on(date(2023, 5, 5)))
    add_entry(regional, org_a, placement=Placement.THIRD, people=[("Иванова", "Мария", "", True)])
    add_entry(regional, org_a, state="returned", people=[("Лишний", "Н", "", True)])
    # Outside the year, and not yet fixed: not counted.
    add_entry(make_contest(municipality, **_fixed_on(date(2023, 9, 5))), org_a, people=[SHATSKIKH])
    add_entry(make_contest(municipality, fixed=False, results_on=date(2023, 4, 1)), org_a)


def test_participants_and_winners_by_level_and_the_finalist_by_name(municipality, org_a, org_b):
    _year(municipality, org_a, org_b)

    table = contests_table(municipality.pk, AS_OF, YEAR)

    assert [
        (r["label"], r["contests"], r["participants"], r["winners"], r["prize"])
        for r in table["rows"]
    ] == [
        ("Муниципальный", 1, 4, 1, 1),
        ("Муниципальный этап регионального конкурса", 1, 1, 1, 0),
        ("Региональный", 1, 1, 0, 1),
    ]
    assert table["teachers"] == ["“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист"]


def test_results_fixed_after_the_reports_date_are_not_counted(municipality, org_a, org_b):
    _year(municipality, org_a, org_b)

    table = contests_table(municipality.pk, date(2023, 3, 1), YEAR)

    assert [r["label"] for r in table["rows"]] == ["Муниципальный этап регионального конкурса"]


def test_the_section_is_in_the_page_the_word_file_and_the_workbook(
    client, staff, municipality, org_a, org_b
):
    _year(municipality, org_a, org_b)
    client.force_login(staff)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("reports:list"), {"academic_year": YEAR, "as_of": AS_OF.isoformat()}
        )
    report = YearlyReport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    finalist = "“Сердце отдаю детям – 2023”: Педагог Шацких Н.А. – финалист"

    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    docx = client.get(reverse("reports:export_docx", args=[report.pk])).content
    word = Document(io.BytesIO(docx))
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )

    assert finalist in page and "Муниципальный этап регионального конкурса" in page
    assert finalist in [p.text.replace("\xa0", " ") for p in word.paragraphs]
    assert "Иванова" not in page
    sheet = list(book["Конкурсы"].values)
    assert (finalist,) == tuple(cell for cell in sheet[1] if cell)
    assert ("Муниципальный", 1, 4, 1, 1) in sheet
