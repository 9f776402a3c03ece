"""Where uploads are kept. Pictures anyone may see (programme images, news covers) are under
``MEDIA_ROOT/public/`` and served from ``/media/public/`` (by nginx in production, see
``moc_portal/deploy/nginx.conf``); everything else under ``MEDIA_ROOT`` (evidence, import and
export files, the documents library) is only ever given by a view that checks who asks."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

PUBLIC_FOLDER = "public"


class PublicImageStorage(FileSystemStorage):
    """``MEDIA_ROOT/public/``, following MEDIA_ROOT wherever it is set (tests change it)."""

    @property
    def base_location(self):
        return os.path.join(settings.MEDIA_ROOT, PUBLIC_FOLDER)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return f"/{settings.MEDIA_URL.strip('/')}/{PUBLIC_FOLDER}/"


public_images = PublicImageStorage()


def public_image_storage():
    """For ``storage=`` of an ImageField: the migrations name this function, not an object."""
    return public_images
