"""Celery tasks of the push that no service queues: thin interfaces over ``outbox`` and
``reconciliation``. The drain itself, which the outbox queues, is
``outbox.draining.outbox_drain_task``."""

from celery import shared_task
from django.conf import settings

from moc_portal.users.models import User

from . import outbox, reconciliation, selectors


@shared_task
def outbox_watchdog() -> int:
    """Beat: rows left in flight by a dead worker go back to the queue, and a drain starts if
    anything is due (so the push resumes by itself after any failure). Returns rows freed."""
    freed = outbox.outbox_release_dead()
    if settings.NAVIGATOR_URL and selectors.due_count():
        # Not ``drain_soon``: a kick queued just before a worker died must not hold this back.
        outbox.outbox_drain_task.delay()
    return freed


@shared_task
def navigator_reconcile(user_id: int | None = None) -> str:
    user = User.objects.get(pk=user_id) if user_id else None
    return reconciliation.navigator_reconcile(user=user).text()
