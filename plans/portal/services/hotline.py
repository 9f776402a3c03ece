"""The hotline: a question taken under the asker's consent, the answer e-mailed once it is
saved, the FAQ written by staff without the asker's data, and personal data erased on time
or on request, each step in the audit trail."""

import re
from datetime import datetime, timedelta
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from moc_portal.users.audit import personal_data_event
from moc_portal.users.models import PersonalDataAction, User
from programs.models import Wish
from programs.territory.centres import centre_of

from ..models import Question
from .rules import PortalError, check_editor


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
    check_editor(user, question.municipality_id)
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
