"""The staffing and resources page: teachers by focus area and settlement as of a date
(hired_on/left_on), categories, overdue courses, rooms and equipment; the region's view; the
Excel file; who may open it."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import User
from plans.development import selectors as development
from plans.development.models import Course, CourseKind
from programs.choices import Focus
from programs.models import Settlement
from programs.staffing.models import Category, Equipment, Room, RoomKind, Teacher
from reports import staffing
from tests.helpers import login
from tests.programs.factories import OrganisationFactory

TODAY = timezone.localdate()


def teacher(organisation, surname, *, focuses=(), category=Category.NONE, **fields):
    return Teacher.objects.create(
        organisation=organisation,
        surname=surname,
        name="Анна",
        patronymic="Петровна",
        post="педагог дополнительного образования",
        focuses=list(focuses),
        category=category,
        **fields,
    )


def course(person, ends_on, kind=CourseKind.QUALIFICATION):
    return Course.objects.create(
        teacher=person,
        kind=kind,
        title="Современные технологии дополнительного образования",
        hours=72,
        starts_on=ends_on - timedelta(days=10),
        ends_on=ends_on,
    )


@pytest.fixture
def town(municipality):
    return Settlement.objects.create(municipality=municipality, kind="г.", name="Задонск")


@pytest.fixture
def village(municipality):
    return Settlement.objects.create(municipality=municipality, kind="с.", name="Донское")


@pytest.fixture
def people(municipality, other_municipality, town, village):
    """In the town: a robotics and science teacher (highest category, course 4 years ago:
    overdue), a choir teacher (first, course last year); one who left a month ago (robotics);
    one hired next month (robotics). In the village: a coach without a course. Another
    municipality's teacher never counts here."""
    school = OrganisationFactory(municipality=municipality, settlement=town, short_name="СШ 1")
    rural = OrganisationFactory(municipality=municipality, settlement=village, short_name="СШ 2")
    robotics = teacher(
        school, "Шацких", focuses=[Focus.TECHNICAL, Focus.NATURAL_SCIENCE], category="highest"
    )
    course(robotics, TODAY - timedelta(days=4 * 365))
    choir = teacher(school, "Полякова", focuses=[Focus.ARTS], category=Category.FIRST)
    course(choir, TODAY - timedelta(days=300))
    course(choir, TODAY - timedelta(days=5 * 365))
    gone = teacher(school, "Ушаков", focuses=[Focus.TECHNICAL], left_on=TODAY - timedelta(days=30))
    course(gone, TODAY - timedelta(days=6 * 365))
    teacher(school, "Новикова", focuses=[Focus.TECHNICAL], hired_on=TODAY + timedelta(days=30))
    teacher(rural, "Корнев", focuses=[Focus.SPORT], category=Category.FITS_POST)
    far = OrganisationFactory(municipality=other_municipality)
    course(teacher(far, "Дальняя", focuses=[Focus.SPORT]), TODAY - timedelta(days=9 * 365))
    lab = Room.objects.create(
        organisation=school, name="Точка роста", kind=RoomKind.LABORATORY, accessible=True
    )
    Room.objects.create(organisation=school, name="Кабинет 12", kind=RoomKind.CLASSROOM)
    Room.objects.create(organisation=rural, name="Спортзал", kind=RoomKind.HALL, accessible=True)
    Equipment.objects.create(organisation=school, room=lab, kind="3D-принтер", count=2)
    Equipment.objects.create(organisation=rural, kind="3d-принтер ", count=1)
    Equipment.objects.create(organisation=school, room=lab, kind="Ноутбук", count=12)
    return {"school": school, "rural": rural, "robotics": robotics, "gone": gone}


def test_teachers_by_focus_and_settlement_today(municipality, people):
    figures = staffing.figures([municipality.pk], TODAY)
    assert figures.teachers == 3
    lines = {line.name: line for line in figures.settlements}
    assert set(lines) == {"г. Задонск", "с. Донское"}
    assert lines["г. Задонск"].teachers == 2
    assert lines["г. Задонск"].by_focus == {
        Focus.TECHNICAL: 1,
        Focus.NATURAL_SCIENCE: 1,
        Focus.ARTS: 1,
    }
    assert lines["с. Донское"].by_focus == {Focus.SPORT: 1}
    assert dict(figures.focus_totals)[Focus.TECHNICAL] == 1
    assert dict(figures.categories) == {
        "Высшая": 1,
        "Первая": 1,
        "Соответствие занимаемой должности": 1,
        "Без категории": 0,
    }
    # Шацких: the course of four years ago; Корнев: nothing to count from, due at once (the
    # rule of the teachers' own lists); Ушаков has left.
    assert figures.overdue == 2
    assert figures.without_course == 1  # Корнев
    assert figures.rooms == [
        {"kind": "Учебный кабинет", "count": 1, "accessible": 0},
        {"kind": "Лаборатория", "count": 1, "accessible": 1},
        {"kind": "Зал", "count": 1, "accessible": 1},
    ]
    assert figures.equipment == [("Ноутбук", 12), ("3D-принтер", 3)]


def test_figures_as_of_an_earlier_day(municipality, people):
    """Two months ago the teacher who left was still there, and their course of six years
    before was overdue then too; next month's hire is counted on no earlier day."""
    then = TODAY - timedelta(days=60)
    figures = staffing.figures([municipality.pk], then)
    assert figures.teachers == 4
    assert dict(figures.focus_totals)[Focus.TECHNICAL] == 2
    assert {row["teacher"].surname for row in staffing.overdue_rows([municipality.pk], then)} == {
        "Шацких",
        "Ушаков",
        "Корнев",
    }
    assert staffing.figures([municipality.pk], TODAY + timedelta(days=31)).teachers == 4


def test_course_interval_from_settings(municipality, people, settings):
    settings.TEACHER_COURSE_INTERVAL_YEARS = 5
    assert staffing.figures([municipality.pk], TODAY).overdue == 1  # Корнев: nothing known
    row_due = development.years_after(date(2020, 2, 29), 3)
    assert row_due == date(2023, 2, 28)


def test_staff_page_shows_their_municipality(client, staff, people):
    login(client, staff)
    response = client.get(reverse("reports:staffing"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="teachers-total">3<' in page
    assert "г. Задонск" in page and "с. Донское" in page
    assert reverse("reports:staffing_overdue") in page
    assert "Дальняя" not in page
    overdue = client.get(reverse("reports:staffing_overdue")).content.decode()
    assert "Шацких Анна Петровна" in overdue
    assert "2 педагога." in overdue
    assert "Ушаков" not in overdue and "Дальняя" not in overdue


def test_future_date_is_refused_in_words(client, staff, people):
    login(client, staff)
    later = (TODAY + timedelta(days=3)).isoformat()
    response = client.get(reverse("reports:staffing"), {"as_of": later})
    assert "Дата не может быть позже сегодняшней." in response.content.decode()


def test_region_view_one_row_per_municipality(
    client, administrator, municipality, other_municipality, people
):
    login(client, administrator)
    response = client.get(reverse("reports:staffing"))
    assert response.status_code == 200
    rows = {row["municipality"].name: row for row in response.context["rows"]}
    assert rows[municipality.name] == {
        "municipality": municipality,
        "teachers": 3,
        "qualified": 2,
        "overdue": 2,
        "rooms": 3,
        "accessible": 2,
        "equipment": 15,
    }
    assert rows[other_municipality.name]["overdue"] == 1
    chosen = client.get(reverse("reports:staffing"), {"municipality": municipality.pk})
    assert chosen.context["figures"].teachers == 3


def test_export_has_a_sheet_per_table(client, staff, people):
    login(client, staff)
    response = client.get(reverse("reports:staffing_export"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:5] == [
        "Педагоги",
        "Категории",
        "Просроченные курсы",
        "Помещения",
        "Оборудование",
    ]
    teachers = book["Педагоги"]
    assert "Кадры и ресурсы" in teachers["A1"].value
    assert teachers["A2"].value == "Населённый пункт"
    values = [[cell.value for cell in row] for row in teachers.iter_rows(min_row=3)]
    assert values[-1][:2] == ["Всего", 3]
    overdue = [row[0].value for row in book["Просроченные курсы"].iter_rows(min_row=3)]
    assert sorted(overdue) == [
        "Корнев Анна Петровна",
        "Шацких Анна Петровна",
    ]  # Корнев: nothing known to count from


def test_region_export(client, administrator, people):
    login(client, administrator)
    response = client.get(reverse("reports:staffing_export"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Муниципалитеты"
    assert book["Муниципалитеты"]["A2"].value == "Муниципалитет"


def test_coordinators_and_experts_are_refused(client, coordinator_a, expert, people):
    for person in (coordinator_a, expert):
        login(client, person)
        for name in ("reports:staffing", "reports:staffing_overdue", "reports:staffing_export"):
            assert client.get(reverse(name)).status_code == 403


def test_demo_has_the_seed_people_rooms_and_the_week(demo, client):
    """Seed 002 in the demo: the finalist Шацких Н.А. teaching groups of the centre, every
    group named after a registry teacher, the week with 54 teachers of several organisations,
    three of the centre's specialists trained in the report's year, a «Точка роста» with a 3D
    printer, and a network programme's partner lending its room."""
    from plans.development.models import Registration
    from programs.models import ProgramGroup
    from programs.staffing.models import GroupTeacher, PartnerResource
    from reports.models import YearlyReport

    finalist = Teacher.objects.get(surname="Шацких", organisation__municipality=demo)
    assert finalist.short_name == "Шацких Н.А."
    assert ProgramGroup.objects.filter(teacher_name="Шацких Н.А.").exists()
    groups = ProgramGroup.objects.filter(program__organisation__municipality=demo)
    named = GroupTeacher.objects.filter(group__in=groups).select_related("teacher", "group")
    assert named.count() == groups.count()
    assert all(link.group.teacher_name == link.teacher.short_name for link in named)
    week = Registration.objects.filter(event__title__startswith="Методическая неделя – 2023")
    assert week.filter(attended=True).count() == 54
    assert week.values("teacher__organisation").distinct().count() >= 5
    report = YearlyReport.objects.get(municipality=demo, academic_year="2022/2023")
    assert report.data["staff"]["centre_trained"] == 3
    assert report.data["staff"]["events"][0]["participants"] == 54
    assert Equipment.objects.filter(
        organisation__municipality=demo, kind="3D-принтер", room__name="Точка роста"
    ).exists()
    lent = PartnerResource.objects.get(room__isnull=False)
    assert lent.partner.program.is_network
    assert lent.room.organisation.inn == lent.partner.inn
    client.force_login(User.objects.get(username="moc"))
    page = client.get(reverse("reports:staffing")).content.decode()
    assert "Робототехнический набор" in page
