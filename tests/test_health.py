"""Honest health and polite outages (issue 21): /healthz/ names the part that is down; with the
database away a visitor gets the kept catalogue page or a Russian 503; with Redis away pages
work and signed-in people see that background work waits. The whole stack, with a database
and a Redis really cut off, is walked in tests/e2e/test_production.py."""

import time
from datetime import timedelta

import pytest
from celery import Celery
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from moc_portal.celery import QueuedTask
from moc_portal.core.models import Heartbeat
from moc_portal.core.workers import BEAT
from programs import cache as page_cache
from programs import public_views
from tests.helpers import login, move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_health_of_the_embedded_portal(client, db, settings):
    settings.REDIS_URL = ""  # tasks in-process: no Redis, worker or beat to ask about
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"]
    assert body["checks"]["redis"]["note"].startswith("не используется")


def test_health_names_redis_the_worker_and_beat(client, settings, db):
    settings.REDIS_URL = UNREACHABLE_REDIS
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"]
    assert not checks["redis"]["ok"] and "фоновые задачи ждут" in checks["redis"]["note"]
    assert checks["worker"] == {"ok": False, "note": "обработчик задач ни разу не отзывался"}
    assert not checks["beat"]["ok"]

    now = timezone.now()
    Heartbeat.objects.create(name="сервер:101", seen_at=now - timedelta(seconds=5))
    Heartbeat.objects.create(name=BEAT, seen_at=now - timedelta(seconds=20))
    checks = client.get(reverse("healthz")).json()["checks"]
    assert checks["worker"]["ok"] and checks["beat"]["ok"]

    Heartbeat.objects.filter(name="сервер:101").update(seen_at=now - timedelta(minutes=5))
    checks = client.get(reverse("healthz")).json()["checks"]
    assert not checks["worker"]["ok"]
    assert "молчит" in checks["worker"]["note"]


@pytest.fixture
def published(administrator, org_a, staff, coordinator_a):
    program = ProgramFactory(organisation=org_a, name="Шахматная школа")
    ProgramGroupFactory(program=program)
    return move_to(program, "published", staff=staff, coordinator=coordinator_a)


def _database_away(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused")


def test_with_the_database_away_a_kept_catalogue_page_is_served(published, monkeypatch, staff):
    visitor = Client(raise_request_exception=False)
    url = reverse("programs:catalogue")
    assert "Шахматная школа" in visitor.get(url, {"age": 9}).content.decode()
    page_cache.bump_catalogue_version()  # the fresh copy is gone; the outage copy is kept
    monkeypatch.setattr(public_views, "public_catalogue", _database_away)

    kept = visitor.get(url, {"age": 9, "utm_source": "vk"})
    assert kept.status_code == 200
    assert kept["X-Served-During-Outage"] == "1"
    assert "Шахматная школа" in kept.content.decode()

    never_kept = visitor.get(url, {"age": 12})
    assert never_kept.status_code == 503
    assert never_kept["Retry-After"] == "30"
    assert "Портал временно недоступен" in never_kept.content.decode()

    signed_in = login(Client(raise_request_exception=False), staff)
    assert signed_in.get(url, {"age": 9}).status_code == 503


def test_any_other_page_with_the_database_away_is_a_russian_503(monkeypatch, db):
    from plans.portal import public_views as portal_views

    monkeypatch.setattr(portal_views, "render", _database_away)
    response = Client(raise_request_exception=False).get(reverse("portal:news"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Обновите страницу через 30 секунд" in response.content.decode()


def test_other_errors_stay_a_plain_500(monkeypatch, db):
    from plans.portal import public_views as portal_views

    def broken(*args, **kwargs):
        raise RuntimeError("ошибка в коде")

    monkeypatch.setattr(portal_views, "render", broken)
    response = Client(raise_request_exception=False).get(reverse("portal:news"))
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_with_redis_away_pages_work_and_people_see_that_background_work_waits(
    settings, client, staff, published
):
    settings.REDIS_URL = UNREACHABLE_REDIS
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    from moc_portal import health

    health._redis_state.clear()
    catalogue = client.get(reverse("programs:catalogue"))
    assert catalogue.status_code == 200
    assert "Шахматная школа" in catalogue.content.decode()
    assert "background-waits" not in catalogue.content.decode()  # visitors are not bothered
    page = login(client, staff).get(reverse("programs:list")).content.decode()
    assert 'id="background-waits"' in page
    assert "Фоновые задачи ждут" in page


def test_queuing_a_task_with_the_broker_away_does_not_break_the_caller():
    # Not the current app: the portal's own tasks must keep theirs.
    app = Celery("probe", broker=UNREACHABLE_REDIS, task_cls=QueuedTask, set_as_current=False)
    app.conf.broker_connection_timeout = 1
    app.conf.task_publish_retry_policy = {"max_retries": 1, "interval_start": 0}

    @app.task
    def probe():
        return 1

    started = time.monotonic()
    assert probe.delay() is None
    assert time.monotonic() - started < 10


@pytest.fixture
def database_unreachable(db):
    """Called, every query of this thread fails as with the server gone; given back before
    the test's transaction is rolled back."""
    from django.db import connections

    wrapper = connections["default"]
    yield lambda: setattr(wrapper, "cursor", _database_away)
    wrapper.__dict__.pop("cursor", None)


def test_with_the_database_away_the_home_page_kept_last_is_served(
    published, other_municipality, database_unreachable
):
    visitor = Client(raise_request_exception=False)
    assert "Шахматная школа" in visitor.get("/").content.decode()
    page_cache.bump_catalogue_version()  # its cache expired: only the outage copy is left
    database_unreachable()

    for cookies in ({}, {"municipality": other_municipality.slug}):
        visitor.cookies.clear()
        for name, value in cookies.items():
            visitor.cookies[name] = value
        kept = visitor.get("/", {"utm_source": "vk"})
        assert kept.status_code == 200, cookies
        assert kept["X-Served-During-Outage"] == "1"
        assert "Шахматная школа" in kept.content.decode()
