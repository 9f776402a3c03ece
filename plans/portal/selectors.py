"""Reads of the portal: what the public sees, and search. What a staff member keeps is
``Model.objects.managed_by(user)`` (news, pages, documents, questions)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from moc_portal.core import search as text_search
from plans.models import PlanItem, PlanKind
from programs.catalogue import catalogue

from .markup import plain_text
from .models import Block, Document, News, Page, Question


def news_public() -> QuerySet[News]:
    return News.objects.filter(is_published=True, published_at__isnull=False).select_related(
        "block"
    )


def pages_public() -> QuerySet[Page]:
    return Page.objects.filter(is_published=True).select_related("block")


def documents_public() -> QuerySet[Document]:
    return Document.objects.filter(is_published=True).select_related("block")


def faq_public() -> QuerySet[Question]:
    return Question.objects.filter(faq_published=True).order_by("-answered_at", "-pk")


def blocks() -> QuerySet[Block]:
    return Block.objects.all()


def media_items_for(municipality_id: int | None) -> QuerySet[PlanItem]:
    """Items of the municipality's media plans a news item may count for, newest plan first."""
    return (
        PlanItem.objects.filter(plan__municipality_id=municipality_id, plan__kind=PlanKind.MEDIA)
        .select_related("plan")
        .order_by("-plan__period_start", "plan_id", "position")
    )


# --- search ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    snippet: str
    meta: str


@dataclass(frozen=True)
class Found:
    key: str
    label: str
    hits: list[Hit]
    total: int
    more_url: str = ""


SEARCH_LIMIT = 10


def _news_hit(news: News) -> Hit:
    return Hit(news.title, news.get_absolute_url(), news.lead, f"{news.published_at:%d.%m.%Y}")


def _page_hit(page: Page) -> Hit:
    snippet = page.summary or plain_text(page.body, 200)
    return Hit(page.title, page.get_absolute_url(), snippet, page.block.title)


def _document_hit(document: Document) -> Hit:
    """Its kind, number and date as a document is cited: «Приказ № 12 от 01.09.2025»."""
    parts = [
        document.get_kind_display(),
        f"№ {document.number}" if document.number else "",
        f"от {document.signed_on:%d.%m.%Y}" if document.signed_on else "",
    ]
    meta = " ".join(part for part in parts if part)
    return Hit(document.title, document.get_absolute_url(), document.description, meta)


def _faq_hit(question: Question) -> Hit:
    return Hit(
        plain_text(question.faq_question, 160),
        reverse("portal:hotline") + f"#faq-{question.pk}",
        plain_text(question.faq_answer, 200),
        question.get_topic_display(),
    )


# The portal's own records searched, in the order the results page shows them: key, heading,
# what the public sees, the fields matched, and how a match is shown.
SEARCHED = [
    ("news", "Новости", news_public, ["title", "lead", "body"], _news_hit),
    ("pages", "Страницы", pages_public, ["title", "summary", "body"], _page_hit),
    ("documents", "Документы", documents_public, ["title", "number", "description"], _document_hit),
    ("faq", "Вопросы и ответы", faq_public, ["faq_question", "faq_answer"], _faq_hit),
]


def portal_search(query: str, *, limit: int = SEARCH_LIMIT) -> list[Found]:
    """News, pages, documents, FAQ and programmes matching the query, best first in each.

    Russian full text on PostgreSQL, stems on SQLite (``moc_portal.core.search``); programmes use
    the catalogue's own index and ranking.
    """
    if not text_search.normalize(query):
        return []
    own = [
        _found(query, limit, key, label, public(), fields, hit)
        for key, label, public, fields, hit in SEARCHED
    ]
    return [*own, _programs_found(query, limit)]


def _found(query, limit, key, label, queryset, fields, hit) -> Found:
    """The best ``limit`` records of one kind, and how many match in all."""
    matched = text_search.search_fields(queryset, fields, query)
    rows = list(matched.order_by("-rank", "-pk")[:limit])
    total = len(rows) if len(rows) < limit else matched.count()
    return Found(key, label, [hit(row) for row in rows], total)


def _programs_found(query: str, limit: int) -> Found:
    """Programmes by the catalogue's own index and ranking, with a link to the catalogue's
    search for the rest."""
    programs = text_search.search(catalogue(), query)
    rows = list(programs.order_by("-rank", "name")[:limit])
    hits = [
        Hit(
            program.name,
            reverse("programs:public_detail", args=[program.pk]),
            program.short_description,
            program.organisation.short_name,
        )
        for program in rows
    ]
    total = len(rows) if len(rows) < limit else programs.count()
    more_url = reverse("programs:catalogue") + "?" + urlencode({"q": query})
    return Found("programs", "Программы", hits, total, more_url)
