"""What the coordinator's and the staff's home pages count and list."""

from django.db.models import Count, QuerySet

from moc_portal.users.models import User

from ..choices import ProgramStatus
from ..models import Organisation, Program
from .registry import with_last_comment, working_programs


def _status_counts(programs: QuerySet[Program]) -> dict:
    counts = dict(programs.values_list("status").annotate(n=Count("id")).order_by())
    return {status: counts.get(status, 0) for status in ProgramStatus.values}


def coordinator_dashboard(user: User) -> dict:
    programs = working_programs(user)
    return {
        "organisations": Organisation.objects.select_related("municipality").managed_by(user),
        "needs_revision": with_last_comment(programs)
        .filter(status=ProgramStatus.NEEDS_REVISION)
        .order_by("name"),
        "drafts": programs.filter(status=ProgramStatus.DRAFT).order_by("-updated_at"),
        "counts": _status_counts(programs),
    }


def staff_dashboard(user: User) -> dict:
    programs = working_programs(user)
    queue = programs.filter(status=ProgramStatus.ON_MODERATION).order_by("updated_at")
    return {
        "counts": _status_counts(programs),
        "queue": queue[:10],
        "queue_total": queue.count(),
        "organisations_total": Organisation.objects.managed_by(user).count(),
        "organisations_without_coordinator": Organisation.objects.managed_by(user)
        .filter(coordinators__isnull=True)
        .count(),
    }
