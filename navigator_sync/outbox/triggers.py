"""What starts a push: a change in the registry, and staff asking for rows to go again."""

from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from moc_portal.users.models import User
from programs import exchange as registry

from ..models import SyncOutboxEntry, SyncState
from ..selectors import check_may_sync
from .arming import organisations_enqueue, programs_enqueue
from .draining import drain_soon, outbox_release_dead

Kind = SyncOutboxEntry.Kind
State = SyncOutboxEntry.State
ErrorKind = SyncOutboxEntry.ErrorKind
Entry = SyncOutboxEntry


def on_programs_changed(program_ids, **kwargs) -> None:
    programs_enqueue(program_ids)
    drain_soon()


def on_organisations_changed(organisation_ids, **kwargs) -> None:
    organisations_enqueue(organisation_ids)
    drain_soon()


def outbox_retry(*, user: User, entry_ids=None) -> int:
    """Failed rows and rows waiting out a backoff go again now; returns how many."""
    check_may_sync(user)
    entries = Entry.objects.managed_by(user).filter(
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
    check_may_sync(user)
    entries = Entry.objects.managed_by(user).filter(pk__in=entry_ids)
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
    ids = list(
        registry.published_for_exchange().managed_by(user).values_list("program_id", flat=True)
    )
    programs_enqueue(ids)
    # What was sent and has since been archived here is taken back as well.
    sent = (
        Entry.objects.managed_by(user)
        .filter(kind=Kind.PROGRAM, withdrawn=False)
        .exclude(sent_hash="")
    )
    programs_enqueue(set(sent.values_list("object_id", flat=True)) - set(ids) - {None})
    drain_soon()
    return len(ids)
