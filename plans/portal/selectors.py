"""Reads of the portal: what the public sees, what a staff member keeps, and search."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from moc_portal.core import search as text_search
from moc_portal.users.models import User
from plans.models import PlanItem, PlanKind
from plans.selectors import kept_by
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


def news_for_user(user: User) -> QuerySet[News]:
    return kept_by(user, News.objects.select_related("block", "media_item", "municipality"))


def pages_for_user(user: User) -> QuerySet[Page]:
    return kept_by(user, Page.objects.select_related("block", "municipality"))


def documents_for_user(user: User) -> QuerySet[Document]:
    return kept_by(user, Document.objects.select_related("block", "plan", "municipality"))


def questions_for_user(user: User) -> QuerySet[Question]:
    return kept_by(user, Question.objects.select_related("municipality", "answered_by"))


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


def portal_search(query: str, *, limit: int = SEARCH_LIMIT) -> list[Found]:
    """News, pages, documents, FAQ and programmes matching the query, best first in each.

    Russian full text on PostgreSQL, stems on SQLite (``moc_portal.core.search``); programmes use
    the catalogue's own index and ranking.
    """
    if not text_search.normalize(query):
        return []

    def found(key, label, queryset, fields, hit, more_url=""):
        matched = text_search.search_fields(queryset, fields, query)
        rows = list(matched.order_by("-rank", "-pk")[:limit])
        total = len(rows) if len(rows) < limit else matched.count()
        return Found(key, label, [hit(row) for row in rows], total, more_url)

    programs = text_search.search(catalogue(), query)
    program_rows = list(programs.order_by("-rank", "name")[:limit])
    return [
        found(
            "news",
            "Новости",
            news_public(),
            ["title", "lead", "body"],
            lambda n: Hit(n.title, n.get_absolute_url(), n.lead, f"{n.published_at:%d.%m.%Y}"),
        ),
        found(
            "pages",
            "Страницы",
            pages_public(),
            ["title", "summary", "body"],
            lambda p: Hit(
                p.title, p.get_absolute_url(), p.summary or plain_text(p.body, 200), p.block.title
            ),
        ),
        found(
            "documents",
            "Документы",
            documents_public(),
            ["title", "number", "description"],
            lambda d: Hit(
                d.title,
                d.get_absolute_url(),
                d.description,
                " ".join(
                    part
                    for part in [
                        d.get_kind_display(),
                        f"№ {d.number}" if d.number else "",
                        f"от {d.signed_on:%d.%m.%Y}" if d.signed_on else "",
                    ]
                    if part
                ),
            ),
        ),
        found(
            "faq",
            "Вопросы и ответы",
            faq_public(),
            ["faq_question", "faq_answer"],
            lambda q: Hit(
                plain_text(q.faq_question, 160),
                reverse("portal:hotline") + f"#faq-{q.pk}",
                plain_text(q.faq_answer, 200),
                q.get_topic_display(),
            ),
        ),
        Found(
            "programs",
            "Программы",
            [
                Hit(
                    p.name,
                    reverse("programs:public_detail", args=[p.pk]),
                    p.short_description,
                    p.organisation.short_name,
                )
                for p in program_rows
            ],
            len(program_rows) if len(program_rows) < limit else programs.count(),
            reverse("programs:catalogue") + "?" + urlencode({"q": query}),
        ),
    ]
