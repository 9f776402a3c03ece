"""Arming rows: a change puts one row per object in the queue, organisations before the
programmes that need them."""

from django.db.models import Case, F, Value, When
from django.utils import timezone

from programs import exchange as registry

from ..mapping import source_mark
from ..models import SyncOutboxEntry

Entry = SyncOutboxEntry
Kind = SyncOutboxEntry.Kind
State = SyncOutboxEntry.State
ErrorKind = SyncOutboxEntry.ErrorKind

CHUNK = 1000


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
