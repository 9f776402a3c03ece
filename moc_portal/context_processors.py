from django.conf import settings


def portal(request):
    return {
        "centre_name": settings.MOC_CENTRE_NAME,
        "site_url": settings.SITE_URL,
        # The version for the visually impaired, chosen on any page and kept in a cookie.
        "vision_mode": request.COOKIES.get("vision") == "1",
    }
