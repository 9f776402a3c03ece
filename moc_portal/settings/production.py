"""Production: gunicorn behind a reverse proxy, PostgreSQL and Redis required."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
# No demo accounts with a published password here (``load_demo --demo-stand`` for a stand).
MOC_DEMO_ALLOWED = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
# Sessions, password-reset links and the forms' snapshots are signed with it: a key anyone can
# read (the placeholder of .env.example) or guess lets them sign in as anyone.
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or "change-me" in SECRET_KEY.lower()
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY: задайте свой случайный ключ длиной не меньше 50 символов вместо "
        "примера из .env.example, пустого или короткого (например, вывод команды "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"). Ключом подписаны '
        "сессии и ссылки для смены пароля: зная его, можно войти под любым пользователем."
    )
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
# A kept connection is checked before a request reuses it: after the database was away (or
# restarted), the first page of each process is served, not a 503.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Without Redis, tasks would run inside requests, every process would keep a cache of its own
# (an archived programme still shown by some of them) and beat would not run at all.
if not REDIS_URL:  # noqa: F405
    raise ImproperlyConfigured(
        "REDIS_URL: укажите Redis (например, redis://redis:6379/0). Без него фоновые задачи "
        "выполняются прямо в запросах, у каждого процесса свой кэш, а расписание (очистка "
        "персональных данных, сторож очереди Навигатора) не работает."
    )

# Behind the shipped nginx (moc_portal/deploy/nginx.conf), which appends the address it saw to
# X-Forwarded-For: that last entry is the client's (moc_portal.core.client_ip).
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", default="HTTP_X_FORWARDED_FOR")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The monitoring's probe may ask over plain HTTP, from inside the network: it gets its report,
# not a redirect (the report names no person and changes nothing).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Cookies follow the SSL setting: a Secure cookie is never sent back over plain HTTP, so a site
# served without HTTPS could not be signed in to. Behind a proxy that does the redirect
# itself, DJANGO_SECURE_COOKIES=true keeps them Secure.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = (
    env.bool("DJANGO_SECURE_COOKIES")
    if env("DJANGO_SECURE_COOKIES", default="")  # left empty: as the redirect
    else SECURE_SSL_REDIRECT
)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
