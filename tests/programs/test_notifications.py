import re

import pytest
from django.core import mail
from django.urls import reverse

from moc_portal.users.models import Role, User
from programs import services
from programs.choices import ProgramStatus
from programs.tasks import program_transition_notify
from tests.conftest import login, move_to


def test_submit_notifies_staff_of_the_municipality(
    program_a, coordinator_a, staff, staff_other, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.program_submit(program=program_a, user=coordinator_a)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [staff.email]
    assert "На модерации" in message.subject
    assert f"http://portal.test/programs/{program_a.pk}/" in message.body


def test_return_notifies_coordinators_with_the_comment(
    program_a, coordinator_a, staff, django_capture_on_commit_callbacks
):
    program = move_to(
        program_a, ProgramStatus.ON_MODERATION, staff=staff, coordinator=coordinator_a
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.program_return(
            program=program, user=staff, comment="Добавьте планируемые результаты."
        )
    assert [m.to for m in mail.outbox] == [[coordinator_a.email]]
    assert "Добавьте планируемые результаты." in mail.outbox[0].body
    assert "Требует доработки" in mail.outbox[0].subject


def test_notice_is_sent_once_even_if_the_task_runs_twice(
    program_a, coordinator_a, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.program_submit(program=program_a, user=coordinator_a)
    step = program_a.transitions.get()
    assert program_transition_notify(step.pk) == 0
    assert len(mail.outbox) == 1


def test_invitation_creates_coordinator_who_sets_a_password(
    client, staff, org_a, django_capture_on_commit_callbacks
):
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("programs:coordinator_add", args=[org_a.pk]),
            {"email": "New.Coordinator@School.ru", "last_name": "Новикова", "first_name": "Анна"},
        )
    assert response.status_code == 302
    coordinator = User.objects.get(email="new.coordinator@school.ru")
    assert coordinator.role == Role.COORDINATOR
    assert not coordinator.has_usable_password()
    assert org_a.coordinators.filter(pk=coordinator.pk).exists()
    assert mail.outbox[0].to == ["new.coordinator@school.ru"]
    link = re.search(r"http://portal\.test(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    client.logout()
    page = client.get(link.group(1), follow=True)
    assert "Задайте пароль" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Zadonsk-2026-pass", "new_password2": "Zadonsk-2026-pass"},
    )
    assert response.status_code == 302
    assert client.login(username="new.coordinator@school.ru", password="Zadonsk-2026-pass")


def test_existing_coordinator_is_attached_without_new_account(
    staff, org_a, org_b, coordinator_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.coordinator_invite(
            user=staff,
            organisation=org_a,
            email=coordinator_b.email.upper(),
            last_name="x",
            first_name="y",
        )
    assert org_a.coordinators.filter(pk=coordinator_b.pk).exists()
    assert "задайте пароль" not in mail.outbox[0].body.lower()


def test_address_of_another_role_is_refused(staff, org_a, expert):
    with pytest.raises(services.RegistryError, match="Эксперт"):
        services.coordinator_invite(
            user=staff, organisation=org_a, email=expert.email, last_name="x", first_name="y"
        )
    assert not org_a.coordinators.filter(pk=expert.pk).exists()
