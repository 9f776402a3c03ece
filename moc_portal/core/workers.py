"""Who is doing background work, and whether they are still alive.

Every Celery worker process records a heartbeat every ``WORKER_HEARTBEAT_SECONDS``
(a thread started when the process starts); beat's watchdog records ``beat`` each time it runs.
Work a process takes (an import job, outbox rows) names it; once its heartbeat is older than
``WORKER_GONE_SECONDS`` the process is gone and its work is freed at once, not after a long
timeout. The health page reads the same heartbeats.
"""

import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from .models import Heartbeat

logger = logging.getLogger(__name__)
BEAT = "beat"


def worker_name() -> str:
    """This process, as its heartbeat and the work it takes name it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def heartbeat(name: str | None = None) -> None:
    Heartbeat.objects.update_or_create(
        name=name or worker_name(), defaults={"seen_at": timezone.now()}
    )


def gone_before():
    """A process whose last heartbeat is older than this is gone."""
    return timezone.now() - timedelta(seconds=settings.WORKER_GONE_SECONDS)


def alive(names) -> set[str]:
    """Which of these processes are alive."""
    return set(
        Heartbeat.objects.filter(name__in=set(names), seen_at__gte=gone_before()).values_list(
            "name", flat=True
        )
    )


def last_worker_heartbeat():
    """When a worker process last gave a sign of life (None: never)."""
    return (
        Heartbeat.objects.exclude(name=BEAT).order_by("-seen_at").values_list("seen_at", flat=True)
    ).first()


def last_beat():
    return Heartbeat.objects.filter(name=BEAT).values_list("seen_at", flat=True).first()


_running_in: int | None = None  # the process whose thread is running (a fork has none)


def start_heartbeat() -> None:
    """Start this process's heartbeat thread, once per process."""
    global _running_in
    if _running_in == os.getpid():
        return
    _running_in = os.getpid()
    name = worker_name()

    def loop() -> None:
        while True:
            try:
                close_old_connections()
                heartbeat(name)
            except Exception:  # the database away for a moment: the next beat tries again
                logger.warning("Сигнал обработчика %s не записан", name, exc_info=True)
            time.sleep(settings.WORKER_HEARTBEAT_SECONDS)

    threading.Thread(target=loop, name="heartbeat", daemon=True).start()
