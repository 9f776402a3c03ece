"""Catalogue search: Russian full text on PostgreSQL, a plain fallback on SQLite.

Both compare lower-case text with ё written as е, so «ёлка» and «елка» are one word.
On PostgreSQL the document is a weighted tsvector (title A, the rest B) with the Russian
stemmer, and a typo is forgiven by trigram word similarity on the title (pg_trgm).
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value

# Endings cut for the SQLite fallback, longest first, so «робототехнике» finds «Робототехника».
_ENDING_LIST = (
    "а я о е ы и у ю ом ем ой ей ам ям ах ях ами ями ов ев ий ый ая яя ое ее ие ые "
    "ого его ому ему ую юю им ым ими ыми их ых ться ть ет ут ют ит ат ят"
)
_ENDINGS = sorted(_ENDING_LIST.split(), key=len, reverse=True)


def normalize(text: str) -> str:
    return " ".join(text.lower().replace("ё", "е").split())


def document_vector():
    return SearchVector("search_title", weight="A", config="russian") + SearchVector(
        "search_text", weight="B", config="russian"
    )


def update_vectors(queryset: QuerySet) -> None:
    """Rebuild the tsvector of these rows (PostgreSQL only; SQLite searches the text)."""
    if connection.vendor == "postgresql":
        queryset.update(search_vector=document_vector())


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows matching ``query``, annotated with ``rank`` (higher is better)."""
    text = normalize(query)
    if text and connection.vendor == "postgresql":
        tsquery = SearchQuery(text, config="russian", search_type="websearch")
        return matching(queryset, text).annotate(
            rank=SearchRank(F("search_vector"), tsquery)
            + TrigramWordSimilarity(text, "search_title")
        )
    return matching(queryset, text).annotate(rank=Value(0.0, output_field=FloatField()))


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """Rows matching ``query``, in no order: on PostgreSQL the stored vector and the title's
    trigrams, each answered by its GIN index."""
    text = normalize(query)
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(text, config="russian", search_type="websearch")
        return queryset.filter(
            Q(search_vector=tsquery) | Q(search_title__trigram_word_similar=text)
        )
    for word in re.findall(r"\w+", text):
        stem = _stem(word)
        queryset = queryset.filter(Q(search_title__contains=stem) | Q(search_text__contains=stem))
    return queryset


def finds_any(queryset: QuerySet, query: str) -> bool:
    """Whether any row matches ``query``. On PostgreSQL not ``exists()``: its LIMIT 1 lets the
    planner hope to meet a match early in a sequential scan, and for words nobody wrote it
    reads every row, comparing trigrams in each (0.5 s on 50,000 programmes). Fenced off in a
    CTE, the matches come from the GIN indexes and the reading stops at the first one."""
    matches = matching(queryset.values("pk"), query)
    if connection.vendor != "postgresql":
        return matches.exists()
    sql, params = matches.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH found AS MATERIALIZED ({sql}) SELECT EXISTS (SELECT 1 FROM found)", params
        )
        return cursor.fetchone()[0]


def _stem(word: str) -> str:
    if len(word) > 4:
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                return word[: -len(ending)]
    return word


def search_fields(queryset: QuerySet, fields: list[str], query: str) -> QuerySet:
    """Rows of a small table (news, pages, documents) whose ``fields`` match ``query``,
    annotated with ``rank``: the Russian vector is computed in the query on PostgreSQL, which
    is cheap at the size of a centre's news, and stems are matched on SQLite."""
    text = normalize(query)
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(text, config="russian", search_type="websearch")
        vector = SearchVector(*fields, config="russian")
        return queryset.annotate(found=vector, rank=SearchRank(vector, tsquery)).filter(
            found=tsquery
        )
    for word in re.findall(r"\w+", text):
        stem = _stem(word)
        match = Q()
        for field in fields:
            match |= Q(**{f"{field}__icontains": stem})
        queryset = queryset.filter(match)
    return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
