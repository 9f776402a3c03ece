from django.conf import settings


def portal(request):
    return {"centre_name": settings.MOC_CENTRE_NAME}
