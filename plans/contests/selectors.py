"""What each person sees of contests: lists by role and the one contest or entry a person
may open (404 otherwise).

Children's personal data (the entries' participants) is seen by the organisation's
coordinators, the municipality's staff and the administrator: every entry read goes through
``Entry.objects.managed_by``.
"""

from django.db.models import Count, Prefetch, Q
from django.http import Http404

from moc_portal.users.models import User
from programs.models import Municipality

from .lifecycle import manages_contest
from .models import Contest, ContestLevel, ContestState, Entry, EntryState, Participant

SHOWN_TO_COORDINATORS = (ContestState.APPLICATIONS, ContestState.JUDGING, ContestState.RESULTS)


def coordinator_municipalities(user: User) -> list[int]:
    return list(user.coordinated_organisations.values_list("municipality_id", flat=True).distinct())


def regional_contests():
    return Contest.objects.filter(level=ContestLevel.REGIONAL).prefetch_related(
        Prefetch("stages", queryset=Contest.objects.select_related("municipality"))
    )


def openable_stages(user: User):
    """Announced regional contests that the staff member's municipality has no stage of."""
    if not (user.is_centre_staff and user.municipality_id):
        return Contest.objects.none()
    return (
        Contest.objects.filter(level=ContestLevel.REGIONAL)
        .exclude(state=ContestState.DRAFT)
        .exclude(stages__municipality_id=user.municipality_id)
    )


def coordinator_contests(user: User):
    return Contest.objects.filter(
        municipality_id__in=coordinator_municipalities(user), state__in=SHOWN_TO_COORDINATORS
    )


def own_contests(user: User):
    """Staff: their municipality's contests and stages; the administrator: every municipal
    contest (the regional ones are listed with their stages)."""
    return (
        Contest.objects.managed_by(user)
        .exclude(level=ContestLevel.REGIONAL)
        .select_related("municipality", "parent")
        .annotate(entry_count=Count("entries", filter=~Q(entries__state=EntryState.WITHDRAWN)))
    )


def contest_for(user: User, pk: int) -> Contest:
    """The contest if this person may open its page: those who run it, staff looking at a
    regional contest to open their stage, coordinators of its municipality once it is
    announced."""
    contest = Contest.objects.select_related("municipality", "parent", "criteria_set").filter(pk=pk)
    contest = contest.first()
    if contest is None:
        raise Http404
    if manages_contest(user, contest):
        return contest
    if user.is_centre_staff and contest.is_regional and contest.state != ContestState.DRAFT:
        return contest
    if (
        user.is_coordinator
        and contest.state in SHOWN_TO_COORDINATORS
        and contest.municipality_id in coordinator_municipalities(user)
    ):
        return contest
    raise Http404


def managed_contest(user: User, pk: int) -> Contest:
    contest = contest_for(user, pk)
    if not manages_contest(user, contest):
        raise Http404
    return contest


def entries_of(user: User, contest: Contest):
    return (
        Entry.objects.managed_by(user)
        .filter(contest=contest)
        .select_related("organisation", "nomination", "age_category")
        .prefetch_related("participants")
    )


def entry_for(user: User, pk: int) -> Entry:
    entry = (
        Entry.objects.managed_by(user)
        .select_related("contest", "organisation", "nomination", "age_category")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def participant_for(user: User, pk: int) -> Participant:
    participant = (
        Participant.objects.managed_by(user)
        .select_related("entry__contest", "entry__organisation")
        .filter(pk=pk)
        .first()
    )
    if participant is None:
        raise Http404
    return participant


def entry_counts(entries) -> dict:
    """{state label: count} and the total, of a filtered list."""
    by_state = dict(entries.order_by().values_list("state").annotate(n=Count("pk")))
    return {
        "total": sum(by_state.values()),
        "states": [(label, by_state.get(value, 0)) for value, label in EntryState.choices],
    }


def stages_by_municipality(contest: Contest) -> list[tuple[Municipality, Contest | None]]:
    """Every municipality with its stage of the regional contest (None where none is open)."""
    stages = {stage.municipality_id: stage for stage in contest.stages.all()}
    return [(m, stages.get(m.pk)) for m in Municipality.objects.order_by("name")]
