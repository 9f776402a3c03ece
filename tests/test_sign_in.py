"""Sign-in throttling (django-axes): an account and an address lock after a few failures,
with a Russian page that says until when; administrators unlock; failures are logged; behind
the proxy the client's address comes from the one header the hotline uses too."""

import logging
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, AdministratorFactory, StaffFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("users:login")


@pytest.fixture(autouse=True)
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5


def sign_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def test_an_account_locks_after_the_limit_and_says_until_when(client, staff):
    for _ in range(4):
        assert sign_in(client, staff.username, "неверный").status_code == 200
    # The fifth failure locks: it and every attempt after it, right password or not.
    assert sign_in(client, staff.username, "неверный").status_code == 429
    response = sign_in(client, staff.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Вход временно закрыт" in page and "закрыт до" in page
    assert "_auth_user_id" not in client.session
    # From another address too: the account itself is locked.
    assert sign_in(client, staff.username, PASSWORD, address="198.51.100.9").status_code == 429


def test_one_address_locks_across_accounts(client):
    people = StaffFactory.create_batch(6)
    for person in people[:5]:
        sign_in(client, person.username, "неверный")
    assert sign_in(client, people[5].username, PASSWORD).status_code == 429
    assert sign_in(client, people[5].username, PASSWORD, address="198.51.100.9").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(client, staff):
    for _ in range(4):
        sign_in(client, staff.username, "неверный")
    assert sign_in(client, staff.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, staff.username, "неверный")
    assert sign_in(client, staff.username, PASSWORD).status_code == 302


def test_the_admins_sign_in_is_limited_too(client):
    administrator = AdministratorFactory()
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": administrator.username, "password": "неверный"})
    response = client.post(url, {"username": administrator.username, "password": PASSWORD})
    assert response.status_code == 429


def test_an_administrator_unlocks_in_the_admin(client, staff):
    for _ in range(5):
        sign_in(client, staff.username, "неверный")
    attempt = AccessAttempt.objects.get(username=staff.username)
    administrator = AdministratorFactory()
    admin_client = client.__class__()
    admin_client.force_login(administrator)
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    assert sign_in(client, staff.username, PASSWORD).status_code == 302


def test_failures_are_logged_without_personal_data_and_kept_for_administrators(
    client, staff, caplog
):
    with caplog.at_level(logging.INFO, logger="axes"):
        sign_in(client, staff.username, "неверный")
    # The log says that a sign-in failed and where, never whose or from which address...
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "New login failure" in logged and "/accounts/login/" in logged
    assert staff.username not in logged and "203.0.113.7" not in logged
    # ...which administrators see in the admin's failure log.
    assert AccessFailureLog.objects.filter(
        username=staff.username, ip_address="203.0.113.7", path_info=LOGIN
    ).exists()


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, staff, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    # The client sends its own X-Forwarded-For; the proxy appends what it saw.
    for _ in range(5):
        sign_in(
            client,
            "нет-такого",
            "неверный",
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        )
    assert AccessFailureLog.objects.filter(ip_address="203.0.113.7").count() == 5
    # Another client behind the same proxy is not locked out with the first.
    other = sign_in(
        client, staff.username, PASSWORD, address="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert other.status_code == 302


RESET = reverse("users:password_reset")


def ask_reset(client, email, address="203.0.113.7"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def test_letters_to_one_account_are_limited_across_addresses_and_letter_cases(client):
    StaffFactory(email="ivan@example.com")
    spellings = ["Ivan@Example.com", "ivan@example.com", "IVAN@EXAMPLE.COM"] * 2
    answers = [
        ask_reset(client, email, address=f"198.51.100.{n}").status_code
        for n, email in enumerate(spellings)
    ]
    assert answers == [302, 302, 302, 429, 429, 429]
    assert len(mail.outbox) == 3
    assert {letter.to[0] for letter in mail.outbox} == {"ivan@example.com"}


def test_one_address_asking_for_many_accounts_is_limited(client):
    people = StaffFactory.create_batch(5)
    answers = [ask_reset(client, person.email).status_code for person in people]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    refused = ask_reset(client, people[4].email)
    assert "С этого адреса уже несколько раз просили ссылку" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 3600
    # The refused ones did not use up their owners' own attempts.
    assert ask_reset(client, people[4].email, address="192.0.2.1").status_code == 302
    assert mail.outbox[-1].to == [people[4].email]


def test_a_refused_reset_does_not_tell_whether_the_account_exists(client):
    StaffFactory(email="ivan@example.com")
    refusals = {}
    for email in ["ivan@example.com", "nobody@example.com"]:
        for n in range(3):
            assert ask_reset(client, email, address=f"198.51.100.{n}").status_code == 302
        response = ask_reset(client, email, address="192.0.2.1")
        assert response.status_code == 429
        page = response.content.decode().replace(email, "…")
        # The token, and the wait (each e-mail's window starts at its own moment), differ.
        page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
        refusals[email] = re.sub(r"через \d+ \w+", "через …", page)
    assert refusals["ivan@example.com"] == refusals["nobody@example.com"]
    assert "Если адрес зарегистрирован на портале" in refusals["nobody@example.com"]
    assert len(mail.outbox) == 3


def test_with_redis_away_a_reset_letter_is_sent_and_nothing_false_is_said(
    client, redis_away, staff
):
    for _ in range(5):  # nothing can be counted: the limit does not refuse
        response = ask_reset(client, staff.email)
        assert response.status_code == 302
        assert response.url == reverse("users:password_reset_done")
    assert len(mail.outbox) == 5


def test_the_reset_link_points_at_the_portals_own_address(client, staff):
    """Not at the Host the request came with (behind the proxy, an internal name)."""
    client.post(reverse("users:password_reset"), {"email": staff.email})
    (letter,) = mail.outbox
    assert "http://portal.test/accounts/password/reset/" in letter.body
    assert "testserver" not in letter.body
