"""RSS, search across the portal, the events calendar, the header and footer."""

from datetime import date, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from plans.models import Event
from plans.portal import services
from plans.portal.models import Question
from programs.choices import ProgramStatus
from tests.helpers import move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

from .helpers import document, image_upload, news, page

pytestmark = pytest.mark.django_db


def test_rss_feed_is_valid_rss_2(client, staff):
    from plans.portal.models import News

    services.news_save(
        user=staff,
        news=News(
            title="Фестиваль «Твори, выдумывай, пробуй» & конкурс <роботов>",
            lead="Приглашаем детей и родителей.",
            body="Текст",
            cover_alt="Робот",
            is_published=True,
        ),
        tags=["фестиваль"],
        cover=image_upload(size=(400, 300)),
    )
    news(staff, title="Черновик", published=False)
    response = client.get(reverse("portal:news_rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)  # well-formed XML
    assert root.tag == "rss" and root.get("version") == "2.0"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title.startswith("Новости") and feed.feed.link == "http://testserver/news/"
    (entry,) = feed.entries
    assert entry.title == "Фестиваль «Твори, выдумывай, пробуй» & конкурс <роботов>"
    assert entry.link.startswith("http://testserver/news/") and entry.published_parsed
    assert entry.id.startswith("http://portal.test/news/")
    assert [t.term for t in entry.tags] == ["фестиваль"]
    assert entry.enclosures[0].type == "image/jpeg" and int(entry.enclosures[0].length) > 0


def _faq(staff, municipality):
    question = services.question_ask(
        question=Question(
            municipality=municipality,
            asker_kind="parent",
            name="Иван",
            email="ivan@example.org",
            topic="certificate",
            text="Сертификат?",
        ),
        consent=True,
    )
    services.question_answer(user=staff, question=question, answer="Да.")
    services.question_faq_save(
        user=staff,
        question=question,
        faq_question="Как получить сертификат дополнительного образования?",
        faq_answer="Подайте заявление в Навигаторе.",
        published=True,
    )


def test_portal_search_finds_news_pages_documents_faq_and_programmes(
    client, staff, municipality, org_a, coordinator_a
):
    news(staff, title="Сертификаты на новый учебный год", body="Выдача сертификатов начата.")
    page(staff, title="Памятка о сертификате", body="Что такое сертификат.")
    document(staff, title="Положение о сертификатах дополнительного образования")
    _faq(staff, municipality)
    program = ProgramFactory(organisation=org_a, name="Робототехника по сертификату")
    ProgramGroupFactory(program=program)
    move_to(program, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    news(staff, title="Сертификат: черновик", published=False)

    response = client.get(reverse("portal:search"), {"q": "сертификат"})
    html = response.content.decode()
    for found in [
        "Сертификаты на новый учебный год",
        "Памятка о сертификате",
        "Положение о сертификатах дополнительного образования",
        "Как получить сертификат дополнительного образования?",
    ]:
        assert found in html
    assert "Сертификат: черновик" not in html
    found = {f.key: f.total for f in response.context["results"]}
    assert found["news"] == 1 and found["pages"] == 1 and found["documents"] == 1
    assert found["faq"] == 1


def test_search_for_nothing_says_so(client):
    html = client.get(reverse("portal:search"), {"q": "подводное плавание"}).content.decode()
    assert "ничего не нашлось" in html


def test_events_calendar_shows_public_events_with_results_of_past_ones(client, staff, municipality):
    today = timezone.localdate()
    past = Event.objects.create(
        municipality=municipality,
        kind="festival",
        title="Фестиваль прошлого месяца",
        starts_on=today - timedelta(days=40),
        place="Дом школьника",
        audience=["children", "parents"],
        participants=120,
        result="Награждены 15 победителей.",
        is_public=True,
    )
    Event.objects.create(
        municipality=municipality,
        kind="seminar",
        title="Семинар для родителей",
        starts_on=today + timedelta(days=3),
        audience=["parents"],
        is_public=True,
    )
    Event.objects.create(
        municipality=municipality,
        kind="meeting",
        title="Внутреннее совещание",
        starts_on=today + timedelta(days=3),
        is_public=False,
    )
    html = client.get(reverse("portal:events")).content.decode()
    assert "Семинар для родителей" in html and "Внутреннее совещание" not in html
    html = client.get(reverse("portal:events"), {"audience": "children"}).content.decode()
    assert "Семинар для родителей" not in html
    month = f"{past.starts_on:%Y-%m}"
    html = client.get(reverse("portal:events"), {"month": month}).content.decode()
    assert "Фестиваль прошлого месяца" in html
    html = client.get(reverse("portal:event", args=[past.pk])).content.decode()
    assert "Награждены 15 победителей." in html and "Участников: 120" in html
    private = Event.objects.get(is_public=False)
    assert client.get(reverse("portal:event", args=[private.pk])).status_code == 404
    assert client.get(reverse("portal:events"), {"month": "2025-13"}).status_code == 200


def test_header_and_footer_carry_the_centre_and_required_links(client, settings):
    settings.MOC_CENTRE_NAME = "МОЦ Задонского района"
    settings.MOC_CENTRE_ADDRESS = "г. Задонск, ул. Крупской, 9"
    settings.MOC_CENTRE_PHONE = "+7 (47471) 2-11-44"
    settings.NAVIGATOR_PUBLIC_URL = "https://p48.navigator.example/"
    html = client.get(reverse("home")).content.decode()
    for expected in [
        "МОЦ Задонского района",
        "г. Задонск, ул. Крупской, 9",
        'href="tel:+7474712114',
        'href="https://p48.navigator.example/"',
        reverse("portal:privacy"),
        reverse("portal:hotline"),
        reverse("portal:search"),
        "Версия для слабовидящих",
        "Методический блок",
        reverse("sitemap"),
    ]:
        assert expected in html, expected


def test_sitemap_lists_the_portal(client, staff):
    item = news(staff)
    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert f"/news/{item.pk}/" in sitemap
    assert "/documents/" in client.get("/sitemap-portal.xml").content.decode()
    assert "/portal/" in client.get("/robots.txt").content.decode()


def test_old_date_events_link_back_to_their_month(client, municipality):
    event = Event.objects.create(
        municipality=municipality,
        kind="contest",
        title="Конкурс",
        starts_on=date(2024, 3, 5),
        is_public=True,
    )
    html = client.get(reverse("portal:event", args=[event.pk])).content.decode()
    assert "?month=2024-03" in html
