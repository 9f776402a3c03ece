"""Who keeps which records: the organisations and programmes a person's working areas list,
the moderation queue, and the programmes published at a moment (for reports)."""

from django.db.models import Count, OuterRef, QuerySet, Subquery

from moc_portal.users.models import User

from ..choices import ProgramStatus
from ..filters import ProgramFilter
from ..models import Organisation, Program, ProgramTransition


def working_programs(user: User) -> QuerySet[Program]:
    """The programmes the person keeps (``managed_by``), with what their lists show."""
    return Program.objects.select_related(
        "organisation__municipality", "specialisation"
    ).managed_by(user)


def user_coordinates(user: User, organisation: Organisation) -> bool:
    return user.is_coordinator and organisation.coordinators.filter(pk=user.pk).exists()


def user_manages_organisation(user: User, organisation: Organisation) -> bool:
    """Its municipality's staff (or an administrator), or one of its coordinators."""
    return user.manages_municipality(organisation.municipality_id) or user_coordinates(
        user, organisation
    )


def program_list(*, user: User, filters: dict | None = None) -> QuerySet[Program]:
    qs = with_last_comment(working_programs(user)).annotate(group_count=Count("groups"))
    return ProgramFilter(filters or {}, queryset=qs, user=user).qs


def moderation_queue(*, user: User, filters: dict | None = None) -> QuerySet[Program]:
    data = dict(filters or {})
    data.setdefault("status", ProgramStatus.ON_MODERATION)
    return ProgramFilter(data, queryset=working_programs(user), user=user).qs.order_by("updated_at")


def with_last_comment(programs: QuerySet[Program]) -> QuerySet[Program]:
    """Each programme with its last moderator comment and when it was written."""
    last = ProgramTransition.objects.filter(program=OuterRef("pk")).exclude(comment="")
    last = last.order_by("-created_at", "-id")
    return programs.annotate(
        last_comment=Subquery(last.values("comment")[:1]),
        last_comment_at=Subquery(last.values("created_at")[:1]),
    )


def published_as_of(municipality_id: int | list[int], as_of) -> QuerySet[Program]:
    """The municipality's (or municipalities') programmes published at the moment ``as_of``
    (``ProgramQuerySet.published_as_of``)."""
    ids = municipality_id if isinstance(municipality_id, list) else [municipality_id]
    return Program.objects.filter(organisation__municipality_id__in=ids).published_as_of(as_of)
