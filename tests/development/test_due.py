"""When a teacher's next course is due, computed as of a date."""

from datetime import date

import pytest
from django.urls import reverse

from plans.development import selectors
from plans.development.models import Course, CourseKind
from programs.staffing.models import Teacher

from .helpers import make_teacher

pytestmark = pytest.mark.django_db


def course(teacher, ends_on, starts_on=None, **fields):
    return Course.objects.create(
        teacher=teacher,
        title=fields.pop("title", "Робототехника"),
        hours=72,
        starts_on=starts_on or ends_on.replace(day=1),
        ends_on=ends_on,
        **fields,
    )


def test_due_three_years_after_the_last_course(teacher_a):
    course(teacher_a, date(2021, 3, 20))
    course(teacher_a, date(2023, 11, 25), kind=CourseKind.RETRAINING)
    status = selectors.due_status(teacher_a, on=date(2025, 5, 1))
    assert status.due_on == date(2026, 11, 25)
    assert status.last_course_on == date(2023, 11, 25)
    assert status.status == selectors.FINE
    assert selectors.due_status(teacher_a, on=date(2026, 1, 10)).status == selectors.DUE_THIS_YEAR
    assert selectors.due_status(teacher_a, on=date(2026, 11, 26)).status == selectors.OVERDUE


def test_a_course_not_finished_by_the_date_does_not_count(teacher_a):
    course(teacher_a, date(2020, 5, 1))
    course(teacher_a, date(2025, 6, 30), starts_on=date(2025, 6, 1))
    assert selectors.due_status(teacher_a, on=date(2025, 6, 15)).status == selectors.OVERDUE
    after = selectors.due_status(teacher_a, on=date(2025, 7, 1))
    assert (after.status, after.due_on) == (selectors.FINE, date(2028, 6, 30))


def test_without_courses_from_hiring_or_at_once(org_a, teacher_a):
    status = selectors.due_status(teacher_a, on=date(2018, 2, 1))
    assert (status.status, status.due_on) == (selectors.DUE_THIS_YEAR, date(2018, 9, 1))
    unknown = selectors.due_status(make_teacher(org_a, surname="Лыкова"), on=date(2018, 2, 1))
    assert (unknown.status, unknown.due_on) == (selectors.OVERDUE, None)


def test_interval_is_a_setting_and_29_february_stays_in_february(settings, teacher_a):
    settings.TEACHER_COURSE_INTERVAL_YEARS = 5
    course(teacher_a, date(2024, 2, 29))
    assert selectors.due_status(teacher_a, on=date(2025, 1, 1)).due_on == date(2029, 2, 28)


def test_lists_the_working_teachers_overdue_first(org_a, teacher_a):
    course(teacher_a, date(2023, 3, 1))  # due in March 2026
    late = make_teacher(org_a, surname="Бурцева", hired_on=date(2010, 1, 1))
    make_teacher(org_a, surname="Ушедшая", hired_on=date(2010, 1, 1), left_on=date(2024, 1, 1))
    fine = make_teacher(org_a, surname="Новикова", hired_on=date(2025, 9, 1))
    due = selectors.due_teachers(Teacher.objects.all(), on=date(2026, 1, 15))
    assert [(t.surname, s.status) for t, s in due] == [
        ("Бурцева", selectors.OVERDUE),
        ("Шацких", selectors.DUE_THIS_YEAR),
    ]
    assert fine not in [t for t, _ in due] and late in [t for t, _ in due]


def test_pages_show_each_person_their_own_teachers(
    client, coordinator_b, staff, teacher_a, teacher_b
):
    client.force_login(coordinator_b)
    page = client.get(reverse("development:due")).content.decode()
    assert "Ретюнских" in page and "Шацких" not in page
    client.force_login(staff)
    page = client.get(reverse("development:due")).content.decode()
    assert "Ретюнских" in page and "Шацких" in page
    organisation = client.get(
        reverse("development:organisation_due", args=[teacher_a.organisation_id])
    ).content.decode()
    assert "Шацких" in organisation and "Ретюнских" not in organisation


def test_administrator_sees_every_municipality(client, administrator, teacher_a, staff_other):
    from tests.programs.factories import OrganisationFactory

    other = make_teacher(OrganisationFactory(municipality=staff_other.municipality), "Другова")
    client.force_login(administrator)
    page = client.get(reverse("development:due")).content.decode()
    assert "Шацких" in page and "Другова" in page
    only = client.get(
        reverse("development:due"), {"municipality": other.organisation.municipality_id}
    ).content.decode()
    assert "Другова" in only and "Шацких" not in only
    client.force_login(staff_other)
    assert "Шацких" not in client.get(reverse("development:due")).content.decode()
