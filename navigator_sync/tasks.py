"""Celery tasks of the push: thin interfaces over ``outbox`` and ``reconciliation``."""

from dataclasses import asdict

from celery import current_app, shared_task
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from moc_portal.users.models import User

from . import outbox, reconciliation, selectors

NEXT_KEY = "navigator:drain:next"


@shared_task(acks_late=True)
def outbox_drain() -> dict:
    """Send what is due; while rows remain, queue itself for when the next one falls due."""
    cache.delete_many([outbox.KICK_KEY, NEXT_KEY])
    report = outbox.outbox_drain()
    _schedule(report.next_at)
    return {**asdict(report), "next_at": report.next_at and report.next_at.isoformat()}


def _schedule(at) -> None:
    # In-process Celery (the embedded set-up) would run it at once, again and again: there
    # the next change, the staff page or the watchdog starts the next drain.
    if at is None or current_app.conf.task_always_eager:
        return
    queued = cache.get(NEXT_KEY)
    if queued is not None and queued <= at.timestamp() + 1:
        return  # a drain is queued for that moment or earlier
    delay = max((at - timezone.now()).total_seconds(), 0.0)
    cache.set(NEXT_KEY, at.timestamp(), timeout=int(delay) + 30)
    outbox_drain.apply_async(countdown=delay)


@shared_task
def outbox_watchdog() -> int:
    """Beat: rows left in flight by a dead worker go back to the queue, and a drain starts if
    anything is due (so the push resumes by itself after any failure). Returns rows freed."""
    freed = outbox.outbox_release_dead()
    if settings.NAVIGATOR_URL and selectors.due_count():
        # Not ``drain_soon``: a kick queued just before a worker died must not hold this back.
        outbox_drain.delay()
    return freed


@shared_task
def navigator_reconcile(user_id: int | None = None) -> str:
    user = User.objects.get(pk=user_id) if user_id else None
    return reconciliation.navigator_reconcile(user=user).text()
