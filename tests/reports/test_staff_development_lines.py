"""The yearly report's lines on staff development (seed 002 §3.1, §3.3, §3.4): courses of the
centre's specialists and of the municipality's teachers in the report's academic year, the
centre's events for teachers with their participants — computed as of the report's date, and
worded alike on the page, in Word and in the workbook."""

import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from docx import Document

from moc_portal.core.russian import NBSP
from plans.development.models import Course, CourseKind, Registration
from plans.models import Audience, Event, EventKind
from programs.staffing.models import Teacher
from reports import services, staffing, wording
from reports.models import YearlyReport
from tests.helpers import login
from tests.programs.factories import OrganisationFactory

YEAR = "2022/2023"
AS_OF = date(2023, 6, 30)


def person(organisation, surname, **fields):
    return Teacher.objects.create(
        organisation=organisation, surname=surname, name="Нина", post="методист", **fields
    )


def course(teacher, ends_on, kind=CourseKind.QUALIFICATION):
    return Course.objects.create(
        teacher=teacher,
        kind=kind,
        title="Организационно-методическое сопровождение",
        hours=36,
        starts_on=date(ends_on.year, ends_on.month, 1),
        ends_on=ends_on,
    )


@pytest.fixture
def year(municipality, other_municipality):
    """The centre: three methodists with courses in November 2022 (one of them has left
    since), one with a course in August 2022 (the year before) and one in July 2023 (after
    the report's date). A school: a teacher with a course and a retraining in the year. An
    event for teachers with registrations (three came, one did not), one for children, one of
    the year before; another municipality's course."""
    centre = OrganisationFactory(municipality=municipality, is_support_centre=True)
    school = OrganisationFactory(municipality=municipality)
    for surname, ends_on in (
        ("Полякова", date(2022, 11, 18)),
        ("Шацких", date(2022, 11, 25)),
        ("Ушакова", date(2022, 11, 30)),
        ("Бочарова", date(2022, 8, 31)),
        ("Корнева", date(2023, 7, 14)),
    ):
        course(person(centre, surname), ends_on)
    Teacher.objects.filter(surname="Ушакова").update(left_on=date(2023, 1, 10))
    teacher = person(school, "Гриднева")
    course(teacher, date(2023, 3, 3))
    course(teacher, date(2023, 5, 5), kind=CourseKind.RETRAINING)
    course(person(OrganisationFactory(municipality=other_municipality), "Чужая"), date(2023, 1, 1))
    week = Event.objects.create(
        municipality=municipality,
        kind=EventKind.METHODICAL_WEEK,
        title="Методическая неделя – 2023 «Профориентационные возможности»",
        starts_on=date(2023, 3, 13),
        audience=[Audience.TEACHERS],
        takes_registrations=True,
        participants=99,
    )
    for n, attended in enumerate((True, True, True, False)):
        Registration.objects.create(
            event=week, teacher=person(school, f"Участница{n}"), attended=attended
        )
    Event.objects.create(
        municipality=municipality,
        kind=EventKind.SEMINAR,
        title="Семинар по заполнению Навигатора",
        starts_on=date(2023, 2, 1),
        audience=[Audience.TEACHERS, Audience.MANAGERS],
        participants=21,
    )
    Event.objects.create(
        municipality=municipality,
        kind=EventKind.CONTEST,
        title="Конкурс для детей",
        starts_on=date(2023, 2, 2),
        audience=[Audience.CHILDREN],
        participants=40,
    )
    Event.objects.create(
        municipality=municipality,
        kind=EventKind.SEMINAR,
        title="Прошлогодний семинар",
        starts_on=date(2022, 5, 1),
        audience=[Audience.TEACHERS],
        participants=7,
    )
    return municipality


def test_figures_of_the_year_as_of_the_report_date(year):
    table = staffing.development_table(year.pk, AS_OF, YEAR)
    assert table["centre_trained"] == 3  # November 2022; the one who left still counts
    assert table["teachers_trained"] == 4  # the three and Гриднева, not August nor July
    assert table["courses"] == 5
    assert [(e["title"][:20], e["participants"]) for e in table["events"]] == [
        ("Семинар по заполнени", 21),
        ("Методическая неделя ", 3),
    ]
    earlier = staffing.development_table(year.pk, date(2022, 11, 20), YEAR)
    assert earlier["centre_trained"] == 1
    assert earlier["events"] == []
    whole = staffing.development_table(year.pk, date(2023, 8, 31), YEAR)
    assert whole["centre_trained"] == 4


def test_sentences_agree_with_the_numbers():
    lines = wording.staff_sentences(
        {
            "centre_trained": 3,
            "teachers_trained": 21,
            "courses": 25,
            "events": [
                {
                    "title": "Методическая неделя – 2023 «Профориентационные возможности»",
                    "participants": 54,
                },
                {"title": "Семинар.", "participants": None},
            ],
        },
        YEAR,
    )
    assert lines == [
        "3 специалиста МОЦ обучились на курсах повышения квалификации.",
        "21 педагог организаций муниципалитета обучился на курсах повышения квалификации и "
        "профессиональной переподготовки (25 курсов).",
        f"Методическая неделя – 2023 «Профориентационные возможности». Количество участников"
        f"{NBSP}– 54 педагога.",
        "Семинар.",
    ]
    none = wording.staff_sentences(
        {"centre_trained": 0, "teachers_trained": 0, "courses": 0, "events": []}, YEAR
    )
    assert none == [
        "Специалисты МОЦ в 2022/2023 учебном году курсы повышения квалификации не проходили."
    ]


def test_page_word_and_workbook_say_the_same(client, staff, year):
    report = YearlyReport.objects.create(
        municipality=year, academic_year=YEAR, as_of=AS_OF, created_by=staff
    )
    report = services.yearly_report_build(report.pk)
    assert report.data["staff"]["centre_trained"] == 3
    lines = wording.of(report).staff
    assert lines[0] == "3 специалиста МОЦ обучились на курсах повышения квалификации."
    login(client, staff)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert wording.STAFF in page
    assert "3 специалиста МОЦ обучились" in page
    word = client.get(reverse("reports:export_docx", args=[report.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(word.content)).paragraphs]
    assert wording.STAFF in paragraphs
    for line in lines:
        assert line in paragraphs
    book = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("reports:export", args=[report.pk])).content)
    )
    cover = [(row[0].value, row[1].value) for row in book["Отчёт"].iter_rows(min_row=2)]
    assert (wording.STAFF, lines[0]) in cover
    assert [value for _, value in cover if value in lines] == lines
