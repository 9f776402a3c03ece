"""Registrations of teachers for methodical events by their organisations, the attendance
the centre marks, and the count that flows into the event and its plan item's result."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.development import services
from plans.development.models import Registration
from plans.models import Event, PlanItem, PlanSection
from tests.plans.factories import PlanFactory

from .helpers import make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(municipality):
    today = timezone.localdate()
    plan = PlanFactory(municipality=municipality)
    section = PlanSection.objects.create(plan=plan, number="3", title="Работа с кадрами")
    item = PlanItem.objects.create(
        plan=plan,
        section=section,
        number="3.4",
        title="Методическая неделя",
        result_quantitative="Проведено 6 мероприятий",
    )
    return Event.objects.create(
        municipality=municipality,
        item=item,
        kind="methodical_week",
        title="Методическая неделя",
        starts_on=today + timedelta(days=10),
        takes_registrations=True,
        registration_until=today + timedelta(days=5),
    )


def register(client, event, teachers, organisation):
    return client.post(
        reverse("development:event_register", args=[event.pk]),
        {"organisation": organisation.pk, "teachers": [t.pk for t in teachers]},
    )


def test_coordinators_register_and_staff_mark_attendance(
    client, coordinator_a, coordinator_b, staff, week, org_a, org_b, teacher_a, teacher_b
):
    second = make_teacher(org_a, surname="Лапина")
    client.force_login(coordinator_a)
    assert register(client, week, [teacher_a, second], org_a).status_code == 302
    client.force_login(coordinator_b)
    assert register(client, week, [teacher_b], org_b).status_code == 302
    week.refresh_from_db()
    week.item.refresh_from_db()
    assert week.participants == 3  # registered, while attendance is not marked
    assert week.item.result_quantitative == (
        "Проведено 6 мероприятий\nКоличество участников – 3 педагога"
    )

    client.force_login(staff)
    page = client.get(reverse("development:event_registrations", args=[week.pk]))
    assert "МБОУ СШ № 1 (2)" in page.content.decode()
    came = Registration.objects.exclude(teacher=second).values_list("pk", flat=True)
    response = client.post(
        reverse("development:event_registrations", args=[week.pk]), {"attended": list(came)}
    )
    assert response.status_code == 302
    week.refresh_from_db()
    week.item.refresh_from_db()
    assert week.participants == 2
    assert week.item.result_quantitative.endswith("Количество участников – 2 педагога")
    assert week.item.result_quantitative.count("Количество участников") == 1
    assert not Registration.objects.get(teacher=second).attended
    record = client.get(reverse("development:teacher", args=[teacher_a.pk])).content.decode()
    assert "Методическая неделя" in record


def test_a_coordinator_registers_only_their_own_working_teachers(
    client, coordinator_a, week, org_a, teacher_a, teacher_b
):
    gone = make_teacher(org_a, surname="Ушедшая", left_on=timezone.localdate())
    client.force_login(coordinator_a)
    response = register(client, week, [teacher_b, gone], org_a)
    assert response.status_code == 200 and not Registration.objects.exists()
    response = register(client, week, [teacher_a], teacher_b.organisation)  # not theirs
    assert Registration.objects.filter(teacher=teacher_b).count() == 0
    assert Registration.objects.filter(teacher=teacher_a).exists() is (response.status_code == 302)


def test_registration_closes_after_its_date(client, coordinator_a, week, org_a, teacher_a):
    week.registration_until = timezone.localdate() - timedelta(days=1)
    week.save()
    client.force_login(coordinator_a)
    page = client.get(reverse("development:event_register", args=[week.pk])).content.decode()
    assert "Запись закрыта" in page
    with pytest.raises(services.DomainError):
        services.registrations_set(
            user=coordinator_a, event=week, organisation=org_a, teachers=[teacher_a]
        )
    assert not Registration.objects.exists()


def test_staff_of_another_municipality_cannot_mark(
    client, staff_other, coordinator_a, week, teacher_a
):
    services.registrations_set(
        user=coordinator_a, event=week, organisation=teacher_a.organisation, teachers=[teacher_a]
    )
    client.force_login(staff_other)
    url = reverse("development:event_registrations", args=[week.pk])
    assert client.post(url, {"attended": []}).status_code == 404
    assert Registration.objects.get().attended is None
    with pytest.raises(services.PermissionDenied):
        services.attendance_mark(user=staff_other, event=week, attended=set())


def test_event_form_takes_registrations(client, staff, municipality):
    client.force_login(staff)
    response = client.post(
        reverse("plans:events"),
        {
            "new-kind": "seminar",
            "new-title": "Семинар для педагогов",
            "new-starts_on": "2026-03-10",
            "new-takes_registrations": "on",
            "new-registration_until": "2026-03-05",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.takes_registrations and str(event.registration_until) == "2026-03-05"


def test_registration_cannot_outlast_the_start(client, staff, municipality):
    client.force_login(staff)
    response = client.post(
        reverse("plans:events"),
        {
            "new-kind": "seminar",
            "new-title": "Семинар для педагогов",
            "new-starts_on": "2026-03-10",
            "new-takes_registrations": "on",
            "new-registration_until": "2026-03-11",
        },
    )
    assert "Запись должна закончиться не позже начала" in response.content.decode()
    assert not Event.objects.exists()
