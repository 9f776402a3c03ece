from django.utils.functional import SimpleLazyObject

from .territory.centres import centre_of, sole_municipality


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


def centre(request):
    """The centre in the header, footer and page texts: the page's municipality's own."""
    return {"centre": SimpleLazyObject(lambda: centre_of(page_municipality(request)))}
