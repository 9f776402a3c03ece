"""Writes to the portal: who may change what, covers resized, the media plan kept in step,
the hotline's answers sent and its personal data erased on time."""

import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from moc_portal.access import check_manages_municipality
from moc_portal.core.concurrency import check_seen, snapshot
from moc_portal.core.errors import DomainError
from moc_portal.core.uploads import check_image_pixels
from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction, User
from plans import documents as plan_documents
from plans import services as plan_services
from plans.models import Channel, Plan, PlanKind, PlanState, Publication
from programs.centres import centre_of
from programs.models import Settlement

from .context_processors import BLOCKS_CACHE_KEY
from .models import (
    DEFAULT_BLOCKS,
    AskerKind,
    Block,
    Document,
    DocumentKind,
    News,
    Page,
    Question,
    Tag,
    Topic,
    Wish,
)

COVER_MAX_PIXELS = (1600, 1600)


class PortalError(DomainError):
    """A change the rules refuse; the message says what to do."""


def _check_editor(user: User, municipality_id: int | None) -> None:
    check_manages_municipality(
        user, municipality_id, "Материалы портала муниципалитета ведут сотрудники его МОЦ."
    )


def _claim(user: User, record) -> None:
    """A new record is its author's municipality's."""
    if record.pk is None:
        record.municipality_id = record.municipality_id or user.municipality_id
        record.created_by = user
    _check_editor(user, record.municipality_id)


def news_seen(news: News) -> dict[str, str]:
    """The news as its form shows it: what a save must not overwrite (core.concurrency)."""
    fields = ["title", "lead", "body", "cover", "cover_alt", "block", "media_item", "is_published"]
    tags = ", ".join(sorted(tag.name for tag in news.tags.all())) if news.pk else ""
    return snapshot(news, fields, {"Теги": tags})


def page_seen(page: Page) -> dict[str, str]:
    return snapshot(page, ["block", "title", "summary", "body", "is_published"])


def document_seen(document: Document) -> dict[str, str]:
    fields = ["kind", "number", "signed_on", "title", "description", "block", "is_published"]
    return snapshot(document, [*fields, "file"])


def _check_unchanged(record, seen: str | None, seen_of) -> None:
    """A record saved by someone else since its form was opened is not overwritten."""
    if record.pk is not None:
        stored = type(record).objects.select_for_update().get(pk=record.pk)
        check_seen(seen, seen_of(stored))


def _delete_file_after_commit(field_file) -> None:
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))


# --- news ------------------------------------------------------------------------------------


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
    _claim(user, news)
    _check_unchanged(news, seen, news_seen)
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
        _delete_file_after_commit(old_cover)
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
    _check_editor(user, news.municipality_id)
    if news.publication_id:
        news.publication.delete()
    _delete_file_after_commit(news.cover)
    news.delete()


# --- blocks and pages -----------------------------------------------------------------------


def blocks_ensure(model=Block) -> None:
    """Create the default thematic blocks that are missing (run by the data migration, and by
    the demo and tests after a flushed database)."""
    for position, (slug, title, description) in enumerate(DEFAULT_BLOCKS, start=1):
        model.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description, "position": position}
        )


def _check_administrator(user: User) -> None:
    if not user.is_administrator:
        raise PermissionDenied("Тематические блоки портала меняет администратор.")


@transaction.atomic
def block_save(*, user: User, block: Block) -> Block:
    _check_administrator(user)
    if block.pk is None:
        block.position = (Block.objects.aggregate(m=Max("position"))["m"] or 0) + 1
    block.full_clean()
    block.save()
    transaction.on_commit(lambda: cache.delete(BLOCKS_CACHE_KEY))
    return block


@transaction.atomic
def block_move(*, user: User, block: Block, direction: str) -> None:
    _check_administrator(user)
    blocks = list(Block.objects.select_for_update().order_by("position", "pk"))
    plan_services.positions_swap(blocks, block.pk, direction, Block)
    transaction.on_commit(lambda: cache.delete(BLOCKS_CACHE_KEY))


@transaction.atomic
def page_save(*, user: User, page: Page, seen: str | None = None) -> Page:
    _claim(user, page)
    _check_unchanged(page, seen, page_seen)
    if page.pk is None or page.block_id != Page.objects.get(pk=page.pk).block_id:
        last = Page.objects.filter(block_id=page.block_id).aggregate(m=Max("position"))["m"]
        page.position = (last or 0) + 1
    page.full_clean()
    page.save()
    return page


@transaction.atomic
def page_move(*, user: User, page: Page, direction: str) -> None:
    """Pages of a block are arranged by the staff of the page's municipality among their own."""
    _check_editor(user, page.municipality_id)
    siblings = Page.objects.select_for_update().filter(
        block_id=page.block_id, municipality_id=page.municipality_id
    )
    plan_services.positions_swap(
        list(siblings.order_by("position", "pk")), page.pk, direction, Page
    )


@transaction.atomic
def page_delete(*, user: User, page: Page) -> None:
    _check_editor(user, page.municipality_id)
    page.delete()


# --- documents -------------------------------------------------------------------------------


@transaction.atomic
def document_save(
    *, user: User, document: Document, file=None, seen: str | None = None
) -> Document:
    _claim(user, document)
    _check_unchanged(document, seen, document_seen)
    old_file = None
    if file is not None:
        if document.plan_id:
            raise PortalError(
                "Файл плана собирается из самого плана: опубликуйте план заново со страницы плана."
            )
        old_file = Document.objects.get(pk=document.pk).file if document.pk else None
        document.file = file
    document.full_clean()
    document.save()
    if old_file:
        _delete_file_after_commit(old_file)
    return document


@transaction.atomic
def document_delete(*, user: User, document: Document) -> None:
    _check_editor(user, document.municipality_id)
    _delete_file_after_commit(document.file)
    document.delete()


@transaction.atomic
def plan_document_publish(*, user: User, plan: Plan) -> Document:
    """Put the approved plan in the library as its printed version (the Word document that is
    signed); publishing again replaces the file, so the library always has the plan as it is."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_editor(user, plan.municipality_id)
    if plan.state != PlanState.APPROVED:
        raise PortalError("В библиотеку документов публикуется только утверждённый план.")
    printed = plan_documents.plan_document(plan)
    buffer = io.BytesIO()
    plan_documents.write_docx(printed, buffer)
    document = Document.objects.filter(plan=plan).first() or Document(
        plan=plan, municipality_id=plan.municipality_id, created_by=user
    )
    old_file = document.file if document.pk else None
    document.kind = DocumentKind.PLAN
    document.title = plan.title
    document.signed_on = plan.approved_date
    document.description = f"{plan.get_kind_display()} на {plan.period_label}."
    document.is_published = True
    document.file.save(f"{printed.filename}.docx", ContentFile(buffer.getvalue()), save=False)
    document.full_clean()
    document.save()
    if old_file:
        _delete_file_after_commit(old_file)
    return document


# --- hotline ---------------------------------------------------------------------------------


def consent_text(municipality=None) -> str:
    """The consent to the processing of personal data (152-ФЗ, art. 9) the asker gives to the
    centre of the municipality they ask (the operator), or to the installation's."""
    return render_to_string(
        "portal/consent.txt",
        {"centre": centre_of(municipality), "retention_days": settings.HOTLINE_RETENTION_DAYS},
    ).strip()


@transaction.atomic
def question_ask(*, question: Question, consent: bool) -> Question:
    if not consent:
        raise ValidationError(
            {
                "consent": "Без согласия на обработку персональных данных вопрос принять нельзя: "
                "отметьте согласие или позвоните на горячую линию."
            }
        )
    question.consent_text = consent_text(question.municipality_id)
    question.consent_at = timezone.now()
    question.full_clean()
    question.save()
    return question


def _editable_question(user: User, question: Question) -> Question:
    question = Question.objects.select_for_update().get(pk=question.pk)
    _check_editor(user, question.municipality_id)
    return question


@transaction.atomic
def question_answer(*, user: User, question: Question, answer: str) -> Question:
    """Record the answer and send it to the asker by e-mail once the answer is saved."""
    question = _editable_question(user, question)
    if question.personal_data_purged_at:
        raise PortalError(
            "Персональные данные автора уже удалены по сроку хранения: ответ отправить некому."
        )
    if not answer.strip():
        raise ValidationError({"answer": "Напишите ответ."})
    question.answer = answer.strip()
    question.answered_by = user
    question.answered_at = timezone.now()
    question.notified_at = None
    question.save()
    _trail(user, PersonalDataAction.ANSWERED, question)
    transaction.on_commit(lambda: hotline_answer_notify_task.delay(question.pk))
    return question


def question_notify(question_id: int) -> bool:
    """E-mail the answer to the asker; False when there is nothing (left) to send."""
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question_id)
        if not question.answered_at or question.notified_at or not question.email:
            return False
        centre = centre_of(question.municipality_id)
        body = render_to_string(
            "emails/hotline_answer.txt", {"question": question, "centre": centre}
        )
        send_mail(
            f"Ответ на ваш вопрос — {centre.short_name or centre.full_name}",
            body,
            None,
            [question.email],
        )
        question.notified_at = timezone.now()
        question.save(update_fields=["notified_at"])
    return True


@shared_task(
    name="plans.portal.tasks.hotline_answer_notify",  # the name queued messages know
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_kwargs={"max_retries": 8},
)
def hotline_answer_notify_task(question_id: int) -> bool:
    """Send the answer to the asker (``question_notify``); safe to run twice (a sent answer
    is not sent again)."""
    return question_notify(question_id)


@transaction.atomic
def question_faq_save(
    *, user: User, question: Question, faq_question: str, faq_answer: str, published: bool
) -> Question:
    """Staff choose whether an answered question goes to the FAQ, in words they write
    themselves, so the asker's name and details never reach the page."""
    question = _editable_question(user, question)
    if published and not question.is_answered:
        raise PortalError("Сначала ответьте автору, потом публикуйте вопрос в FAQ.")
    if published and not (faq_question.strip() and faq_answer.strip()):
        raise ValidationError(
            {"faq_question": "Для FAQ нужны вопрос и ответ без имён и контактов автора."}
        )
    leaked = _personal_data_in(question, f"{faq_question} {faq_answer}")
    if leaked:
        raise ValidationError(
            {"faq_question": f"В тексте для FAQ есть {leaked} автора: уберите, FAQ видят все."}
        )
    question.faq_question = faq_question.strip()
    question.faq_answer = faq_answer.strip()
    question.faq_published = published
    question.save()
    return question


def _personal_data_in(question: Question, text: str) -> str:
    """What of the asker's own data a text repeats: «имя», «e-mail», «телефон», or ""."""
    folded = text.casefold()
    digits = re.sub(r"\D", "", text)
    phone = re.sub(r"\D", "", question.phone)
    if question.email and question.email.casefold() in folded:
        return "e-mail"
    if len(phone) >= 5 and phone[-7:] in digits:
        return "телефон"
    names = [part for part in question.name.casefold().split() if len(part) >= 3]
    if any(re.search(rf"\b{re.escape(part)}\b", folded) for part in names):
        return "имя"
    return ""


ERASED_FIELDS = {"name": "", "email": "", "phone": "", "text": "", "answer": ""}


@transaction.atomic
def personal_data_purge(*, now: datetime | None = None) -> int:
    """Erase the askers' names, contacts and their own words (and the answers addressed to
    them) from questions older than ``HOTLINE_RETENTION_DAYS``, and the parents' own words from
    wishes as old; FAQ texts written by staff stay. Returns how many questions were purged."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.HOTLINE_RETENTION_DAYS)
    due = list(Question.objects.filter(created_at__lt=cutoff, personal_data_purged_at=None))
    Question.objects.filter(pk__in=[q.pk for q in due]).update(
        **ERASED_FIELDS, personal_data_purged_at=now
    )
    # A wish's own words may name someone too; its age, place and focus area stay counted.
    Wish.objects.filter(created_at__lt=cutoff).exclude(text="").update(text="")
    for question in due:
        _trail(None, PersonalDataAction.PURGED, question)
    return len(due)


@transaction.atomic
def question_erase(*, user: User, question: Question) -> Question:
    """The asker withdrew consent or asked to be forgotten: their name, contacts, words and
    the answer to them are erased now, as the retention period would; the FAQ text stays."""
    question = _editable_question(user, question)
    if question.personal_data_purged_at:
        raise PortalError("Персональные данные автора этого вопроса уже удалены.")
    for name, value in ERASED_FIELDS.items():
        setattr(question, name, value)
    question.personal_data_purged_at = timezone.now()
    question.save()
    _trail(user, PersonalDataAction.ERASED, question)
    return question


def question_viewed(*, user: User, question: Question) -> None:
    """Opening a question with its asker's data is recorded in the audit trail."""
    if not question.personal_data_purged_at:
        _trail(user, PersonalDataAction.VIEWED, question)


def _trail(user, action, question: Question) -> None:
    personal_data_event(
        actor=user,
        action=action,
        subject=f"Вопрос горячей линии № {question.pk}",
        municipality_id=question.municipality_id,
    )


# --- parents' wishes -------------------------------------------------------------------------


@transaction.atomic
def wish_save(*, data: dict) -> Wish:
    """A parent's wish, counted on the supply grid. When they ask for an answer, their name and
    contacts go into a hotline question under the hotline's consent (refused without it) and
    retention; the wish itself keeps nothing personal."""
    settlement = Settlement.objects.filter(pk=data["settlement"]).first()
    if settlement is None:
        raise ValidationError(
            {"settlement": "Такого населённого пункта нет в списке: выберите его из списка."}
        )
    wish = Wish(
        municipality_id=settlement.municipality_id,
        settlement=settlement,
        age=data["age"],
        focus=data["focus"],
        text=data.get("text", "").strip(),
    )
    wish.full_clean()
    if data.get("wants_answer"):
        wish.question = question_ask(
            question=Question(
                municipality_id=settlement.municipality_id,
                asker_kind=AskerKind.PARENT,
                topic=Topic.PROGRAMS,
                name=data["name"],
                email=data["email"],
                phone=data.get("phone", ""),
                text=(
                    f"Какой кружок нужен ребёнку: {wish.age} лет, {settlement}, "
                    f"{wish.get_focus_display().lower()} направленность."
                    + (f"\n{wish.text}" if wish.text else "")
                ),
            ),
            consent=data.get("consent", False),
        )
    wish.save()
    return wish
