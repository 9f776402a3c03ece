"""News, pages and documents: sanitised text, drafts kept private, the media plan kept in step,
covers resized, the approved plan published into the library, who may change what."""

import io
from datetime import date
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as Docx
from PIL import Image

from plans.models import Plan, PlanState, Publication
from plans.portal import services
from plans.portal.models import Block, Document, News, Page
from plans.portal.services import PortalError
from tests.helpers import login
from tests.plans.factories import PlanFactory, PlanItemFactory

from .helpers import document, image_upload, media_plan, news, page

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Привет!\n\n<script>alert('xss')</script>\n\n"
    '[Нажми](javascript:alert(1)) и <a href="javascript:alert(2)" onclick="steal()">сюда</a>\n\n'
    "<img src=x onerror=alert(3)>\n\n![картинка](javascript:alert(4))\n\n"
    "[Навигатор](https://navigator.example/) **важно**"
)


class _Tags(HTMLParser):
    """Every tag and attribute a browser would build from the page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def assert_harmless(html: str) -> None:
    parsed = _Tags()
    parsed.feed(html)
    scripts = [a for a in parsed.attributes if a[0] == "script" and a[1] == "src"]
    # Only the portal's own scripts (local files) are on the page; none came from the text.
    assert parsed.tags.count("script") == len(scripts)
    assert all(value.startswith("/static/") for _, _, value in scripts)
    assert not [a for a in parsed.attributes if a[1].startswith("on")]
    assert not [a for a in parsed.attributes if a[2].strip().lower().startswith("javascript:")]


def test_news_body_with_script_and_javascript_links_renders_harmless(client, staff):
    item = news(staff, body=HOSTILE)
    html = client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    assert_harmless(html)
    assert "&lt;script&gt;alert(" in html  # shown as the text it was, not run
    assert '<a href="https://navigator.example/" rel="noopener noreferrer nofollow">' in html
    assert "<strong>важно</strong>" in html


def test_page_body_is_sanitised_too(client, staff):
    item = page(staff, body=HOSTILE)
    assert_harmless(client.get(reverse("portal:page", args=[item.pk])).content.decode())


def test_markdown_preview_for_staff_is_sanitised(client, staff):
    login(client, staff)
    response = client.post(reverse("portal:preview"), {"text": HOSTILE})
    assert response.status_code == 200
    assert_harmless(response.content.decode())
    assert "<strong>важно</strong>" in response.content.decode()


@pytest.mark.parametrize("kind", ["news", "page", "document"])
def test_drafts_are_not_public(client, staff, kind):
    make = {"news": news, "page": page, "document": document}[kind]
    draft = make(staff, published=False, title="Секретный черновик")
    url = {
        "news": reverse("portal:news_detail", args=[draft.pk]),
        "page": reverse("portal:page", args=[draft.pk]),
        "document": reverse("portal:document_file", args=[draft.pk]),
    }[kind]
    assert client.get(url).status_code == 404
    for listing in ["portal:news", "portal:documents", "portal:news_rss"]:
        assert "Секретный черновик" not in client.get(reverse(listing)).content.decode()
    assert (
        "Секретный" not in client.get(reverse("portal:block", args=["methodical"])).content.decode()
    )
    assert (
        "Секретный" not in client.get(reverse("portal:search"), {"q": "секретный"}).content.decode()
    )
    assert "Секретный" not in client.get("/sitemap-news.xml").content.decode()
    # The author previews the draft at its address.
    login(client, staff)
    assert client.get(url).status_code == 200


def test_draft_is_not_shown_to_staff_of_another_municipality(client, staff, staff_other):
    draft = news(staff, published=False)
    login(client, staff_other)
    assert client.get(reverse("portal:news_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("portal:news_edit", args=[draft.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        services.news_save(user=staff_other, news=draft)


def test_news_published_gets_its_date_and_withdrawn_keeps_it_private(client, staff):
    item = news(staff, published=False)
    assert item.published_at is None
    item.is_published = True
    services.news_save(user=staff, news=item)
    assert item.published_at is not None
    assert client.get(reverse("portal:news_detail", args=[item.pk])).status_code == 200
    item.is_published = False
    services.news_save(user=staff, news=item)
    assert client.get(reverse("portal:news_detail", args=[item.pk])).status_code == 404


def test_news_linked_to_media_plan_item_counts_as_its_publication(staff, municipality):
    item = media_plan(municipality)
    draft = news(staff, published=False, media_item=item)
    assert not Publication.objects.exists()  # a draft is not a publication yet
    draft.is_published = True
    services.news_save(user=staff, news=draft)
    publication = Publication.objects.get()
    assert (publication.item, publication.channel, publication.title) == (
        item,
        "portal",
        draft.title,
    )
    assert publication.url == f"http://portal.test/news/{draft.pk}/"
    draft.title = "Новый заголовок"
    services.news_save(user=staff, news=draft)
    assert Publication.objects.get().title == "Новый заголовок"
    draft.is_published = False
    services.news_save(user=staff, news=draft)
    assert not Publication.objects.exists()


def test_news_cannot_count_for_another_municipalitys_media_plan(staff, other_municipality):
    foreign = media_plan(other_municipality)
    with pytest.raises(ValidationError) as error:
        news(staff, media_item=foreign)
    assert "медиаплана своего муниципалитета" in str(error.value)


def test_cover_is_resized_to_jpeg_and_needs_alt_text(staff):
    with pytest.raises(ValidationError) as error:
        services.news_save(
            user=staff,
            news=News(title="С обложкой", lead="Анонс", body="Текст"),
            cover=image_upload(),
        )
    assert "экранный диктор" in str(error.value)
    item = services.news_save(
        user=staff,
        news=News(title="С обложкой", lead="Анонс", body="Текст", cover_alt="Дети у роботов"),
        cover=image_upload(),
    )
    with Image.open(item.cover.path) as stored:
        assert stored.format == "JPEG"
        assert max(stored.size) == 1600 and stored.size == (1600, 1067)


def test_cover_that_is_not_an_image_is_refused_with_a_message(client, staff):
    login(client, staff)
    fake = SimpleUploadedFile("cover.png", b"not an image", content_type="image/png")
    response = client.post(
        reverse("portal:news_create"),
        {"title": "Т", "lead": "А", "body": "Б", "cover_alt": "x", "cover_upload": fake},
    )
    assert response.status_code == 200
    assert "не читается как изображение" in response.content.decode()
    assert not News.objects.exists()


def test_staff_write_news_in_the_browser_form(client, staff):
    login(client, staff)
    response = client.post(
        reverse("portal:news_create"),
        {
            "title": "Фестиваль технического творчества",
            "lead": "Приглашаем детей и родителей.",
            "body": "## Программа\n\n- роботы\n- 3D-печать",
            "cover_upload": image_upload(size=(800, 600)),
            "cover_alt": "Робот собран из конструктора",
            "tags_text": "фестиваль, Родителям",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = News.objects.get()
    assert sorted(t.name for t in item.tags.all()) == ["родителям", "фестиваль"]
    html = client.get(reverse("portal:news_detail", args=[item.pk])).content.decode()
    assert "<h2>Программа</h2>" in html and "<li>роботы</li>" in html
    assert 'alt="Робот собран из конструктора"' in html


def test_pages_are_arranged_within_their_block(client, staff):
    first, second = page(staff, title="Первая"), page(staff, title="Вторая")
    login(client, staff)
    client.post(reverse("portal:page_move", args=[second.pk, "up"]))
    html = client.get(reverse("portal:block", args=["methodical"])).content.decode()
    assert html.index("Вторая") < html.index("Первая")
    assert list(Page.objects.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]


def test_only_administrators_change_the_blocks(client, staff, administrator):
    block = Block.objects.get(slug="analytics")
    with pytest.raises(PermissionDenied):
        services.block_move(user=staff, block=block, direction="up")
    login(client, staff)
    assert client.get(reverse("portal:block_edit", args=[block.pk])).status_code == 403
    services.block_move(user=administrator, block=block, direction="up")
    assert list(Block.objects.values_list("slug", flat=True)) == [
        "methodical",
        "analytics",
        "distance",
        "information",
    ]


def test_documents_library_filters_by_kind_and_year(client, staff):
    document(staff, title="Положение о МОЦ", kind="regulation", signed_on=date(2020, 9, 1))
    document(staff, title="Приказ о создании МОЦ", kind="order", signed_on=date(2021, 3, 1))
    html = client.get(reverse("portal:documents"), {"kind": "order"}).content.decode()
    assert "Приказ о создании МОЦ" in html and "Положение о МОЦ" not in html
    html = client.get(reverse("portal:documents"), {"year": "2020"}).content.decode()
    assert "Положение о МОЦ" in html and "Приказ о создании" not in html
    html = client.get(reverse("portal:documents"), {"q": "приказ"}).content.decode()
    assert "Приказ о создании МОЦ" in html and "Положение о МОЦ" not in html


def test_document_with_a_forbidden_file_type_is_refused(client, staff):
    login(client, staff)
    response = client.post(
        reverse("portal:document_create"),
        {
            "kind": "order",
            "title": "Приказ",
            "upload": SimpleUploadedFile("virus.exe", b"MZ", content_type="application/x-msdos"),
        },
    )
    assert response.status_code == 200
    assert "“exe” не поддерживается" in response.content.decode()
    assert not Document.objects.exists()


def _approved_plan(municipality) -> Plan:
    plan = PlanFactory(
        municipality=municipality,
        title="План работы МОЦ на 2025-2026 учебный год",
        state=PlanState.APPROVED,
        approved_post="Директор",
        approved_name="И.И. Иванова",
        approved_date=date(2025, 8, 30),
    )
    PlanItemFactory(plan=plan, number="1", title="Мониторинг программ")
    return plan


def test_approved_plan_is_published_as_its_printed_version_in_one_action(
    client, staff, municipality
):
    plan = _approved_plan(municipality)
    login(client, staff)
    response = client.post(reverse("portal:plan_publish", args=[plan.pk]), follow=True)
    assert "опубликован в библиотеке" in response.content.decode()
    document = Document.objects.get(plan=plan)
    assert document.is_published and document.kind == "plan"
    assert document.signed_on == date(2025, 8, 30)

    printed = Docx(document.file.path)
    cells = [cell.text for table in printed.tables for row in table.rows for cell in row.cells]
    assert "План работы МОЦ на 2025-2026 учебный год" in [p.text for p in printed.paragraphs]
    assert "Мониторинг программ" in cells
    # The approval block, the initials bound to the name (a non-breaking space).
    assert any("И.И.\u00a0Иванова" in cell for cell in cells)
    client.logout()
    response = client.get(reverse("portal:document_file", args=[document.pk]))
    assert response.status_code == 200
    # Published again, the same library entry gets the plan's current file.
    services.plan_document_publish(user=staff, plan=plan)
    assert Document.objects.filter(plan=plan).count() == 1


def test_draft_plan_cannot_be_published_into_the_library(staff, municipality):
    plan = _approved_plan(municipality)
    Plan.objects.filter(pk=plan.pk).update(state=PlanState.DRAFT)
    with pytest.raises(PortalError):
        services.plan_document_publish(user=staff, plan=plan)
    assert not Document.objects.exists()


def test_staff_of_another_municipality_cannot_publish_the_plan(client, staff_other, municipality):
    plan = _approved_plan(municipality)
    with pytest.raises(PermissionDenied):
        services.plan_document_publish(user=staff_other, plan=plan)
    login(client, staff_other)
    assert client.post(reverse("portal:plan_publish", args=[plan.pk])).status_code == 404


def test_manage_pages_list_only_own_municipality(client, staff, staff_other):
    news(staff, title="Новость Задонска")
    news(staff_other, title="Новость Липецка")
    login(client, staff)
    html = client.get(reverse("portal:manage_news")).content.decode()
    assert "Новость Задонска" in html and "Новость Липецка" not in html


def test_cover_upload_too_large_is_refused(client, staff, settings):
    settings.PORTAL_UPLOAD_MAX_BYTES = 1000
    login(client, staff)
    buffer = io.BytesIO()
    Image.new("RGB", (400, 400), "red").save(buffer, "BMP")
    response = client.post(
        reverse("portal:news_create"),
        {
            "title": "Т",
            "lead": "А",
            "body": "Б",
            "cover_alt": "x",
            "cover_upload": SimpleUploadedFile("big.bmp", buffer.getvalue()),
        },
    )
    assert "уменьшите файл" in response.content.decode()


def test_cover_is_given_out_by_the_portal_only_for_published_news(client, staff):
    published = news(staff, cover=image_upload(size=(400, 300)))
    draft = news(staff, published=False, cover=image_upload(size=(400, 300)))
    response = client.get(published.cover_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(draft.cover_url).status_code == 404
