"""Writes to the portal: who may change what, covers resized, the media plan kept in step,
the hotline's answers sent and its personal data erased on time.

By subject: ``rules`` (who keeps a record, lost edits, files removed after commit), ``news``,
``pages`` (thematic blocks and their pages), ``documents`` (the library, published plans),
``hotline`` (questions, answers and their e-mail task, the FAQ, personal data), ``wishes``
(parents' wishes). Callers import them from here: ``from plans.portal import services``.
"""

from .documents import document_delete, document_save, document_seen, plan_document_publish
from .hotline import (
    ERASED_FIELDS,
    consent_text,
    hotline_answer_notify_task,
    personal_data_purge,
    question_answer,
    question_ask,
    question_erase,
    question_faq_save,
    question_notify,
    question_viewed,
)
from .news import COVER_MAX_PIXELS, news_delete, news_save, news_seen, resized_cover
from .pages import (
    block_move,
    block_save,
    blocks_ensure,
    page_delete,
    page_move,
    page_save,
    page_seen,
)
from .rules import PortalError
from .wishes import wish_save

__all__ = [
    "COVER_MAX_PIXELS",
    "ERASED_FIELDS",
    "PortalError",
    "block_move",
    "block_save",
    "blocks_ensure",
    "consent_text",
    "document_delete",
    "document_save",
    "document_seen",
    "hotline_answer_notify_task",
    "news_delete",
    "news_save",
    "news_seen",
    "page_delete",
    "page_move",
    "page_save",
    "page_seen",
    "personal_data_purge",
    "plan_document_publish",
    "question_answer",
    "question_ask",
    "question_erase",
    "question_faq_save",
    "question_notify",
    "question_viewed",
    "resized_cover",
    "wish_save",
]
