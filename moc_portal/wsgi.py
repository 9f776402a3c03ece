import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moc_portal.settings.base")

application = get_wsgi_application()

from moc_portal.core.deploy import check_start  # noqa: E402 (needs the settings)

check_start()
