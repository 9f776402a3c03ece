import re

import pytest
from django.conf import settings
from django.core import checks

from tests.helpers import run_python as _run

SHOW = (
    "import django; django.setup(); from django.conf import settings as s;"
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER,"
    " s.CACHES['default']['BACKEND'], s.CELERY_BROKER_URL, s.LANGUAGE_CODE, s.AUTH_USER_MODEL)"
)


def _production(tmp_path) -> dict:
    return {
        "DJANGO_SETTINGS_MODULE": "moc_portal.settings.production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-production-secret-" + "x" * 30,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "STATIC_ROOT": str(tmp_path / "static"),
    }


def test_production_settings_pass_deploy_check(tmp_path):
    collected = _run(
        "manage.py",
        "collectstatic",
        "--noinput",
        **_production(tmp_path),
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
    )
    assert collected.returncode == 0, collected.stderr
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **_production(tmp_path),
        DJANGO_ALLOWED_HOSTS="moc.example.ru",
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_before_collectstatic_and_says_why(tmp_path):
    env = {**_production(tmp_path), "EMAIL_URL": "smtp://127.0.0.1:25"}
    check = _run("manage.py", "check", "--deploy", **env)
    assert check.returncode != 0
    assert "Статические файлы не собраны" in check.stderr
    started = _run("-c", "import moc_portal.wsgi", **env)  # what gunicorn imports
    assert started.returncode != 0
    assert "collectstatic --noinput" in started.stderr
    assert _run("manage.py", "collectstatic", "--noinput", **env).returncode == 0
    assert _run("-c", "import moc_portal.wsgi", **env).returncode == 0


def test_production_settings_refuse_letters_to_the_console(tmp_path):
    result = _run(
        "manage.py",
        "check",
        **_production(tmp_path),
        EMAIL_URL="consolemail://",
    )
    assert result.returncode != 0
    assert "EMAIL_URL: укажите SMTP-сервер" in result.stderr


def test_production_settings_refuse_to_start_without_redis(tmp_path):
    result = _run(
        "manage.py",
        "check",
        **{**_production(tmp_path), "REDIS_URL": ""},
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
    )
    assert result.returncode != 0
    assert "REDIS_URL: укажите Redis" in result.stderr


@pytest.mark.parametrize(
    "redirect, cookies, secure",
    [("true", "", "True"), ("false", "", "False"), ("false", "true", "True")],
)
def test_cookies_follow_the_ssl_setting(tmp_path, redirect, cookies, secure):
    result = _run(
        "-c",
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)",
        **_production(tmp_path),
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
        DJANGO_SECURE_SSL_REDIRECT=redirect,
        DJANGO_SECURE_COOKIES=cookies,
    )
    assert result.stdout.split() == [secure, secure], result.stderr


def test_embedded_defaults_need_nothing():
    """With no services configured: SQLite, eager Celery, local-memory cache."""
    result = _run("-c", SHOW, DATABASE_URL="", REDIS_URL="")
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.cache.backends.locmem.LocMemCache",
        "memory://",
        "ru",
        "users.User",
    ], result.stderr


def test_services_switch_on_from_environment():
    result = _run(
        "-c",
        SHOW,
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "False",
        "django_redis.cache.RedisCache",
        "redis://127.0.0.1:6379/3",
        "ru",
        "users.User",
    ], result.stderr


NGINX_CONF = settings.BASE_DIR / "moc_portal" / "deploy" / "nginx.conf"


def _nginx_sets() -> dict[str, str]:
    """{header as Django names it: nginx value} of every proxy_set_header of nginx.conf that
    is not commented out."""
    found = {}
    for line in NGINX_CONF.read_text().splitlines():
        words = line.split("#", 1)[0].split()
        if words[:1] == ["proxy_set_header"]:
            found["HTTP_" + words[1].upper().replace("-", "_")] = words[2].rstrip(";")
    return found


def test_nginx_sets_the_client_address_header_production_reads(tmp_path):
    result = _run(
        "-c",
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.CLIENT_IP_HEADER)",
        **_production(tmp_path),
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
    )
    header = result.stdout.strip()
    assert header.startswith("HTTP_"), result.stderr
    # Written by nginx from the address it saw: the last entry, which client_ip takes.
    assert _nginx_sets()[header] in ("$remote_addr", "$proxy_add_x_forwarded_for")


def test_the_client_address_example_names_a_header_nginx_sets():
    example = (settings.BASE_DIR / ".env.example").read_text()
    paragraph = next(p for p in example.split("\n\n") if "CLIENT_IP_HEADER=" in p)
    named = set(re.findall(r"HTTP_[A-Z_]+", paragraph))
    assert named and named <= set(_nginx_sets())


@pytest.mark.parametrize(
    "header, refused",
    [
        ("HTTP_X_FORWARDED_HOST", True),
        ("HTTP_X_REAL_IP", True),  # nginx.conf does not set it: every client chooses its own
        ("HTTP_X_FORWARDED_PROTO", True),  # set by nginx, but to the scheme
        ("HTTP_X_FORWARDED_FOR", False),
        ("REMOTE_ADDR", False),
    ],
)
def test_a_client_address_header_the_proxy_does_not_set_is_refused(settings, header, refused):
    settings.CLIENT_IP_HEADER = header
    errors = [
        error
        for error in checks.run_checks(include_deployment_checks=True)
        if error.id == "moc.E002"
    ]
    assert bool(errors) == refused
    if refused:
        assert errors[0].level == checks.ERROR
        assert f"CLIENT_IP_HEADER={header}" in errors[0].msg
        assert "HTTP_X_FORWARDED_FOR" in errors[0].msg  # what to put instead


def test_production_refuses_to_start_with_a_header_the_proxy_does_not_set(tmp_path):
    env = {
        **_production(tmp_path),
        "EMAIL_URL": "smtp+tls://moc:secret@smtp.example.ru:587",
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
    }
    assert _run("manage.py", "collectstatic", "--noinput", **env).returncode == 0
    started = _run("-c", "import moc_portal.wsgi", **env)  # what gunicorn imports
    assert started.returncode != 0
    assert "CLIENT_IP_HEADER=HTTP_X_REAL_IP" in started.stderr
    check = _run("manage.py", "check", "--deploy", **env)
    assert check.returncode != 0
    assert "moc.E002" in check.stderr


@pytest.mark.parametrize(
    "key",
    [
        "change-me-to-a-long-random-string",  # the placeholder of .env.example
        "",
        "short-but-random-9f3k",
        "a" * 60,
        "django-insecure-" + "q7w8e9r0t1y2u3i4o5p6a7s8d9f0g1h2j3k4l5",
    ],
    ids=["placeholder", "empty", "short", "one character", "django's insecure one"],
)
def test_production_refuses_a_placeholder_or_weak_secret_key(tmp_path, key):
    result = _run(
        "manage.py",
        "check",
        **{**_production(tmp_path), "DJANGO_SECRET_KEY": key},
        EMAIL_URL="smtp+tls://moc:secret@smtp.example.ru:587",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY: " in result.stderr
    assert "secrets.token_urlsafe" in result.stderr  # how to make one


PROBE = (
    "import django; django.setup(); from django.test import Client;"
    "c = Client(raise_request_exception=False);"
    "h = c.get('/healthz/'); p = c.get('/catalog/');"
    "print('PROBE', h.status_code, h['Content-Type'], p.status_code, p.get('Location'), sep='|')"
)


def test_healthz_answers_a_plain_http_probe_with_the_ssl_redirect_on(tmp_path):
    env = {
        **_production(tmp_path),
        "EMAIL_URL": "smtp+tls://moc:secret@smtp.example.ru:587",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }
    assert _run("manage.py", "migrate", "--noinput", **env).returncode == 0
    result = _run("-c", PROBE, **env)
    line = next(line for line in result.stdout.splitlines() if line.startswith("PROBE|"))
    health, content_type, page, location = line.split("|")[1:]
    assert health in ("200", "503"), result.stderr  # its report, whatever it says
    assert content_type == "application/json"
    assert (page, location) == ("301", "https://testserver/catalog/")  # the rest is redirected
