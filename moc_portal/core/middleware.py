"""Middleware of the whole portal."""

from django.utils.cache import add_never_cache_headers


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
