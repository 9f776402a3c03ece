"""Draining: batches under a lease for a while, the Celery task that queues itself for the
next due row, and the watchdog's release of rows a dead worker held."""

import time
from dataclasses import asdict
from datetime import datetime, timedelta

from celery import current_app, shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Q
from django.utils import timezone

from moc_portal.core.workers import alive, heartbeat, worker_name
from moc_portal.users.models import User

from ..client import BATCH_LIMIT, NavigatorClient
from ..models import SyncOutboxEntry, SyncState
from .sending import DrainReport, claim, send_batch, token_mark

Entry = SyncOutboxEntry
State = SyncOutboxEntry.State

KICK_KEY = "navigator:drain:kick"
NEXT_KEY = "navigator:drain:next"


def drain_soon() -> None:
    """Queue a drain unless one is queued and not yet started (bursts of changes share one)."""
    if not settings.NAVIGATOR_URL:
        return
    if cache.add(KICK_KEY, 1, timeout=30):
        outbox_drain_task.delay()


def _next_due(state: SyncState) -> datetime | None:
    if state.paused_reason:
        return None
    due = Entry.objects.filter(state=State.PENDING).aggregate(at=Min("not_before"))["at"]
    if due and state.resume_at:
        due = max(due, state.resume_at)
    return due


def outbox_drain(
    *, client: NavigatorClient | None = None, seconds: float | None = None, batch_size=None
) -> DrainReport:
    """Send what is due, batch by batch, for at most ``seconds``; say when more falls due."""
    report = DrainReport()
    own_client = client is None
    client = client or NavigatorClient.from_settings()
    if client is None:
        report.stopped = "Навигатор не настроен: задайте NAVIGATOR_URL и NAVIGATOR_TOKEN."
        return report
    seconds = settings.NAVIGATOR_DRAIN_SECONDS if seconds is None else seconds
    batch_size = min(batch_size or settings.NAVIGATOR_BATCH_SIZE, BATCH_LIMIT)
    state = SyncState.load()
    if state.paused_reason and state.paused_token != token_mark(client.token):
        sync_resume()  # the token was replaced since the Navigator refused it
        state.refresh_from_db()
    if not _lease(seconds):
        report.stopped = "Передача уже идёт в другом процессе."
        if own_client:
            client.close()
        return report
    try:
        outbox_release_dead()
        if state.paused_reason:
            report.stopped = state.paused_reason
            return report
        if state.resume_at and state.resume_at > timezone.now():
            report.stopped = state.wait_reason or "Навигатор просил подождать."
            report.next_at = state.resume_at
            return report
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            entries = claim(batch_size)
            if not entries or not send_batch(client, entries, report):
                break
        SyncState.objects.filter(pk=1).update(last_run_at=timezone.now())
        state.refresh_from_db()
        report.next_at = report.next_at or _next_due(state)
        return report
    finally:
        SyncState.objects.filter(pk=1, drain_owner=worker_name()).update(
            drain_owner="", drain_until=None
        )
        if own_client:
            client.close()


def _lease(seconds: float) -> bool:
    """This process drains alone for ``seconds`` (and a request's timeout after): a drain
    queued after a 429 and one started by the watchdog do not run side by side. A lease of a
    process that is gone, or that ran out, is taken over."""
    now = timezone.now()
    me = worker_name()
    heartbeat(me)
    until = now + timedelta(seconds=seconds + settings.NAVIGATOR_TIMEOUT + 5)
    held = SyncState.objects.filter(pk=1).values_list("drain_owner", flat=True).first() or ""
    free = Q(drain_owner="") | Q(drain_owner=me) | Q(drain_until__lt=now)
    if held and held != me and not alive([held]):
        free |= Q(drain_owner=held)
    return bool(SyncState.objects.filter(free, pk=1).update(drain_owner=me, drain_until=until))


def drain_until_empty(
    *, client: NavigatorClient | None = None, max_wait: float = 300
) -> DrainReport:
    """Drain in this process until nothing is pending, sleeping through backoffs for at most
    ``max_wait`` seconds in all: the management command and the benchmark."""
    total = DrainReport()
    waited = 0.0
    while True:
        total.add(outbox_drain(client=client, seconds=3600))
        if total.next_at is None:  # empty, paused or not configured
            return total
        pause = max((total.next_at - timezone.now()).total_seconds(), 0.0)
        if waited + pause > max_wait:
            return total
        time.sleep(pause)
        waited += pause


@shared_task(name="navigator_sync.tasks.outbox_drain", acks_late=True)  # the name queued ones know
def outbox_drain_task() -> dict:
    """Send what is due; while rows remain, queue itself for when the next one falls due."""
    cache.delete_many([KICK_KEY, NEXT_KEY])
    report = outbox_drain()
    _drain_at(report.next_at)
    return {**asdict(report), "next_at": report.next_at and report.next_at.isoformat()}


def _drain_at(at: datetime | None) -> None:
    # In-process Celery (the embedded set-up) would run it at once, again and again: there
    # the next change, the staff page or the watchdog starts the next drain.
    if at is None or current_app.conf.task_always_eager:
        return
    queued = cache.get(NEXT_KEY)
    if queued is not None and queued <= at.timestamp() + 1:
        return  # a drain is queued for that moment or earlier
    delay = max((at - timezone.now()).total_seconds(), 0.0)
    cache.set(NEXT_KEY, at.timestamp(), timeout=int(delay) + 30)
    outbox_drain_task.apply_async(countdown=delay)


def outbox_release_dead() -> int:
    """Rows in flight whose sender is gone (its heartbeat stopped: a killed worker) go back
    to the queue at once; rows without a known sender after NAVIGATOR_STUCK_SECONDS."""
    now = timezone.now()
    in_flight = Entry.objects.filter(state=State.IN_FLIGHT)
    senders = set(in_flight.exclude(claimed_by="").values_list("claimed_by", flat=True))
    gone = senders - alive(senders)
    stuck = Q(
        claimed_by="", claimed_at__lt=now - timedelta(seconds=settings.NAVIGATOR_STUCK_SECONDS)
    )
    return in_flight.filter(Q(claimed_by__in=gone) | stuck).update(
        state=State.PENDING, claimed_at=None, claimed_by="", not_before=now
    )


def sync_resume(*, user: User | None = None) -> None:
    """Lift a pause (after the token was changed) and any wait the Navigator asked for. The
    push is one for the whole region: an administrator's action."""
    if user is not None and not user.is_administrator:
        raise PermissionDenied("Передачу в Навигатор возобновляет администратор портала.")
    SyncState.load()
    SyncState.objects.filter(pk=1).update(
        paused_reason="", paused_at=None, paused_token="", resume_at=None, wait_reason=""
    )
