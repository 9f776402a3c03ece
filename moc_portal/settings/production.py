"""Production: gunicorn behind a reverse proxy, PostgreSQL and Redis required."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# No demo accounts with a published password here (``load_demo --demo-stand`` for a stand).
MOC_DEMO_ALLOWED = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL")}
# Letters carry askers' names and questions: they go to a real SMTP server, never to the
# console or a file, where they would end up in the logs.
EMAIL_CONFIG = env.email_url("EMAIL_URL")
if not EMAIL_CONFIG["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    raise ImproperlyConfigured(
        "EMAIL_URL: укажите SMTP-сервер (например, smtp+tls://пользователь:пароль@сервер:587). "
        "Вывод писем в консоль или в файл попадает в журналы вместе с персональными данными."
    )
vars().update(EMAIL_CONFIG)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
