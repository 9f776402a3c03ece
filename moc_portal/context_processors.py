from django.conf import settings
from django.utils.functional import SimpleLazyObject

from programs.centres import centre_of, sole_municipality

from .health import background_waits
from .vision import COOKIE, Vision


def page_municipality(request):
    """The municipality a page speaks for: the one its view shows (``show_municipality``), the
    signed-in staff member's own, or the only one of the installation; None for the region."""
    shown = getattr(request, "portal_municipality", None)
    if shown is not None:
        return shown
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if user.municipality_id:
            return user.municipality
        if user.is_coordinator:
            organisation = user.coordinated_organisations.select_related("municipality").first()
            if organisation is not None:
                return organisation.municipality
    return sole_municipality()


def show_municipality(request, municipality) -> None:
    """A view's record belongs to this municipality: its centre heads and signs the page."""
    request.portal_municipality = municipality


def site_settings(request):
    vision = Vision.from_cookie(request.COOKIES.get(COOKIE))
    return {
        # The centre in the header, footer and page texts: the page's municipality's own.
        "centre": SimpleLazyObject(lambda: centre_of(page_municipality(request))),
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
