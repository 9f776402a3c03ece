"""Whole-page cache of the public catalogue for anonymous visitors.

Every key carries the catalogue's version; publishing, changing or archiving a programme (or
changing an organisation) bumps the version, so no page shows a withdrawn programme after
that moment, and the old entries simply expire.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers

from moc_portal.vision import COOKIE as VISION_COOKIE

VERSION_KEY = "catalogue:version"


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


def _wants_fragment(request) -> bool:
    """htmx asks for a fragment, except when restoring history (then the whole page)."""
    return bool(request.headers.get("HX-Request")) and not request.headers.get(
        "HX-History-Restore-Request"
    )


def cache_public_page(view):
    """Cache a GET page for anonymous visitors for CATALOGUE_CACHE_SECONDS."""

    @wraps(view)
    def cached(request, *args, **kwargs):
        cacheable = (
            request.method == "GET"
            and not request.user.is_authenticated
            and "messages" not in request.COOKIES
        )
        if not cacheable:
            return view(request, *args, **kwargs)
        key = ":".join(
            [
                "page",
                str(catalogue_version()),
                "htmx" if _wants_fragment(request) else "full",
                request.COOKIES.get(VISION_COOKIE) or "normal",
                request.get_full_path(),
            ]
        )
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                patch_vary_headers(response, ["HX-Request", "HX-History-Restore-Request", "Cookie"])
                cache.set(key, response, settings.CATALOGUE_CACHE_SECONDS)
        return response

    return cached
