"""The hotline: consent required, spam kept out, staff answer by e-mail, the FAQ only when
staff choose and without personal data, personal data erased on schedule."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from moc_portal.users.models import PersonalDataEvent
from plans.portal import services, tasks
from plans.portal.models import Question
from tests.helpers import login

pytestmark = pytest.mark.django_db


def _form(municipality, **overrides):
    data = {
        "municipality": municipality.pk,
        "asker_kind": "parent",
        "name": "Анна Сергеевна Петрова",
        "email": "anna.petrova@example.org",
        "phone": "+7 (474) 712-34-56",
        "topic": "navigator",
        "text": "Как записать сына в кружок робототехники через Навигатор?",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def _ask(municipality) -> Question:
    return services.question_ask(
        question=Question(
            municipality=municipality,
            asker_kind="parent",
            name="Анна Сергеевна Петрова",
            email="anna.petrova@example.org",
            phone="+7 (474) 712-34-56",
            topic="navigator",
            text="Как записать сына в кружок через Навигатор?",
        ),
        consent=True,
    )


def test_question_without_consent_is_not_accepted(client, municipality):
    response = client.post(reverse("portal:hotline"), _form(municipality, consent=None))
    assert response.status_code == 200
    assert "Без согласия на обработку персональных данных" in response.content.decode()
    assert not Question.objects.exists()


def test_question_with_consent_keeps_the_consent_text_it_was_given_under(client, municipality):
    response = client.post(reverse("portal:hotline"), _form(municipality))
    assert response.status_code == 302 and response["Location"] == reverse("portal:hotline_thanks")
    question = Question.objects.get()
    assert "152-ФЗ" in question.consent_text and question.consent_at is not None
    assert question.consent_text == services.consent_text()
    # The form shows the consent's text before it is given.
    assert "152-ФЗ" in client.get(reverse("portal:hotline")).content.decode()


def test_question_needs_a_contact_to_answer_to(client, municipality):
    response = client.post(reverse("portal:hotline"), _form(municipality, email=""))
    assert "Обязательное поле" in response.content.decode()
    assert not Question.objects.exists()


def test_a_question_longer_than_the_limit_is_refused_on_the_server(client, municipality):
    response = client.post(reverse("portal:hotline"), _form(municipality, text="я" * 1_000_000))
    assert response.status_code == 200
    assert "не более 4000 символов" in response.content.decode()
    assert not Question.objects.exists()


def test_pages_of_signed_in_people_are_not_kept_by_caches(client, staff, municipality):
    public = client.get(reverse("portal:hotline"))
    assert "no-store" not in public.get("Cache-Control", "")
    login(client, staff)
    for url in [reverse("portal:manage"), reverse("portal:hotline")]:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_behind_the_proxy_one_asker_does_not_close_the_hotline_for_others(
    client, municipality, settings
):
    settings.HOTLINE_RATE_LIMIT = "2/h"
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    url = reverse("portal:hotline")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        response = client.post(
            url, _form(municipality), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy
        )
        assert response.status_code == 302
    limited = client.post(url, _form(municipality), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    assert limited.status_code == 429
    other = client.post(url, _form(municipality), HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy)
    assert other.status_code == 302
    assert Question.objects.count() == 3


def test_honeypot_filled_by_a_robot_stores_nothing(client, municipality):
    response = client.post(
        reverse("portal:hotline"), _form(municipality, website="http://spam.example")
    )
    assert response.status_code == 302  # the robot is thanked and learns nothing
    assert not Question.objects.exists()


def test_too_many_questions_from_one_address_are_refused(client, municipality, settings):
    settings.HOTLINE_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client.post(reverse("portal:hotline"), _form(municipality)).status_code == 302
    response = client.post(reverse("portal:hotline"), _form(municipality))
    assert response.status_code == 429
    assert "Подождите час" in response.content.decode()
    assert Question.objects.count() == 2


def test_with_redis_away_questions_are_taken_and_the_honeypot_still_works(
    client, municipality, settings, redis_away
):
    settings.HOTLINE_RATE_LIMIT = "2/h"
    for _ in range(4):  # nothing can be counted: no refusal, and no «С этого адреса…»
        response = client.post(reverse("portal:hotline"), _form(municipality))
        assert response.status_code == 302
        assert response.url == reverse("portal:hotline_thanks")
    assert Question.objects.count() == 4
    robot = client.post(reverse("portal:hotline"), _form(municipality, website="http://spam"))
    assert robot.status_code == 302
    assert Question.objects.count() == 4


def test_staff_answer_is_emailed_to_the_asker(
    client, staff, municipality, django_capture_on_commit_callbacks
):
    question = _ask(municipality)
    login(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portal:question", args=[question.pk]),
            {"answer": "Откройте Навигатор, найдите программу и нажмите «Записаться»."},
        )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answered_by == staff and question.notified_at is not None
    (message,) = mail.outbox
    assert message.to == ["anna.petrova@example.org"]
    assert "нажмите «Записаться»" in message.body and "Анна Сергеевна Петрова" in message.body
    # Sending twice does not send twice.
    assert services.hotline_answer_notify_task(question.pk) is False
    assert len(mail.outbox) == 1


def test_staff_of_another_municipality_do_not_see_the_question(client, staff_other, municipality):
    question = _ask(municipality)
    login(client, staff_other)
    assert client.get(reverse("portal:question", args=[question.pk])).status_code == 404
    assert "Как записать сына" not in client.get(reverse("portal:questions")).content.decode()


def test_faq_is_published_only_when_staff_choose_and_without_personal_data(
    client, staff, municipality
):
    question = _ask(municipality)
    services.question_answer(user=staff, question=question, answer="Через Навигатор.")
    html = client.get(reverse("portal:hotline")).content.decode()
    assert "Как записать сына" not in html  # answered is not published
    with pytest.raises(ValidationError) as error:
        services.question_faq_save(
            user=staff,
            question=question,
            faq_question="Анна спрашивает, как записать ребёнка",
            faq_answer="Через Навигатор.",
            published=True,
        )
    assert "имя" in str(error.value)
    with pytest.raises(ValidationError):
        services.question_faq_save(
            user=staff,
            question=question,
            faq_question="Как записать ребёнка? Звоните 712-34-56",
            faq_answer="Через Навигатор.",
            published=True,
        )
    services.question_faq_save(
        user=staff,
        question=question,
        faq_question="Как записать ребёнка в кружок через Навигатор?",
        faq_answer="Найдите программу в **Навигаторе** и нажмите «Записаться».",
        published=True,
    )
    html = client.get(reverse("portal:hotline")).content.decode()
    assert "Как записать ребёнка в кружок через Навигатор?" in html
    assert "<strong>Навигаторе</strong>" in html
    for personal in ["Петрова", "anna.petrova", "712-34-56", "Как записать сына"]:
        assert personal not in html


def test_personal_data_is_purged_after_the_retention_period(staff, municipality):
    old, recent = _ask(municipality), _ask(municipality)
    services.question_answer(user=staff, question=old, answer="Ответ Анне Сергеевне.")
    services.question_faq_save(
        user=staff,
        question=old,
        faq_question="Как записаться?",
        faq_answer="Через Навигатор.",
        published=True,
    )
    Question.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.HOTLINE_RETENTION_DAYS + 1)
    )
    assert tasks.hotline_personal_data_purge() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.email, old.phone, old.text, old.answer) == ("", "", "", "", "")
    assert old.personal_data_purged_at is not None
    assert (old.faq_question, old.faq_published) == ("Как записаться?", True)  # staff's words stay
    assert recent.email == "anna.petrova@example.org" and recent.personal_data_purged_at is None
    assert tasks.hotline_personal_data_purge() == 0  # safe to run again


def test_purge_runs_on_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE["hotline-personal-data-purge"]
    assert schedule["task"] == "plans.portal.tasks.hotline_personal_data_purge"
    assert schedule["schedule"].is_due(timezone.now() - timedelta(days=1)) is not None
    from moc_portal.celery import app

    app.loader.import_default_modules()
    assert schedule["task"] in app.tasks


def test_purged_question_cannot_be_answered(staff, municipality):
    question = _ask(municipality)
    services.personal_data_purge(now=timezone.now() + timedelta(days=10_000))
    with pytest.raises(services.PortalError):
        services.question_answer(user=staff, question=question, answer="Поздно.")


# --- personal data on request, and who touched it --------------------------------------------


def trail():
    return [
        (e.actor.username if e.actor else None, e.action, e.subject)
        for e in PersonalDataEvent.objects.order_by("pk")
    ]


def test_staff_erase_one_askers_data_on_request_and_the_trail_says_who(
    client, staff, staff_other, municipality
):
    question, other = _ask(municipality), _ask(municipality)
    services.question_answer(user=staff, question=question, answer="Через Навигатор.")
    services.question_faq_save(
        user=staff, question=question, faq_question="Как?", faq_answer="Так.", published=True
    )
    url = reverse("portal:question", args=[question.pk])
    login(client, staff_other)
    assert client.post(url, {"erase": "1"}).status_code == 404  # not their municipality
    login(client, staff)
    assert "Анна Сергеевна Петрова" in client.get(url).content.decode()
    response = client.post(url, {"erase": "1"}, follow=True)
    assert "Персональные данные автора удалены." in response.content.decode()
    question.refresh_from_db()
    erased = (question.name, question.email, question.phone, question.text, question.answer)
    assert erased == ("", "", "", "", "")
    assert question.personal_data_purged_at is not None
    assert (question.faq_question, question.faq_published) == ("Как?", True)
    other.refresh_from_db()
    assert other.email == "anna.petrova@example.org"  # only the one who asked
    subject = f"Вопрос горячей линии № {question.pk}"
    assert trail() == [
        ("staff", "answered", subject),
        ("staff", "viewed", subject),
        ("staff", "erased", subject),
    ]
    response = client.post(url, {"erase": "1"}, follow=True)
    assert "уже удалены" in response.content.decode()


def test_answers_purges_and_exports_are_in_the_trail(client, staff, municipality, org_a):
    question = _ask(municipality)
    services.question_answer(user=staff, question=question, answer="Через Навигатор.")
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(days=settings.HOTLINE_RETENTION_DAYS + 1)
    )
    services.personal_data_purge()
    login(client, staff)
    assert client.get(reverse("programs:organisation_export")).status_code == 200
    subject = f"Вопрос горячей линии № {question.pk}"
    assert trail() == [
        ("staff", "answered", subject),
        (None, "purged", subject),
        ("staff", "exported", "Выгрузка организаций в Excel: 1 строка"),
    ]


def test_only_administrators_read_the_trail(client, staff, administrator, municipality):
    services.question_viewed(user=staff, question=_ask(municipality))
    url = reverse("admin:users_personaldataevent_changelist")
    login(client, staff)
    assert client.get(url).status_code == 302  # to the admin's sign-in
    login(client, administrator)
    page = client.get(url).content.decode()
    assert "просмотр" in page and "Вопрос горячей линии" in page


def test_answer_task_keeps_the_name_queued_messages_carry():
    """The task moved beside its service; answers queued before still reach a worker."""
    from moc_portal.celery import app

    app.loader.import_default_modules()
    task = app.tasks["plans.portal.tasks.hotline_answer_notify"]
    assert task.__module__ == services.question_notify.__module__  # defined beside it
    assert task.retry_kwargs == {"max_retries": 8}  # its retries came along
