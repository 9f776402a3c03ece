"""The outbox to the Navigator (STYLE.md point 4): what goes, in what order, what became of it.

Reads are ``selectors``; comparing with the Navigator's listing is ``reconciliation``.

A change arms one row per object after its transaction commits; ``outbox_drain`` claims due
rows with ``SELECT … FOR UPDATE SKIP LOCKED``, sends them in batches and records each result:
sent (with the Navigator's id and URL), a recoverable error (attempts, backoff with jitter,
``not_before``), a permanent one (the Navigator's field errors kept for staff) or a
configuration error (the whole push pauses and says why). A row whose content hash equals
what the Navigator already holds is closed without a request.
"""

import hashlib
import random
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from celery import current_app, shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, F, Min, Q, Value, When
from django.utils import timezone

from moc_portal.core.bulk import update_rows
from moc_portal.core.workers import alive, heartbeat, worker_name
from moc_portal.users.models import User
from programs import selectors as registry
from programs import services as registry_services

from .client import (
    BATCH_LIMIT,
    NavigatorClient,
    NavigatorError,
    NavigatorRateLimited,
    NavigatorRejected,
    NavigatorUnauthorized,
)
from .mapping import (
    content_hash,
    organisation_payload,
    program_payload,
    source_mark,
    withdrawal_payload,
)
from .models import SyncOutboxEntry, SyncState
from .selectors import check_may_sync, entries_for_user

Entry = SyncOutboxEntry
Kind = SyncOutboxEntry.Kind
State = SyncOutboxEntry.State
ErrorKind = SyncOutboxEntry.ErrorKind

CHUNK = 1000
# What a send writes back to its rows (never ``generation``: a change may have raised it).
RESULT_FIELDS = [
    "state",
    "claimed_at",
    "claimed_by",
    "attempts",
    "not_before",
    "error_kind",
    "last_error",
    "field_errors",
    "sent_hash",
    "sent_source",
    "sent_at",
    "withdrawn",
    "navigator_id",
    "navigator_url",
    "title",
]
KICK_KEY = "navigator:drain:kick"
NEXT_KEY = "navigator:drain:next"
UNKNOWN_ORGANISATION = "Организация программы ещё не передана в Навигатор; повтор после неё."


# --- arming rows -------------------------------------------------------------------------------


def arm(kind: str, rows: list[dict], *, rearm: bool = True) -> None:
    """A pending row for each object; an existing row gets a new generation (``rearm``).

    A row being sent stays in flight: its sender sees the new generation and leaves it pending.
    """
    now = timezone.now()
    for start in range(0, len(rows), CHUNK):
        chunk = {str(row["uuid"]): row for row in rows[start : start + CHUNK]}
        existing = {
            str(uuid)
            for uuid in Entry.objects.filter(kind=kind, uuid__in=chunk).values_list(
                "uuid", flat=True
            )
        }
        Entry.objects.bulk_create(
            [
                Entry(kind=kind, not_before=now, enqueued_at=now, **row)
                for uuid, row in chunk.items()
                if uuid not in existing
            ],
            ignore_conflicts=True,
        )
        if rearm and existing:
            Entry.objects.filter(kind=kind, uuid__in=existing).update(
                generation=F("generation") + 1,
                state=Case(
                    When(state=State.IN_FLIGHT, then=Value(State.IN_FLIGHT)),
                    default=Value(State.PENDING),
                ),
                not_before=now,
                enqueued_at=now,
                attempts=0,
                error_kind=ErrorKind.NONE,
                last_error="",
                field_errors=[],
            )


def _organisation_rows(organisation_ids) -> list[dict]:
    return [
        {
            "uuid": o["uuid"],
            "object_id": o["pk"],
            "municipality_id": o["municipality_id"],
            "title": o["short_name"][:500],
        }
        for o in registry.organisations_for_exchange(organisation_ids).values(
            "pk", "uuid", "municipality_id", "short_name"
        )
    ]


def programs_enqueue(program_ids) -> None:
    """Published, changed or archived programmes; their organisations go first if never sent.

    A programme whose published version is the one the Navigator was sent last is not armed:
    «Отправить сейчас» over an unchanged registry builds no payload and sends nothing."""
    program_ids = list(program_ids)
    for start in range(0, len(program_ids), CHUNK):
        found = list(registry.programs_for_exchange(program_ids[start : start + CHUNK]))
        sent = dict(
            Entry.objects.filter(
                kind=Kind.PROGRAM, object_id__in=[p["pk"] for p in found], state=State.DONE
            )
            .exclude(sent_source="")
            .values_list("object_id", "sent_source")
        )
        found = [p for p in found if sent.get(p["pk"]) != source_mark(p["published__changed_at"])]
        arm(
            Kind.PROGRAM,
            [
                {
                    "uuid": p["uuid"],
                    "object_id": p["pk"],
                    "municipality_id": p["organisation__municipality_id"],
                    "title": p["name"][:500],
                }
                for p in found
            ],
        )
        organisations = {p["organisation_id"] for p in found} - set(
            Entry.objects.filter(
                kind=Kind.ORGANISATION, object_id__in={p["organisation_id"] for p in found}
            ).values_list("object_id", flat=True)
        )
        arm(Kind.ORGANISATION, _organisation_rows(organisations), rearm=False)


def organisations_enqueue(organisation_ids) -> None:
    """A changed organisation goes again if the Navigator has it or should have it."""
    organisation_ids = set(organisation_ids)
    concerned = registry.organisations_with_published(organisation_ids) | set(
        Entry.objects.filter(kind=Kind.ORGANISATION, object_id__in=organisation_ids)
        .exclude(sent_hash="")
        .values_list("object_id", flat=True)
    )
    arm(Kind.ORGANISATION, _organisation_rows(concerned))


def drain_soon() -> None:
    """Queue a drain unless one is queued and not yet started (bursts of changes share one)."""
    if not settings.NAVIGATOR_URL:
        return
    if cache.add(KICK_KEY, 1, timeout=30):
        outbox_drain_task.delay()


def on_programs_changed(program_ids, **kwargs) -> None:
    programs_enqueue(program_ids)
    drain_soon()


def on_organisations_changed(organisation_ids, **kwargs) -> None:
    organisations_enqueue(organisation_ids)
    drain_soon()


# --- draining ----------------------------------------------------------------------------------


@dataclass
class DrainReport:
    sent: int = 0  # items the Navigator accepted
    unchanged: int = 0  # closed without a request: the Navigator holds this content already
    failed: int = 0  # recoverable or permanent errors recorded
    requests: int = 0
    stopped: str = ""  # why the drain stopped before the queue was empty, in Russian
    next_at: datetime | None = None  # when a pending row falls due next

    def text(self) -> str:
        summary = (
            f"Передано: {self.sent}; без изменений (не отправлялись): {self.unchanged}; "
            f"ошибок: {self.failed}; запросов к Навигатору: {self.requests}."
        )
        return summary + (f" Остановлено: {self.stopped}" if self.stopped else "")

    def add(self, other: "DrainReport") -> None:
        self.sent += other.sent
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.requests += other.requests
        self.stopped = other.stopped
        self.next_at = other.next_at


def _token_mark(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def _backoff(attempts: int) -> timedelta:
    """Doubling from NAVIGATOR_RETRY_BASE_SECONDS up to the cap, each wait 50–100% of it so
    many rows that failed together do not come back together."""
    delay = min(
        settings.NAVIGATOR_RETRY_MAX_SECONDS,
        settings.NAVIGATOR_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
    )
    return timedelta(seconds=delay * random.uniform(0.5, 1.0))


def _claim(size: int) -> list[Entry]:
    now = timezone.now()
    sender = worker_name()
    heartbeat(sender)  # a batch can take NAVIGATOR_TIMEOUT: below WORKER_GONE_SECONDS
    with transaction.atomic():
        entries = list(
            Entry.objects.select_for_update(skip_locked=True)
            .filter(state=State.PENDING)
            .filter(Q(not_before__isnull=True) | Q(not_before__lte=now))
            .order_by("state", "kind", "id")[:size]
        )
        if entries:
            Entry.objects.filter(pk__in=[e.pk for e in entries]).update(
                state=State.IN_FLIGHT,
                claimed_at=now,
                claimed_by=sender,
                claimed_generation=F("generation"),
            )
    for entry in entries:
        entry.claimed_generation = entry.generation
        entry.claimed_by = sender
    return entries


def _payloads(entries: list[Entry]) -> list[tuple[Entry, dict | None]]:
    """What each row should make the Navigator hold; None when there is nothing to send."""
    organisations = {
        o.pk: o
        for o in registry.organisations_for_exchange(
            [e.object_id for e in entries if e.kind == Kind.ORGANISATION]
        )
    }
    published = {
        p.program_id: p
        for p in registry.published_for_exchange(
            program_ids=[e.object_id for e in entries if e.kind == Kind.PROGRAM]
        )
    }
    now = timezone.now()
    pairs = []
    for entry in entries:
        payload = None
        if entry.kind == Kind.ORGANISATION:
            if entry.object_id in organisations:
                payload = organisation_payload(organisations[entry.object_id])
        elif entry.object_id in published:
            payload = program_payload(published[entry.object_id])
            entry.title = published[entry.object_id].name[:500]
            entry.source = source_mark(published[entry.object_id].changed_at)
        elif entry.sent_hash:  # archived here, still published there
            payload = withdrawal_payload(entry.uuid, now)
        pairs.append((entry, payload))
    return pairs


def _release(entries: list[Entry]) -> None:
    """Back to the queue untouched: the request never reached a verdict on them."""
    Entry.objects.filter(pk__in=[e.pk for e in entries], state=State.IN_FLIGHT).update(
        state=State.PENDING, claimed_at=None, claimed_by="", not_before=timezone.now()
    )


def _succeed(entry: Entry, digest: str, payload: dict, result: dict | None, now) -> None:
    entry.state = State.DONE
    entry.attempts = 0
    entry.error_kind = ErrorKind.NONE
    entry.last_error = ""
    entry.field_errors = []
    entry.sent_hash = digest
    entry.sent_source = getattr(entry, "source", "")
    entry.sent_at = now
    entry.withdrawn = bool(payload.get("isDeleted"))
    if entry.withdrawn:
        entry.navigator_id = entry.navigator_url = ""
    elif result and result.get("id"):
        entry.navigator_id = str(result["id"])[:64]
        entry.navigator_url = str(result.get("url", ""))[:200]


def _fail(entry: Entry, kind: str, message: str, fields=(), now=None) -> None:
    entry.attempts += 1
    entry.error_kind = kind
    entry.last_error = message
    entry.field_errors = list(fields)
    if kind == ErrorKind.PERMANENT:
        entry.state = State.FAILED
    else:
        entry.state = State.PENDING
        entry.not_before = (now or timezone.now()) + _backoff(entry.attempts)


def _send(client: NavigatorClient, entries: list[Entry], report: DrainReport) -> bool:
    """One batch. False when the push must stop (paused, or told to wait)."""
    now = timezone.now()
    links_before = {e.pk: (e.navigator_id, e.navigator_url) for e in entries}
    outgoing = []  # (entry, payload, digest)
    for entry, payload in _payloads(entries):
        if payload is None:  # never sent and not published: nothing to take back
            entry.state = State.DONE
            entry.error_kind, entry.last_error, entry.field_errors = ErrorKind.NONE, "", []
            continue
        digest = content_hash(payload)
        if digest == entry.sent_hash:
            _succeed(entry, digest, payload, None, entry.sent_at or now)
            report.unchanged += 1
        else:
            outgoing.append((entry, payload, digest))
    unknown_organisations = set()
    if outgoing:
        report.requests += 1
        try:
            results = client.batch([(e.kind, payload) for e, payload, _ in outgoing])
        except NavigatorUnauthorized as error:
            _pause(str(error), client.token)
            _release(entries)
            report.stopped = str(error)
            return False
        except NavigatorRateLimited as error:
            _release(entries)
            report.stopped = str(error)
            waited_from = timezone.now()  # the wait counts from the answer, not the request
            report.next_at = _wait(waited_from + timedelta(seconds=error.retry_after), str(error))
            return False
        except NavigatorError as error:
            permanent = isinstance(error, NavigatorRejected)
            kind = ErrorKind.PERMANENT if permanent else ErrorKind.RECOVERABLE
            failure = {"status": 0, "error": {"message": str(error)}, "_kind": kind}
            results = [failure] * len(outgoing)
            if not permanent:  # the Navigator is down: the whole push backs off, not each batch
                failures = SyncState.load().consecutive_failures + 1
                SyncState.objects.filter(pk=1).update(consecutive_failures=failures)
                # Probed at least every NAVIGATOR_PROBE_SECONDS: the first answer after the
                # outage releases the whole queue at once.
                probe = timedelta(seconds=settings.NAVIGATOR_PROBE_SECONDS)
                report.next_at = _wait(now + min(_backoff(failures), probe), str(error))
                report.stopped = str(error)
        else:
            recovered = SyncState.objects.filter(pk=1, consecutive_failures__gt=0).update(
                consecutive_failures=0, wait_reason="", resume_at=None
            )
            if recovered:  # back after an outage: what waited out a backoff goes now
                Entry.objects.filter(state=State.PENDING, not_before__gt=now).exclude(
                    error_kind=ErrorKind.PERMANENT
                ).update(not_before=now)
        for (entry, payload, digest), result in zip(outgoing, results, strict=True):
            status = result.get("status")
            error = result.get("error") or {}
            if status in (200, 201):
                _succeed(entry, digest, payload, result, now)
                report.sent += 1
                continue
            if status == 404 and payload.get("isDeleted"):  # nothing there to take back
                _succeed(entry, digest, payload, None, now)
                report.sent += 1
                continue
            report.failed += 1
            if status == 409:
                _fail(entry, ErrorKind.RECOVERABLE, UNKNOWN_ORGANISATION, now=now)
                unknown_organisations.add(payload["organisationUuid"])
            elif status in (400, 422):
                message = error.get("message") or "Навигатор не принял данные."
                _fail(entry, ErrorKind.PERMANENT, message, error.get("fields", []), now)
            else:
                message = error.get("message") or f"Ошибка Навигатора {status}."
                _fail(entry, result.get("_kind", ErrorKind.RECOVERABLE), message, now=now)
    _record(entries, links_before, unknown_organisations)
    return not report.stopped


def _wait(until: datetime, reason: str) -> datetime:
    SyncState.objects.filter(pk=1).update(resume_at=until, wait_reason=reason)
    return until


def _record(entries: list[Entry], links_before: dict, unknown_organisations: set) -> None:
    with transaction.atomic():
        for entry in entries:
            entry.claimed_at, entry.claimed_by = None, ""
        update_rows(
            Entry, RESULT_FIELDS, [(e.pk, *(getattr(e, f) for f in RESULT_FIELDS)) for e in entries]
        )
        # Changed while it was being sent: what went may be stale, so it goes again.
        Entry.objects.filter(
            pk__in=[e.pk for e in entries], generation__gt=F("claimed_generation")
        ).exclude(state=State.PENDING).update(state=State.PENDING, not_before=timezone.now())
        if unknown_organisations:
            # The Navigator has lost an organisation it once took: send it again.
            Entry.objects.filter(
                kind=Kind.ORGANISATION, uuid__in=unknown_organisations, state=State.DONE
            ).update(sent_hash="", sent_source="", state=State.PENDING, not_before=timezone.now())
        links = {
            e.object_id: (e.navigator_id, e.navigator_url)
            for e in entries
            if e.kind == Kind.PROGRAM
            and e.object_id
            and links_before[e.pk] != (e.navigator_id, e.navigator_url)
        }
        registry_services.program_navigator_links_save(links)


def _pause(reason: str, token: str) -> None:
    SyncState.load()
    SyncState.objects.filter(pk=1).update(
        paused_reason=reason, paused_at=timezone.now(), paused_token=_token_mark(token)
    )


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
    if state.paused_reason and state.paused_token != _token_mark(client.token):
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
            entries = _claim(batch_size)
            if not entries or not _send(client, entries, report):
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


# --- what staff do -----------------------------------------------------------------------------


def outbox_retry(*, user: User, entry_ids=None) -> int:
    """Failed rows and rows waiting out a backoff go again now; returns how many."""
    entries = entries_for_user(user).filter(
        Q(state=State.FAILED) | Q(state=State.PENDING, attempts__gt=0)
    )
    if entry_ids is not None:
        entries = entries.filter(pk__in=entry_ids)
    count = entries.update(
        state=State.PENDING,
        not_before=timezone.now(),
        generation=F("generation") + 1,
        attempts=0,
        error_kind=ErrorKind.NONE,
        last_error="",
        field_errors=[],
    )
    if count:
        # A person asks to try now: a back-off after failed requests does not hold them back
        # (a wait the Navigator asked for, 429, still does).
        SyncState.objects.filter(pk=1, consecutive_failures__gt=0).update(resume_at=None)
        drain_soon()
    return count


def outbox_resend(*, user: User, entry_ids) -> int:
    """Chosen rows go again even if unchanged (the Navigator's copy is in doubt)."""
    entries = entries_for_user(user).filter(pk__in=entry_ids)
    count = entries.update(
        sent_hash="",
        sent_source="",
        state=Case(
            When(state=State.IN_FLIGHT, then=Value(State.IN_FLIGHT)),
            default=Value(State.PENDING),
        ),
        generation=F("generation") + 1,
        not_before=timezone.now(),
        attempts=0,
    )
    if count:
        drain_soon()
    return count


def outbox_send_now(*, user: User) -> int:
    """Every published programme in the person's reach is checked against what was sent;
    only what differs travels. Returns how many programmes were checked."""
    check_may_sync(user)
    outbox_release_dead()  # what a dead worker held goes with the rest
    municipality_id = user.municipality_scope
    ids = list(
        registry.published_for_exchange(municipality_id=municipality_id).values_list(
            "program_id", flat=True
        )
    )
    programs_enqueue(ids)
    # What was sent and has since been archived here is taken back as well.
    sent = entries_for_user(user).filter(kind=Kind.PROGRAM, withdrawn=False).exclude(sent_hash="")
    programs_enqueue(set(sent.values_list("object_id", flat=True)) - set(ids) - {None})
    drain_soon()
    return len(ids)
