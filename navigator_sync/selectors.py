"""Reads of the Navigator push: whose rows a person sees, and the totals of the staff page."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone

from moc_portal.users.models import User
from programs import exchange as registry

from .models import SyncOutboxEntry, SyncState

Entry = SyncOutboxEntry
State = SyncOutboxEntry.State


def check_may_sync(user: User) -> None:
    if not user.manages_registry:
        raise PermissionDenied("Передачей в Навигатор управляют сотрудники МОЦ.")


def published_program_ids() -> list[int]:
    return list(registry.published_for_exchange().values_list("program_id", flat=True))


def sync_summary(user: User) -> dict:
    """Totals for the staff page: by state, errors, and whether the push is running."""
    check_may_sync(user)
    entries = Entry.objects.managed_by(user)
    counts = dict(
        entries.values_list("state").annotate(n=Count("id")).order_by().values_list("state", "n")
    )
    state = SyncState.load()
    waiting = counts.get(State.PENDING, 0) + counts.get(State.IN_FLIGHT, 0)
    retrying = entries.filter(state=State.PENDING, attempts__gt=0).count()
    return {
        "configured": bool(settings.NAVIGATOR_URL),
        "url": settings.NAVIGATOR_URL,
        "state": state,
        "total": sum(counts.values()),
        "pending": counts.get(State.PENDING, 0),
        "in_flight": counts.get(State.IN_FLIGHT, 0),
        "done": counts.get(State.DONE, 0),
        "failed": counts.get(State.FAILED, 0),
        "retrying": retrying,
        "resume_at": state.resume_at
        if state.resume_at and state.resume_at > timezone.now()
        else None,
        "waiting": waiting,
        "active": waiting > 0 and bool(settings.NAVIGATOR_URL) and not state.paused_reason,
        "percent": round(100 * counts.get(State.DONE, 0) / sum(counts.values())) if counts else 100,
    }


def due_count() -> int:
    return (
        Entry.objects.filter(state=State.PENDING)
        .filter(Q(not_before__isnull=True) | Q(not_before__lte=timezone.now()))
        .count()
    )
