"""The outbox to the Navigator (STYLE.md point 4): what goes, in what order, what became of it.

Reads are ``selectors``; comparing with the Navigator's listing is ``reconciliation``.

A change arms one row per object after its transaction commits; ``outbox_drain`` claims due
rows with ``SELECT … FOR UPDATE SKIP LOCKED``, sends them in batches and records each result:
sent (with the Navigator's id and URL), a recoverable error (attempts, backoff with jitter,
``not_before``), a permanent one (the Navigator's field errors kept for staff) or a
configuration error (the whole push pauses and says why). A row whose content hash equals
what the Navigator already holds is closed without a request.

``arming`` puts rows in the queue, ``sending`` sends one batch and records the answers,
``draining`` runs batches under a lease (the Celery task ``navigator_sync.tasks.outbox_drain``
is defined there, beside ``drain_soon`` that queues it), ``triggers`` is what starts a push.
"""

from .arming import CHUNK, arm, organisations_enqueue, programs_enqueue
from .draining import (
    drain_soon,
    drain_until_empty,
    outbox_drain,
    outbox_drain_task,
    outbox_release_dead,
    sync_resume,
)
from .sending import DrainReport
from .triggers import (
    on_organisations_changed,
    on_programs_changed,
    outbox_resend,
    outbox_retry,
    outbox_send_now,
)

__all__ = [
    "CHUNK",
    "DrainReport",
    "arm",
    "drain_soon",
    "drain_until_empty",
    "on_organisations_changed",
    "on_programs_changed",
    "organisations_enqueue",
    "outbox_drain",
    "outbox_drain_task",
    "outbox_release_dead",
    "outbox_resend",
    "outbox_retry",
    "outbox_send_now",
    "programs_enqueue",
    "sync_resume",
]
