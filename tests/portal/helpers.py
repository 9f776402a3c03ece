"""Building blocks for the portal's tests: records made through the services, as staff would."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from plans.models import PlanItem, PlanKind
from plans.portal import services
from plans.portal.models import Block, Document, News, Page
from tests.plans.factories import PlanItemFactory
from tests.portal.factories import NewsFactory


def image_upload(name="cover.png", size=(3000, 2000), color="#3a7bd5", fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def news(staff, *, published=True, cover=None, **fields) -> News:
    record = NewsFactory.build(
        municipality=None, is_published=published, cover_alt="Обложка" if cover else "", **fields
    )
    return services.news_save(user=staff, news=record, tags=["Навигатор"], cover=cover)


def page(staff, *, published=True, block="methodical", **fields) -> Page:
    services.blocks_ensure()  # a transactional test before this one flushed the migration's
    record = Page(
        block=Block.objects.get(slug=block),
        title=fields.pop("title", "Как написать программу"),
        body=fields.pop("body", "Структура программы по методическим рекомендациям."),
        is_published=published,
        **fields,
    )
    return services.page_save(user=staff, page=record)


def document(staff, *, published=True, **fields) -> Document:
    record = Document(
        kind=fields.pop("kind", "regulation"),
        title=fields.pop("title", "Положение о муниципальном опорном центре"),
        number=fields.pop("number", "112"),
        signed_on=fields.pop("signed_on", date(2020, 9, 1)),
        is_published=published,
        **fields,
    )
    upload = SimpleUploadedFile("polozhenie.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    return services.document_save(user=staff, document=record, file=upload)


def media_plan(municipality) -> PlanItem:
    return PlanItemFactory(
        plan__municipality=municipality,
        plan__kind=PlanKind.MEDIA,
        plan__title="Медиаплан МОЦ",
        plan__period_label="2025 год",
        plan__period_start=date(2025, 1, 1),
        plan__period_end=date(2025, 12, 31),
        number="1",
        title="Поддержание в актуальном состоянии портала МОЦ",
    )
