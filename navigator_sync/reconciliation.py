"""Reconciliation: our published programmes against what the Navigator lists, with the repairs
queued in the outbox."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from moc_portal.users.models import User
from programs import exchange as registry

from .client import NavigatorClient, NavigatorError
from .mapping import content_hash, program_payload
from .models import SyncOutboxEntry, SyncState
from .outbox import CHUNK, arm, drain_soon, programs_enqueue
from .selectors import check_may_sync

Entry = SyncOutboxEntry
Kind = SyncOutboxEntry.Kind


@dataclass
class Reconciliation:
    held: int = 0  # programmes the Navigator lists as published
    published: int = 0  # programmes published here (in scope)
    missing: int = 0  # published here, absent or withdrawn there
    different: int = 0  # there with other content
    extra: int = 0  # published there, not here

    def text(self) -> str:
        repaired = self.missing + self.different + self.extra
        summary = (
            f"В Навигаторе опубликовано {self.held}, на портале — {self.published}. "
            f"Нет в Навигаторе: {self.missing}; отличаются: {self.different}; "
            f"лишние в Навигаторе: {self.extra}."
        )
        if repaired:
            return summary + f" Поставлено в очередь на исправление: {repaired}."
        return summary + " Расхождений нет."


def navigator_reconcile(
    *, user: User | None = None, client: NavigatorClient | None = None
) -> Reconciliation:
    """Compare our published programmes with what the Navigator lists, and queue the repairs:
    missing or different ones go again, ones the Navigator shows but we do not publish are
    withdrawn. Staff reconcile their municipality; the command and administrators everything
    (then programmes the portal does not know at all are withdrawn too)."""
    published = registry.published_for_exchange()
    municipality_id = None  # everything: the command and administrators
    if user is not None:
        check_may_sync(user)
        published = published.managed_by(user)
        municipality_id = None if user.is_administrator else user.municipality_id
    own_client = client is None
    client = client or NavigatorClient.from_settings()
    if client is None:
        raise NavigatorError("Навигатор не настроен: задайте NAVIGATOR_URL и NAVIGATOR_TOKEN.")
    try:
        listed = client.programs()
        held = {item["uuid"]: item.get("hash", "") for item in listed if not item["isDeleted"]}
    finally:
        if own_client:
            client.close()
    report = Reconciliation()
    again, ours = [], set()
    for item in published.iterator(chunk_size=2000):
        report.published += 1
        uuid = str(item.program.uuid)
        ours.add(uuid)
        if uuid not in held:
            report.missing += 1
            again.append(item.program_id)
        elif held[uuid] != content_hash(program_payload(item)):
            report.different += 1
            again.append(item.program_id)
    extra = [uuid for uuid in held if uuid not in ours]
    if municipality_id is not None:
        report.held = sum(1 for uuid in held if uuid in ours)
        extra = registry.program_uuids_in_municipality(extra, municipality_id)
    else:
        report.held = len(held)
    report.extra = len(extra)
    with transaction.atomic():
        for start in range(0, len(again), CHUNK):
            Entry.objects.filter(
                kind=Kind.PROGRAM, object_id__in=again[start : start + CHUNK]
            ).update(sent_hash="", sent_source="")
        programs_enqueue(again)
        _withdraw(extra)
        SyncState.load()
        SyncState.objects.filter(pk=1).update(
            reconciled_at=timezone.now(), reconciliation=report.text()
        )
    if again or extra:
        transaction.on_commit(drain_soon)
    return report


def _withdraw(uuids: list[str]) -> None:
    """Rows that make the Navigator take these programmes back (``sent_hash`` marks them as
    held there, whatever the portal remembers)."""
    known = {
        str(p["uuid"]): p
        for start in range(0, len(uuids), CHUNK)
        for p in registry.programs_by_uuid(uuids[start : start + CHUNK])
    }
    arm(
        Kind.PROGRAM,
        [
            {
                "uuid": uuid,
                "object_id": known[uuid]["pk"] if uuid in known else None,
                "municipality_id": known[uuid]["organisation__municipality_id"]
                if uuid in known
                else None,
                "title": known[uuid]["name"][:500] if uuid in known else "",
            }
            for uuid in uuids
        ],
    )
    for start in range(0, len(uuids), CHUNK):
        Entry.objects.filter(kind=Kind.PROGRAM, uuid__in=uuids[start : start + CHUNK]).update(
            sent_hash="held-by-navigator", withdrawn=False
        )
