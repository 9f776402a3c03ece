"""Is the portal whole: the database, Redis, a worker and beat (``/healthz/``), and what a
visitor gets while the database is away (``server_error``)."""

import functools
import sys
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import timezone
from django.views.defaults import server_error as plain_server_error

from .core import workers

# A 503 asks the browser to come back after this many seconds.
RETRY_AFTER = 30


@functools.cache
def _redis(url: str):
    """One client (and its connection pool) per process and address, not one per check."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1)


def redis_reachable() -> bool:
    if not settings.REDIS_URL:
        return True  # the embedded portal has no Redis to lose
    try:
        return bool(_redis(settings.REDIS_URL).ping())
    except Exception:
        return False


def checks() -> dict[str, dict]:
    """Each part with ``ok`` and a note in Russian; worker and beat by their heartbeats."""
    found = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        found["database"] = {"ok": True, "note": "работает"}
    except DatabaseError as error:
        found["database"] = {"ok": False, "note": f"нет связи: {error}".strip()}
    if not settings.REDIS_URL:
        found["redis"] = {"ok": True, "note": "не используется: задачи выполняются в процессе"}
        return found
    found["redis"] = (
        {"ok": True, "note": "работает"}
        if redis_reachable()
        else {"ok": False, "note": "нет связи: фоновые задачи ждут"}
    )
    if not found["database"]["ok"]:
        return found  # the heartbeats are kept in the database
    gone = timedelta(seconds=settings.WORKER_GONE_SECONDS)
    found["worker"] = _heartbeat(workers.last_worker_heartbeat(), gone, "обработчик задач")
    # Beat records itself every 3 heartbeat periods (settings.CELERY_BEAT_SCHEDULE).
    beat_every = timedelta(seconds=settings.WORKER_HEARTBEAT_SECONDS * 3)
    found["beat"] = _heartbeat(workers.last_beat(), beat_every * 3 + gone, "планировщик")
    return found


def _heartbeat(seen, allowed: timedelta, who: str) -> dict:
    if seen is None:
        return {"ok": False, "note": f"{who} ни разу не отзывался"}
    age = (timezone.now() - seen).total_seconds()
    state = {"ok": age <= allowed.total_seconds(), "last": seen.isoformat(), "seconds": int(age)}
    state["note"] = (
        f"последний сигнал {int(age)} с назад"
        if state["ok"]
        else f"{who} молчит {int(age)} с: фоновые задачи не выполняются"
    )
    return state


def healthz(request):
    """200 with every part ``ok``; 503 naming the part that is down."""
    found = checks()
    healthy = all(part["ok"] for part in found.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": found},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


def background_waits() -> bool:
    """For staff pages: Redis is away, so queued work waits (checked at most every 10 s)."""
    if not settings.REDIS_URL:
        return False
    known = _redis_state.get("at")
    now = timezone.now()
    if known is None or (now - known).total_seconds() > 10:
        _redis_state.update(at=now, down=not redis_reachable())
    return _redis_state["down"]


_redis_state: dict = {}


def _database_away(error) -> bool:
    return isinstance(error, OperationalError | InterfaceError)


# What finds a page's copy kept for an outage: ``find(request)`` gives the response or None.
# The registry registers its public pages' cache at start-up (``programs.apps``).
OUTAGE_COPIES = []


def server_error(request, *args, **kwargs):
    """The 500 handler. With the database away, an anonymous visitor gets the public page kept
    for the outage if there is one, and everyone else a Russian 503 with Retry-After."""
    if not _database_away(sys.exc_info()[1]):
        return plain_server_error(request, *args, **kwargs)
    kept = next(filter(None, (find(request) for find in OUTAGE_COPIES)), None)
    if kept is not None:
        kept["X-Served-During-Outage"] = "1"
        return kept
    # No request context: its processors read the database.
    page = loader.get_template("503.html").render({"retry_after": RETRY_AFTER})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
