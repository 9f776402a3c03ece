"""The teachers' import: one row per teacher with a course beside, all or nothing."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from plans.development import imports
from plans.development.models import Course
from programs.staffing.models import Teacher

from .helpers import workbook

pytestmark = pytest.mark.django_db

STAFF_HEAD = [
    "Организация",
    "Фамилия",
    "Имя",
    "Отчество",
    "Должность",
    "Категория",
    "Дата присвоения категории",
    "Направленности",
    "Программа курса",
    "Часов",
    "Начало курса",
    "Окончание курса",
]


def row(organisation, surname, course="Робототехника", start=date(2024, 3, 1), **more):
    values = {
        "Организация": organisation,
        "Фамилия": surname,
        "Имя": "Наталья",
        "Отчество": "Александровна",
        "Должность": "педагог дополнительного образования",
        "Категория": "первая",
        "Дата присвоения категории": date(2022, 5, 1),
        "Направленности": "Техническая; естественнонаучная",
        "Программа курса": course,
        "Часов": 72 if course else None,
        "Начало курса": start if course else None,
        "Окончание курса": start + timedelta(days=20) if course else None,
        **more,
    }
    return [values[name] for name in STAFF_HEAD]


def test_staff_load_teachers_with_several_courses(staff, org_a, org_b, teacher_a):
    data = workbook(
        STAFF_HEAD,
        [
            row(org_a.inn, "Шацких"),  # the one already there: updated
            row(org_a.inn, "Шацких", course="Цифровая лаборатория", start=date(2025, 1, 10)),
            row("МБОУ СШ № 2", "Ретюнских", course=None),
        ],
    )
    result = imports.teachers_import(data, user=staff)
    assert result.errors == []
    assert (result.created, result.updated, result.courses) == (1, 1, 2)
    teacher_a.refresh_from_db()
    assert teacher_a.category == "first" and teacher_a.focuses == ["technical", "natural_science"]
    assert teacher_a.courses.count() == 2
    assert Teacher.objects.get(surname="Ретюнских").organisation == org_b
    again = imports.teachers_import(data, user=staff)  # the same file: no course twice
    assert (again.created, again.updated, again.courses) == (0, 2, 0)
    assert Course.objects.count() == 2


def test_every_error_by_row_and_nothing_written(staff, org_a):
    future = timezone.localdate() + timedelta(days=3)
    data = workbook(
        STAFF_HEAD,
        [
            row(org_a.inn, "Верная"),
            row(org_a.inn, "Будущая", **{"Дата присвоения категории": future}),
            row(org_a.inn, "Обратная", **{"Окончание курса": date(2024, 2, 1)}),
            row("0000000000", "Чужая"),
            row(org_a.inn, "Кружковая", **{"Направленности": "Кулинарная"}),
            row(org_a.inn, "Верная"),
        ],
    )
    result = imports.teachers_import(data, user=staff)
    found = {(e.row, e.column): e.message for e in result.errors}
    assert found[(4, "Дата присвоения категории")] == "дата ещё не наступила"
    assert "раньше, чем начался" in found[(5, "Окончание курса")]
    assert "нет среди ваших организаций" in found[(6, "Организация")]
    assert "«Кулинарная» — такого значения нет" in found[(7, "Направленности")]
    assert found[(8, "—")] == "строка повторяет строку 3"
    assert len(result.errors) == 5
    assert not Teacher.objects.exists() and not Course.objects.exists()


def test_staff_of_another_municipality_cannot_name_its_organisations(staff_other, org_a):
    result = imports.teachers_import(
        workbook(STAFF_HEAD, [row(org_a.inn, "Шацких")]), user=staff_other
    )
    assert [e.column for e in result.errors] == ["Организация"]
    assert not Teacher.objects.exists()


def test_a_course_needs_its_dates_and_hours(staff, org_a):
    data = workbook(STAFF_HEAD, [row(org_a.inn, "Шацких", **{"Часов": None, "Начало курса": None})])
    columns = {e.column for e in imports.teachers_import(data, user=staff).errors}
    assert columns == {"Часов", "Начало курса"}


def test_coordinator_loads_their_organisation_through_the_page(client, coordinator_a, org_a, org_b):
    client.force_login(coordinator_a)
    template = client.get(reverse("development:import_template"))
    book = load_workbook(filename=io.BytesIO(template.content))
    head = [cell.value for cell in book["Педагоги"][2] if cell.value]
    assert "Организация" not in head and head[:2] == ["Фамилия", "Имя"]
    rows = [row[1:] for row in [row("", "Шацких"), row("", "Ретюнских", course=None)]]
    upload = SimpleUploadedFile("pedagogi.xlsx", workbook(STAFF_HEAD[1:], rows))
    response = client.post(
        reverse("development:import"), {"file": upload, "organisation": org_b.pk}
    )
    assert response.status_code == 403 and not Teacher.objects.exists()  # not theirs
    upload.seek(0)
    response = client.post(
        reverse("development:import"), {"file": upload, "organisation": org_a.pk}
    )
    assert response.status_code == 302
    assert set(Teacher.objects.values_list("surname", "organisation")) == {
        ("Шацких", org_a.pk),
        ("Ретюнских", org_a.pk),
    }


def test_the_page_lists_the_errors(client, staff, org_a):
    client.force_login(staff)
    upload = SimpleUploadedFile(
        "pedagogi.xlsx",
        workbook(STAFF_HEAD, [row("Нет такой", "Шацких")]),
    )
    page = client.post(reverse("development:import"), {"file": upload}).content.decode()
    assert "Файл не загружен" in page and "организации «Нет такой» нет" in page
    assert not Teacher.objects.exists()
