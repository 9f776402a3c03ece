from django.conf import settings


def site_settings(request):
    return {
        "centre_name": settings.MOC_CENTRE_NAME,
        "site_url": settings.SITE_URL,
        "centre_address": settings.MOC_CENTRE_ADDRESS,
        "centre_phone": settings.MOC_CENTRE_PHONE,
        "centre_email": settings.MOC_CENTRE_EMAIL,
        "navigator_public_url": settings.NAVIGATOR_PUBLIC_URL,
        # The version for the visually impaired, chosen on any page and kept in a cookie.
        "vision_mode": request.COOKIES.get("vision") == "1",
    }
