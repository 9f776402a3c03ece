import re

import pytest
from django.core import mail
from django.urls import reverse

from moc_portal.users.invitations import InvitationError
from moc_portal.users.models import Role, User
from programs import services
from programs.choices import ProgramStatus
from programs.services import program_transition_notify_task as program_transition_notify
from tests.factories import UserFactory
from tests.helpers import login, move_to
from tests.programs.factories import OrganisationFactory


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
    with pytest.raises(InvitationError, match="Эксперт"):
        services.coordinator_invite(
            user=staff, organisation=org_a, email=expert.email, last_name="x", first_name="y"
        )
    assert not org_a.coordinators.filter(pk=expert.pk).exists()


def _invite(staff, organisation, email="new.coordinator@school.ru"):
    return services.coordinator_invite(
        user=staff, organisation=organisation, email=email, last_name="Новикова", first_name="Анна"
    )


def _invite_on_the_page(client, capture, organisation, email, last_name, first_name):
    with capture(execute=True):
        response = client.post(
            reverse("programs:coordinator_add", args=[organisation.pk]),
            {"email": email, "last_name": last_name, "first_name": first_name},
        )
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def _link(letter) -> str:
    found = re.search(r"https?://[^/\s]+(/accounts/password/reset/\S+/)", letter.body)
    assert found, letter.body
    return found.group(1)


def _set_password(client, link: str, password: str):
    page = client.get(link, follow=True)
    return client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
    )


def test_a_pending_coordinator_invited_again_gets_a_fresh_link_and_the_old_one_dies(
    client, staff, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(staff, org_a)
    old = _link(mail.outbox[0])
    login(client, staff)
    page = _invite_on_the_page(
        client,
        django_capture_on_commit_callbacks,
        org_a,
        "new.coordinator@school.ru",
        "Новикова",
        "Анна",
    )
    assert "прежняя ссылка больше не действует" in page
    fresh = _link(mail.outbox[1])
    assert fresh != old
    client.logout()
    assert "Ссылка недействительна" in client.get(old, follow=True).content.decode()
    assert _set_password(client, fresh, "Zadonsk-2026-pass").status_code == 302
    assert client.login(username="new.coordinator@school.ru", password="Zadonsk-2026-pass")


def test_detached_and_invited_again_a_pending_coordinator_gets_a_link(
    staff, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        coordinator = _invite(staff, org_a)
    services.coordinator_detach(user=staff, organisation=org_a, coordinator=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(staff, org_a)
    assert org_a.coordinators.filter(pk=coordinator.pk).exists()
    _link(mail.outbox[1])


def test_a_coordinator_with_a_password_is_still_refused_a_second_time(staff, org_a, coordinator_a):
    with pytest.raises(services.RegistryError, match="уже координатор"):
        _invite(staff, org_a, email=coordinator_a.email)


def test_forgotten_password_of_an_invited_account_sends_the_set_password_link(
    client, staff, org_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(staff, org_a)
    mail.outbox.clear()
    response = client.post(reverse("users:password_reset"), {"email": "New.Coordinator@school.ru"})
    assert response.status_code == 302
    (letter,) = mail.outbox
    assert _set_password(client, _link(letter), "Zadonsk-2026-pass").status_code == 302
    assert client.login(username="new.coordinator@school.ru", password="Zadonsk-2026-pass")


def test_a_coordinator_of_another_municipality_is_attached_only_after_confirming(
    client, staff, org_a, other_municipality, django_capture_on_commit_callbacks
):
    elsewhere = OrganisationFactory(municipality=other_municipality)
    stranger = UserFactory(email="teacher@other.ru")
    elsewhere.coordinators.add(stranger)
    login(client, staff)
    page = _invite_on_the_page(
        client, django_capture_on_commit_callbacks, org_a, "teacher@other.ru", "Иванова", "Мария"
    )
    assert "станет, подтвердив это по ссылке из письма" in page
    assert not org_a.coordinators.filter(pk=stranger.pk).exists()
    (letter,) = mail.outbox
    assert letter.to == ["teacher@other.ru"]
    link = re.search(r"http://portal\.test(/coordinators/confirm/\S+/)", letter.body).group(1)

    # Only the person it was sent to can use the link.
    assert client.post(link).status_code == 403
    assert not org_a.coordinators.filter(pk=stranger.pk).exists()

    login(client, stranger)
    assert org_a.full_name in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert org_a.coordinators.filter(pk=stranger.pk).exists()


def test_a_broken_confirmation_link_says_what_to_do(client, coordinator_a):
    login(client, coordinator_a)
    response = client.get("/coordinators/confirm/garbled:token/", follow=True)
    assert "Ссылка повреждена" in response.content.decode()
