from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.static import serve

from . import vision
from .core.storage import public_images


def public_image(request, path):
    """A public picture from MEDIA_ROOT/public/, cached by browsers for a day."""
    response = serve(request, path, document_root=public_images.location)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /programs/",
        "Disallow: /organisations/",
        "Disallow: /moderation/",
        "Disallow: /groups/",
        "Disallow: /portal/",
        "Disallow: /search/",
        "Allow: /catalog/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page says: the icon, locally."""
    return HttpResponsePermanentRedirect(staticfiles_storage.url("icons/favicon.ico"))


def vision_mode(request):
    """Switch the version for the visually impaired (ГОСТ Р 52872-2019) on, change one of its
    settings, or go back to the usual version.

    Links, not a script, so it works without JavaScript; the choice is kept in a cookie.
    """
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on") == "1" or any(name in request.GET for name in vision.SETTINGS):
        current = vision.Vision.from_cookie(request.COOKIES.get(vision.COOKIE)) or vision.Vision()
        chosen = current.with_query(request.GET)
        response.set_cookie(vision.COOKIE, chosen.cookie, max_age=vision.COOKIE_AGE, samesite="Lax")
    else:  # «Обычная версия»: every setting reset
        response.delete_cookie(vision.COOKIE, samesite="Lax")
    return response
