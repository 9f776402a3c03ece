"""Middleware of the whole portal."""

import re

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from .text import has_control_characters


class SecurityHeadersMiddleware:
    """The outermost middleware: a response answered before the others ran, or raised by one of
    them (a Host refused by the SSL redirect), still carries the headers every page has. The
    Content-Security-Policy and X-Frame-Options middlewares come right after this one for the
    same reason; these two are Django's SecurityMiddleware's, which adds nothing to a response
    its own request step refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response


class PrivatePagesMiddleware:
    """A page or file given to a signed-in person is theirs: no cache on the way or on a shared
    computer keeps it (``Cache-Control: private, no-store``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class ControlCharactersMiddleware:
    """Refuse (400, a page in Russian) a request whose address, query or form fields carry
    control characters, so no view and no database sees them. A cookie with them is left out,
    as if the browser had not sent it: the portal never sets one (a NUL in the remembered
    municipality or the session key would reach PostgreSQL, which refuses it). Placed before
    the sessions, which read their cookie on the way in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, value in list(request.COOKIES.items()):
            if COOKIE_CONTROL_CHARACTERS.search(name + value):
                del request.COOKIES[name]
        if self._carries_control_characters(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": CONTROL_CHARACTERS}, status=400)
            return render(request, "400_input.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _carries_control_characters(request) -> bool:
        texts = [request.path]
        texts += [item for pair in request.GET.lists() for item in (pair[0], *pair[1])]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            texts += [item for pair in request.POST.lists() for item in (pair[0], *pair[1])]
            texts += [upload.name for upload in request.FILES.values()]
        return any(has_control_characters(text) for text in texts)


# Any control character: not even a tab or line break belongs in a cookie.
COOKIE_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
CONTROL_CHARACTERS = (
    "В адресе запроса есть служебные символы (например, нулевой байт или перевод строки): "
    "уберите их из параметров и повторите запрос."
)
