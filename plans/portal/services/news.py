"""News: covers resized, tags kept, and the media plan's register line kept in step with a
news item that counts for one of its items."""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from moc_portal.core.concurrency import snapshot
from moc_portal.core.uploads import check_image_pixels
from moc_portal.users.models import User
from plans import services as plan_services
from plans.models import Channel, PlanKind, Publication

from ..models import News, Tag
from .rules import check_editor, check_unchanged, claim, delete_file_after_commit

COVER_MAX_PIXELS = (1600, 1600)


def news_seen(news: News) -> dict[str, str]:
    """The news as its form shows it: what a save must not overwrite (core.concurrency)."""
    fields = ["title", "lead", "body", "cover", "cover_alt", "block", "media_item", "is_published"]
    tags = ", ".join(sorted(tag.name for tag in news.tags.all())) if news.pk else ""
    return snapshot(news, fields, {"Теги": tags})


def resized_cover(upload) -> ContentFile:
    """The cover as a JPEG no larger than the page shows it, turned as the camera meant."""
    check_image_pixels(upload, "Обложка")  # before a single pixel is decoded
    try:
        with Image.open(upload) as original:
            image = ImageOps.exif_transpose(original)
            image.thumbnail(COVER_MAX_PIXELS)
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.getchannel("A"))
                image = background
            buffer = io.BytesIO()
            image.convert("RGB").save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise ValidationError(
            {"cover": "Обложка не читается как изображение: загрузите файл JPEG, PNG или WebP."}
        ) from error
    return ContentFile(buffer.getvalue(), name=f"{Path(upload.name).stem[:80] or 'cover'}.jpg")


def _tags(names: list[str]) -> list[Tag]:
    tags = []
    for name in dict.fromkeys(" ".join(n.split()).lower() for n in names if n.strip()):
        tag, _ = Tag.objects.get_or_create(name=name[:60])
        tags.append(tag)
    return tags


@transaction.atomic
def news_save(
    *, user: User, news: News, tags: list[str] | None = None, cover=None, seen: str | None = None
) -> News:
    """Add or change a news item. Published, it gets its date; linked to a media plan item,
    it is that item's publication on the portal (and stops being one when withdrawn)."""
    claim(user, news)
    check_unchanged(news, seen, news_seen)
    if news.media_item_id:
        item = news.media_item
        if item.plan.municipality_id != news.municipality_id or item.plan.kind != PlanKind.MEDIA:
            raise ValidationError(
                {"media_item": "Выберите пункт медиаплана своего муниципалитета."}
            )
    old_cover = None
    if cover is not None:
        old_cover = News.objects.get(pk=news.pk).cover if news.pk else None
        news.cover = resized_cover(cover)
    if news.cover and not news.cover_alt.strip():
        raise ValidationError(
            {"cover_alt": "Опишите, что на обложке: это прочтёт экранный диктор."}
        )
    if news.is_published and not news.published_at:
        news.published_at = timezone.now()
    news.full_clean(exclude=["cover"] if cover is not None else None)
    news.save()
    if old_cover:
        delete_file_after_commit(old_cover)
    if tags is not None:
        news.tags.set(_tags(tags))
    _publication_follow(user=user, news=news)
    return news


def _publication_follow(*, user: User, news: News) -> None:
    """Keep the media plan's register line of this news in step with it."""
    publication = news.publication
    if news.is_published and news.media_item_id:
        publication = publication or Publication(municipality_id=news.municipality_id)
        publication.item_id = news.media_item_id
        publication.channel = Channel.PORTAL
        publication.title = news.title
        publication.url = settings.SITE_URL + news.get_absolute_url()
        publication.published_on = timezone.localdate(news.published_at)
        plan_services.publication_save(user=user, publication=publication)
        if news.publication_id != publication.pk:
            news.publication = publication
            News.objects.filter(pk=news.pk).update(publication=publication)
    elif publication is not None:
        news.publication = None
        News.objects.filter(pk=news.pk).update(publication=None)
        publication.delete()


@transaction.atomic
def news_delete(*, user: User, news: News) -> None:
    check_editor(user, news.municipality_id)
    if news.publication_id:
        news.publication.delete()
    delete_file_after_commit(news.cover)
    news.delete()
