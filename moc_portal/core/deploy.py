"""What a production start needs that Django would only notice on the first page."""

import os

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

MANIFEST = "staticfiles.json"
NOT_COLLECTED = (
    "Статические файлы не собраны: нет {path}. Выполните "
    "«python manage.py collectstatic --noinput» с теми же настройками (DJANGO_SETTINGS_MODULE, "
    "STATIC_ROOT) и запустите портал снова. Без них каждая страница была бы ошибкой 500."
)


def missing_static() -> str | None:
    """The manifest production's static storage needs, when it is missing."""
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" not in backend:
        return None
    path = os.path.join(settings.STATIC_ROOT, MANIFEST)
    return None if os.path.exists(path) else path


def check_collected_static() -> None:
    """Refuse to serve (gunicorn stops with the reason) before collectstatic was run."""
    path = missing_static()
    if path:
        raise ImproperlyConfigured(NOT_COLLECTED.format(path=path))


@checks.register(checks.Tags.staticfiles, deploy=True)
def collected_static(app_configs, **kwargs):
    path = missing_static()
    return [checks.Error(NOT_COLLECTED.format(path=path), id="moc.E001")] if path else []
