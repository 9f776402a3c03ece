"""What a production start needs that Django would only notice on the first page."""

import os
import re
from pathlib import Path

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


def check_start() -> None:
    """Refuse to serve (gunicorn stops with the reason) before collectstatic was run, or when
    the client's address would be read from a header any client may send."""
    path = missing_static()
    if path:
        raise ImproperlyConfigured(NOT_COLLECTED.format(path=path))
    problem = client_ip_header_problem()
    if problem:
        raise ImproperlyConfigured(problem)


@checks.register(checks.Tags.staticfiles, deploy=True)
def collected_static(app_configs, **kwargs):
    path = missing_static()
    return [checks.Error(NOT_COLLECTED.format(path=path), id="moc.E001")] if path else []


# The reverse proxy the portal ships; the headers it sets to the address it saw.
NGINX_CONF = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf"
ADDRESS_HEADER = re.compile(
    r"^\s*proxy_set_header\s+(\S+)\s+\$(?:remote_addr|proxy_add_x_forwarded_for)\s*;", re.M
)


def proxy_address_headers() -> list[str]:
    """As Django names them (``HTTP_X_FORWARDED_FOR``): a header nginx sets replaces whatever
    the client sent (X-Forwarded-For: the proxy's entry comes last, and is the one taken)."""
    names = ADDRESS_HEADER.findall(NGINX_CONF.read_text(encoding="utf-8"))
    return ["HTTP_" + name.upper().replace("-", "_") for name in names]


def client_ip_header_problem() -> str | None:
    header = settings.CLIENT_IP_HEADER
    allowed = proxy_address_headers()
    if header == "REMOTE_ADDR" or header in allowed:
        return None
    return (
        f"CLIENT_IP_HEADER={header}: этот заголовок не задаёт прокси-сервер из поставки "
        f"(moc_portal/deploy/nginx.conf), и любой посетитель может прислать в нём любой адрес "
        f"— ограничения горячей линии и входа перестанут работать. Укажите "
        f"{' или '.join(allowed)} (за прокси-сервером) или REMOTE_ADDR (без него)."
    )


@checks.register(checks.Tags.security)
def client_ip_header(app_configs, **kwargs):
    problem = client_ip_header_problem()
    return [checks.Error(problem, id="moc.E002")] if problem else []
