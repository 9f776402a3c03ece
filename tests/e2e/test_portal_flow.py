"""Staff publish news with a cover, a parent on a phone finds it through the portal's search
and asks the hotline a question, staff answer it; the portal's public pages pass axe-core
(WCAG 2.1 AA) in the normal version and the version for the visually impaired."""

import io

import pytest
from django.core import mail
from PIL import Image
from playwright.sync_api import expect

from plans.models import Event
from plans.portal.models import News, Question
from tests.e2e.test_catalogue import PHONE, _assert_no_violations
from tests.portal import helpers

pytestmark = pytest.mark.browser


def _png() -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1600), "#2a6f97").save(buffer, "PNG")
    return {"name": "festival.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_news_found_by_a_parent_who_asks_and_gets_an_answer(
    page, live_server, sign_in, sign_out, csp_violations, municipality, staff
):
    # Staff write the news in the browser, with a cover and its description.
    sign_in(staff)
    page.goto(f"{live_server.url}/portal/news/new/")
    page.get_by_label("Заголовок").fill("Фестиваль технического творчества")
    page.get_by_label("Анонс").fill("Приглашаем детей и родителей в Дом школьника.")
    page.get_by_label("Текст").fill("## Программа\n\n- роботы\n- **3D-печать**")
    page.get_by_role("button", name="Предпросмотр").click()
    expect(page.locator(".markdown-preview strong")).to_have_text("3D-печать")
    page.get_by_label("Обложка").set_input_files(_png())
    page.get_by_label("Описание обложки").fill("Робот из конструктора на выставке")
    page.get_by_label("Теги").fill("фестиваль, родителям")
    page.get_by_label("Опубликована").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(
        page.get_by_text("Новость «Фестиваль технического творчества» опубликована.")
    ).to_be_visible()
    news = News.objects.get()
    assert news.cover.name.endswith(".jpg")
    sign_out()

    # A parent on a phone searches the portal from the header's menu.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Меню").click()
    page.get_by_label("Поиск по порталу").fill("фестиваль")
    page.get_by_label("Поиск по порталу").press("Enter")
    expect(page.locator("#search-total")).to_contain_text("Найдено 1 материал")
    page.get_by_role("link", name="Фестиваль технического творчества").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Фестиваль технического творчества")
    cover = page.get_by_role("img", name="Робот из конструктора на выставке")
    expect(cover).to_have_count(1)
    cover.scroll_into_view_if_needed()
    # A lazy image loads once scrolled to: wait for it rather than read it mid-load.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=cover.element_handle()
    )
    assert cover.evaluate("img => img.naturalWidth") == 1600
    expect(page.locator(".prose strong")).to_have_text("3D-печать")

    # ... and asks the hotline; the consent is required.
    page.get_by_role("link", name="Горячая линия").first.click()
    page.get_by_label("Муниципалитет").select_option(label=municipality.name)
    page.get_by_label("Кто спрашивает").select_option(label="Родитель (законный представитель)")
    page.get_by_label("Как к вам обращаться").fill("Анна Петрова")
    page.get_by_label("E-mail").fill("anna@example.org")
    page.get_by_label("Тема").select_option(label="Кружки и программы")
    page.get_by_label("Ваш вопрос").fill("Будет ли фестиваль в следующем году?")
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.get_by_text("Без согласия на обработку персональных данных")).to_be_visible()
    assert not Question.objects.exists()
    page.get_by_label("Я даю согласие").check()
    page.get_by_role("button", name="Отправить вопрос").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Спасибо, вопрос отправлен")

    # Staff answer; the parent gets the answer by e-mail.
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(staff)
    page.goto(f"{live_server.url}/portal/hotline/")
    page.locator("table").get_by_role("link").first.click()
    expect(page.get_by_text("Будет ли фестиваль в следующем году?")).to_be_visible()
    page.get_by_label("Ответ автору").fill("Да, фестиваль проходит каждый год в марте.")
    page.get_by_role("button", name="Ответить и отправить").click()
    expect(page.get_by_text("Ответ сохранён и отправлен автору на e-mail.")).to_be_visible()
    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert "каждый год в марте" in message.body
    assert csp_violations == []


@pytest.mark.parametrize("vision", [False, True], ids=["normal", "vision"])
def test_portal_pages_have_no_accessibility_violations(
    page, live_server, staff, municipality, vision
):
    item = helpers.news(staff, body="## Подзаголовок\n\nТекст со [ссылкой](https://example.org).")
    material = helpers.page(staff, body="| Показатель | Значение |\n|---|---|\n| Охват | 75,8 % |")
    helpers.document(staff)
    event = Event.objects.create(
        municipality=municipality,
        kind="festival",
        title="Фестиваль",
        starts_on=item.published_at.date(),
        audience=["children"],
        is_public=True,
    )
    if vision:
        page.goto(live_server.url + "/vision/?on=1&next=/")
    for path in [
        "/news/",
        f"/news/{item.pk}/",
        "/search/?q=текст",
        "/hotline/",
        "/events/",
        f"/events/{event.pk}/",
        "/documents/",
        "/blocks/methodical/",
        f"/pages/{material.pk}/",
        "/privacy/",
    ]:
        page.goto(live_server.url + path)
        _assert_no_violations(page)
