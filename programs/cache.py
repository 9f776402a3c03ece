"""Whole-page cache of the public catalogue for anonymous visitors.

Every key carries the catalogue's version; publishing, changing or archiving a programme (or
changing an organisation) bumps the version, so no page shows a withdrawn programme after
that moment, and the old entries simply expire. So does creating, changing or deleting a
municipality or its centre, wherever it is done (a service, the admin, a migration's data):
the home page's chooser and every page's centre name and contacts follow at once
(``territory_changed``, connected in ``programs.apps``).
"""

import time
from datetime import UTC, datetime
from functools import wraps
from urllib.parse import quote, quote_plus

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.html import escape

from moc_portal.vision import COOKIE as VISION_COOKIE

VERSION_KEY = "catalogue:version"
CHANGED_KEY = "catalogue:changed"
# A longer value of a parameter is cut: no filter value or search is this long.
MAX_VALUE = 200
# Stands for the searched words in the kept page of searches that found nothing. Its space is
# written differently in each place a page puts the words (as text; «+» in a query string;
# «%2B» in a link's quoted ``next``), so each place gets them back written its own way.
WORDS = "mocwords 3c9e"


def catalogue_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def bump_catalogue_version(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    cache.set(CHANGED_KEY, time.time(), timeout=None)


def territory_changed(**kwargs) -> None:
    """A municipality or a centre saved or deleted: the version goes up once the change is
    committed, so no page is kept from before it under the new version."""
    transaction.on_commit(bump_catalogue_version)


def catalogue_changed() -> datetime:
    """When the public data last changed (the API's ``Last-Modified``). Not known (a cache
    that was emptied): from now on, so nothing is wrongly answered «not modified»."""
    moment = cache.get(CHANGED_KEY)
    if moment is None:
        cache.add(CHANGED_KEY, time.time(), timeout=None)
        moment = cache.get(CHANGED_KEY) or time.time()
    return datetime.fromtimestamp(int(moment), tz=UTC)


def _wants_fragment(request) -> bool:
    """htmx asks for a fragment, except when restoring history (then the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _anonymous_get(request) -> bool:
    """A visitor without a session asking to read: decided without the database."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def canonical_query(request, params) -> QueryDict:
    """The query as the page reads it: only the parameters it knows (``params``), in a fixed
    order, without empty values. Anything else in the address (``utm_source``, a crawler's
    random words) leads to the same page and the same cache entry."""
    query = QueryDict(mutable=True)
    for name in sorted(params):
        values = [v.strip()[:MAX_VALUE] for v in request.GET.getlist(name) if v.strip()]
        if values:
            query.setlist(name, sorted(set(values)))
    query._mutable = False
    return query


def _key(request, version) -> str:
    return ":".join(
        [
            "page",
            str(version),
            "htmx" if _wants_fragment(request) else "full",
            request.COOKIES.get(VISION_COOKIE) or "normal",
            request.path,
            request.GET.urlencode(),
        ]
    )


def not_for_the_cache(request) -> None:
    """The view says its page is not one to keep (an invalid filter, a search that found
    nothing, a page number out of range): a stranger's random addresses are not stored."""
    request.page_cacheable = False


def cache_public_page(view=None, *, params=(), clean=None, notice=None):
    """Cache a GET page for anonymous visitors for CATALOGUE_CACHE_SECONDS, keyed by the
    canonical query, and keep a copy for OUTAGE_PAGE_SECONDS to serve while the database is
    away (``outage_copy``).

    ``params``: the parameters the page reads; ``clean(query) -> (query, invalid)`` leaves out
    values that are not valid, so they too share the canonical page. ``notice``: (marker,
    template, name) — the page's marker is replaced by that template naming the values left
    out, so the visitor still learns which of them did not apply."""

    def decorate(view):
        @wraps(view)
        def cached(request, *args, **kwargs):
            if not _anonymous_get(request) or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            request.GET = canonical_query(request, params)
            version = catalogue_version()
            key = _key(request, version)
            response = cache.get(key)  # pages are kept under valid queries only
            invalid = []
            if response is None and clean is not None:
                request.GET, invalid = clean(request.GET)
                key = _key(request, version)
                response = cache.get(key) if invalid else None
            if response is None:
                response = view(request, *args, **kwargs)
                if response.status_code == 200 and getattr(request, "page_cacheable", True):
                    patch_vary_headers(
                        response, ["HX-Request", "HX-History-Restore-Request", "Cookie"]
                    )
                    cache.set(key, response, settings.CATALOGUE_CACHE_SECONDS)
                    cache.set(_key(request, "outage"), response, settings.OUTAGE_PAGE_SECONDS)
            if invalid and notice:
                response = _with_notice(response, notice, invalid)
            return response

        cached.cache_params = params
        return cached

    return decorate(view) if view is not None else decorate


def _with_notice(response, notice, invalid):
    """A copy of the (shared) response with the notice in place of its marker."""
    marker, template, name = notice
    text = render_to_string(template, {name: invalid})
    return _copy(response, response.content.decode().replace(marker, text, 1))


def _copy(response, content: str) -> HttpResponse:
    copy = HttpResponse(content, content_type=response["Content-Type"], status=response.status_code)
    for header, value in response.items():
        if header.lower() not in ("content-length", "content-type"):
            copy[header] = value
    return copy


def search_miss_page(request, render) -> HttpResponse:
    """The page of a search that found nothing, for an anonymous visitor. It is the same for
    any words but the words themselves, so one copy is kept per set of the other filters,
    rendered with ``WORDS`` in the words' place, and the words are put in on the way out: a
    stranger's random words cost one search, not a page (they are never kept).

    ``render()`` builds the page from ``request.GET``."""
    if not _anonymous_get(request) or request.user.is_authenticated:
        return render()
    words = request.GET["q"]
    asked, query_string = request.GET, request.META.get("QUERY_STRING", "")
    marked = request.GET.copy()
    marked["q"] = WORDS
    marked.pop("page", None)  # nothing found: every page number shows the same
    request.GET = marked
    request.META["QUERY_STRING"] = marked.urlencode()  # request.get_full_path() in links
    try:
        key = "miss:" + _key(request, catalogue_version())
        response = cache.get(key)
        if response is None:
            response = render()
            if response.status_code == 200:
                patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request", "Cookie"])
                cache.set(key, response, settings.CATALOGUE_CACHE_SECONDS)
    finally:
        request.GET, request.META["QUERY_STRING"] = asked, query_string
    return _copy(response, _with_words(response.content.decode(), words))


def _with_words(content: str, words: str) -> str:
    """``WORDS`` replaced by the words, each as the page wrote it: in a link's ``next`` (a
    query string quoted again), in a query string, as text."""
    for marker, value in (
        (quote(quote_plus(WORDS)), quote(quote_plus(words))),
        (quote_plus(WORDS), quote_plus(words)),
        (WORDS, words),
    ):
        content = content.replace(escape(marker), escape(value))
    return content


def outage_copy(request):
    """The kept copy of a public page for an anonymous visitor, or None (another page, a
    signed-in person, nothing kept): what is served while the database is away."""
    if not _anonymous_get(request):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    params = getattr(match.func, "cache_params", None)
    if params is None:
        return None
    request.GET = canonical_query(request, params)
    return cache.get(_key(request, "outage"))
