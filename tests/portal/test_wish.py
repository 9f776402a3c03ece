"""«Какой кружок нужен вашему ребёнку?»: what parents send, what is kept (nothing personal
unless they ask for an answer), and what is refused with a message that says what to fix."""

import pytest
from django.urls import reverse

from plans.portal.models import Question, Topic
from programs.models import Settlement, Wish

URL = reverse("portal:wish")


@pytest.fixture
def village(municipality):
    return Settlement.objects.create(municipality=municipality, kind="с.", name="Донское")


def form(place, **changes) -> dict:
    data = {
        "settlement": place.pk,
        "age": "12",
        "focus": "technical",
        "text": "Робототехника по субботам",
        "name": "",
        "email": "",
        "phone": "",
        "website": "",
    }
    data.update(changes)
    return data


def test_an_anonymous_wish_keeps_nothing_personal(client, village):
    response = client.post(URL, form(village, name="Анна", email="anna@example.org"))
    assert response.status_code == 302
    wish = Wish.objects.get()
    assert (wish.settlement, wish.age, wish.focus) == (village, 12, "technical")
    assert wish.municipality_id == village.municipality_id
    assert not Question.objects.filter(wish=wish).exists()
    assert not Question.objects.exists()  # the name typed without asking for an answer is dropped
    assert "учтён" in client.get(response["Location"]).content.decode()


def test_asking_for_an_answer_needs_the_hotline_consent(client, village):
    data = form(village, wants_answer="on", name="Анна", email="anna@example.org")
    refused = client.post(URL, data)
    assert refused.status_code == 200
    assert "Без согласия на обработку персональных данных" in refused.content.decode()
    assert not Wish.objects.exists() and not Question.objects.exists()

    accepted = client.post(URL, {**data, "consent": "on"})
    assert accepted.status_code == 302
    wish = Wish.objects.get()
    question = wish.question
    assert question.topic == Topic.PROGRAMS and question.email == "anna@example.org"
    assert "12 лет, с. Донское" in question.text and question.consent_text
    assert "ответ придёт" in client.get(accepted["Location"]).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age": "3"}, "укажите возраст от 5 до 17"),
        ({"age": "18"}, "укажите возраст от 5 до 17"),
        ({"age": "двенадцать"}, "Возраст — целое число лет"),
        ({"settlement": "999999"}, "Такого населённого пункта нет в списке"),
        ({"settlement": "Донское"}, "Такого населённого пункта нет в списке"),
        ({"focus": "cooking"}, "Выберите направленность из списка"),
        ({"wants_answer": "on", "consent": "on"}, "Напишите, как к вам обращаться"),
        ({"wants_answer": "on", "name": "Анна", "consent": "on"}, "Укажите e-mail"),
    ],
)
def test_bad_input_is_refused_in_russian_and_nothing_is_stored(client, village, changes, message):
    response = client.post(URL, form(village, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Wish.objects.exists() and not Question.objects.exists()


def test_a_settlement_of_another_municipality_page_is_not_offered(
    client, village, other_municipality
):
    stranger = Settlement.objects.create(municipality=other_municipality, kind="с.", name="Чужое")
    page = client.get(URL).content.decode()
    assert "с. Донское" in page and "с. Чужое" in page  # the region's form groups them
    assert client.post(URL, form(stranger)).status_code == 302
    assert Wish.objects.get().municipality == other_municipality


def test_honeypot_filled_by_a_robot_stores_nothing(client, village):
    response = client.post(URL, form(village, website="http://spam.example"))
    assert response.status_code == 302
    assert not Wish.objects.exists()


def test_too_many_answers_from_one_address_are_refused(client, village, settings):
    settings.WISH_RATE_LIMIT = "2/h"
    for _ in range(2):
        assert client.post(URL, form(village)).status_code == 302
    limited = client.post(URL, form(village))
    assert limited.status_code == 429
    assert "Подождите час" in limited.content.decode()
    assert Wish.objects.count() == 2


def test_with_redis_away_wishes_are_taken_and_the_honeypot_still_works(
    client, village, settings, redis_away
):
    settings.WISH_RATE_LIMIT = "2/h"
    for _ in range(4):  # nothing can be counted: no refusal, and no «С этого адреса…»
        response = client.post(URL, form(village))
        assert response.status_code == 302
        assert response.url.startswith(reverse("portal:wish_thanks"))
    assert Wish.objects.count() == 4
    assert client.post(URL, form(village, website="http://spam")).status_code == 302
    assert Wish.objects.count() == 4


def test_a_wish_s_own_words_are_erased_with_the_hotline_s_retention(village, settings):
    from datetime import timedelta

    from django.utils import timezone

    from plans.portal import tasks

    old = Wish.objects.create(
        municipality=village.municipality, settlement=village, age=9, focus="arts", text="Хор"
    )
    Wish.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.HOTLINE_RETENTION_DAYS + 1)
    )
    recent = Wish.objects.create(
        municipality=village.municipality, settlement=village, age=9, focus="arts", text="Танцы"
    )
    tasks.hotline_personal_data_purge()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.text, old.age, old.focus) == ("", 9, "arts")  # still counted
    assert recent.text == "Танцы"


def test_the_text_of_a_wish_with_an_answer_asked_for_is_erased_too(client, village, settings):
    """With consent or without it, a wish's own words go at the retention; what is counted
    (age, place, focus) stays, and the question made of it loses its words as well."""
    from datetime import timedelta

    from django.utils import timezone

    from plans.portal import tasks

    data = form(village, wants_answer="on", name="Анна", email="anna@example.org", consent="on")
    assert client.post(URL, {**data, "text": "Хор, как у Маши Ивановой"}).status_code == 302
    assert client.post(URL, form(village, text="Шахматы у Петровых")).status_code == 302
    long_ago = timezone.now() - timedelta(days=settings.HOTLINE_RETENTION_DAYS + 1)
    Wish.objects.update(created_at=long_ago)
    Question.objects.update(created_at=long_ago)

    tasks.hotline_personal_data_purge()
    assert [(w.text, w.age, w.focus, w.settlement) for w in Wish.objects.all()] == [
        ("", 12, "technical", village)
    ] * 2
    question = Question.objects.get()
    assert "Ивановой" not in question.text and question.email == ""


def test_the_form_says_the_text_is_erased_and_asks_for_no_names(client, village, settings):
    settings.HOTLINE_RETENTION_DAYS = 182
    page = client.get(URL).content.decode()
    assert "Не пишите здесь имена" in page
    assert "удаляется через 182 дня" in page
