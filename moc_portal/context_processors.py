from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .health import background_waits
from .vision import COOKIE, Vision


def show_municipality(request, municipality) -> None:
    """A view's record belongs to this municipality: its centre heads and signs the page
    (``programs.context_processors``)."""
    request.portal_municipality = municipality


def site_settings(request):
    vision = Vision.from_cookie(request.COOKIES.get(COOKIE))
    return {
        "site_url": settings.SITE_URL,
        "navigator_public_url": settings.NAVIGATOR_PUBLIC_URL,
        # The version for the visually impaired, chosen on any page and kept in a cookie.
        "vision": vision,
        # Redis is away: signed-in people see that uploads, e-mails and the push wait.
        "background_waits": SimpleLazyObject(
            lambda: (
                getattr(request, "user", None) is not None
                and request.user.is_authenticated
                and background_waits()
            )
        ),
        "vision_panel": SimpleLazyObject(lambda: vision.panel(request.get_full_path()))
        if vision
        else [],
    }
