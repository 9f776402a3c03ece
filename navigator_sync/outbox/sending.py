"""One batch to the Navigator: claim due rows, build their payloads, send what differs and
record what became of each row."""

import hashlib
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from moc_portal.core.bulk import update_rows
from moc_portal.core.workers import heartbeat, worker_name
from programs import exchange as registry
from programs import services as registry_services

from ..client import (
    NavigatorClient,
    NavigatorError,
    NavigatorRateLimited,
    NavigatorRejected,
    NavigatorUnauthorized,
)
from ..mapping import (
    content_hash,
    organisation_payload,
    program_payload,
    source_mark,
    withdrawal_payload,
)
from ..models import SyncOutboxEntry, SyncState

Entry = SyncOutboxEntry
Kind = SyncOutboxEntry.Kind
State = SyncOutboxEntry.State
ErrorKind = SyncOutboxEntry.ErrorKind

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
UNKNOWN_ORGANISATION = "Организация программы ещё не передана в Навигатор; повтор после неё."


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


def token_mark(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:16]


def _backoff(attempts: int) -> timedelta:
    """Doubling from NAVIGATOR_RETRY_BASE_SECONDS up to the cap, each wait 50–100% of it so
    many rows that failed together do not come back together."""
    delay = min(
        settings.NAVIGATOR_RETRY_MAX_SECONDS,
        settings.NAVIGATOR_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
    )
    return timedelta(seconds=delay * random.uniform(0.5, 1.0))


def claim(size: int) -> list[Entry]:
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


def send_batch(client: NavigatorClient, entries: list[Entry], report: DrainReport) -> bool:
    """One batch. False when the push must stop (paused, or told to wait)."""
    now = timezone.now()
    links_before = {e.pk: (e.navigator_id, e.navigator_url) for e in entries}
    outgoing = _outgoing(entries, report, now)
    unknown_organisations = set()
    if outgoing:
        results = _request(client, entries, outgoing, report, now)
        if results is None:  # the rows went back to the queue untouched
            return False
        unknown_organisations = _apply(outgoing, results, report, now)
    _record(entries, links_before, unknown_organisations)
    return not report.stopped


def _outgoing(entries: list[Entry], report: DrainReport, now) -> list[tuple[Entry, dict, str]]:
    """(entry, payload, digest) of what must travel; the rest is closed here without a request."""
    outgoing = []
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
    return outgoing


def _request(
    client: NavigatorClient, entries: list[Entry], outgoing: list, report: DrainReport, now
) -> list[dict] | None:
    """The Navigator's answer for each outgoing row, or None when the push must stop and the
    batch goes back to the queue (the token refused, or told to wait)."""
    report.requests += 1
    try:
        results = client.batch([(e.kind, payload) for e, payload, _ in outgoing])
    except NavigatorUnauthorized as error:
        _pause(str(error), client.token)
        _release(entries)
        report.stopped = str(error)
        return None
    except NavigatorRateLimited as error:
        _release(entries)
        report.stopped = str(error)
        waited_from = timezone.now()  # the wait counts from the answer, not the request
        report.next_at = _wait(waited_from + timedelta(seconds=error.retry_after), str(error))
        return None
    except NavigatorError as error:
        return _batch_failed(error, len(outgoing), report, now)
    _outage_over(now)
    return results


def _batch_failed(error: NavigatorError, count: int, report: DrainReport, now) -> list[dict]:
    """The same failure for every row of a request that got no answer per item."""
    permanent = isinstance(error, NavigatorRejected)
    kind = ErrorKind.PERMANENT if permanent else ErrorKind.RECOVERABLE
    failure = {"status": 0, "error": {"message": str(error)}, "_kind": kind}
    if not permanent:  # the Navigator is down: the whole push backs off, not each batch
        failures = SyncState.load().consecutive_failures + 1
        SyncState.objects.filter(pk=1).update(consecutive_failures=failures)
        # Probed at least every NAVIGATOR_PROBE_SECONDS: the first answer after the
        # outage releases the whole queue at once.
        probe = timedelta(seconds=settings.NAVIGATOR_PROBE_SECONDS)
        report.next_at = _wait(now + min(_backoff(failures), probe), str(error))
        report.stopped = str(error)
    return [failure] * count


def _outage_over(now) -> None:
    recovered = SyncState.objects.filter(pk=1, consecutive_failures__gt=0).update(
        consecutive_failures=0, wait_reason="", resume_at=None
    )
    if recovered:  # back after an outage: what waited out a backoff goes now
        Entry.objects.filter(state=State.PENDING, not_before__gt=now).exclude(
            error_kind=ErrorKind.PERMANENT
        ).update(not_before=now)


def _apply(outgoing: list, results: list[dict], report: DrainReport, now) -> set:
    """Each row takes its item's answer; returns the organisations the Navigator did not know."""
    unknown_organisations = set()
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
    return unknown_organisations


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
        paused_reason=reason, paused_at=timezone.now(), paused_token=token_mark(token)
    )
