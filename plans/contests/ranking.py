"""The ranking of each nomination × age category.

An entry's total is the mean, over the jurors who judge it, of each juror's weighted sum:
Σ (criterion.weight × score) over the criteria of the contest's set — the assessment's
``assignment_percent`` without turning it into a share of the maximum (a contest compares
entries among themselves, and points read as points). The jurors who judge an entry are the
jury members of its nomination except those who work at its organisation. An entry is scored
once each of them has scored every criterion; until then it has no total.

Entries are ranked by total, highest first. Equal totals are a tie: the chair settles it by
ordering the tied entries (``Entry.tie_order``), or the tied entries share a place. A tie is
unsettled while it reaches into the places that matter: the first three (the winner and the
prize-winners) and, in a municipal stage, the places nominated to the regional stage.
Returned and withdrawn entries take no place.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from moc_portal.core.errors import DomainError
from moc_portal.users.models import User

from .models import Contest, ContestLevel, ContestState, Entry, EntryState, JuryMember, Score

PLACES_THAT_MATTER = 3
CENT = Decimal("0.01")


@dataclass
class Row:
    entry: Entry
    total: Decimal | None
    missing: list[str]  # the jurors who have not scored it in full
    position: int = 0  # the entry's line in the ranking
    rank: int | None = None  # the place; tied entries not settled share the first of theirs
    tied: bool = False
    settled: bool = True


@dataclass
class Group:
    nomination: object
    age_category: object
    rows: list[Row] = field(default_factory=list)

    @property
    def title(self) -> str:
        return " · ".join(str(p) for p in (self.nomination, self.age_category) if p)


def _jurors(contest: Contest) -> dict[int, list[JuryMember]]:
    """{nomination id: jury members}, each with ``organisation_id`` of their profile."""
    by_nomination = defaultdict(list)
    members = (
        JuryMember.objects.filter(contest=contest)
        .select_related("expert__expert_profile")
        .prefetch_related("nominations")
    )
    for member in members:
        profile = getattr(member.expert, "expert_profile", None)
        member.organisation_id = profile.organisation_id if profile else None
        for nomination in member.nominations.all():
            by_nomination[nomination.pk].append(member)
    return by_nomination


def judges_of(entry: Entry, jurors: dict[int, list[JuryMember]]) -> list[JuryMember]:
    members = jurors.get(entry.nomination_id, [])
    return [m for m in members if m.organisation_id != entry.organisation_id]


def _total(entry, judges, criteria, values) -> tuple[Decimal | None, list[str]]:
    sums, missing = [], []
    for member in judges:
        got = values.get((entry.pk, member.expert_id), {})
        if not criteria or any(c.pk not in got for c in criteria):
            missing.append(str(member.expert))
            continue
        sums.append(sum((c.weight * got[c.pk] for c in criteria), Decimal(0)))
    if not judges:
        missing.append("нет членов жюри в номинации")
    if missing or not sums:
        return None, missing
    return (sum(sums) / len(sums)).quantize(CENT, rounding=ROUND_HALF_UP), []


def places_that_matter(contest: Contest) -> int:
    if contest.level == ContestLevel.MUNICIPAL_STAGE:
        return max(PLACES_THAT_MATTER, contest.nominees_per_category)
    return PLACES_THAT_MATTER


def _order(rows: list[Row], matter: int) -> None:
    """Positions and places; ties marked, and whether the chair's order settles them."""
    rows.sort(
        key=lambda r: (
            r.total is None,
            -(r.total or 0),
            r.entry.tie_order is None,
            r.entry.tie_order or 0,
            r.entry.code,
        )
    )
    clusters = defaultdict(list)
    for row in rows:
        if row.total is not None:
            clusters[row.total].append(row)
    for position, row in enumerate(rows, start=1):
        row.position = position
    for cluster in clusters.values():
        if len(cluster) < 2:
            continue
        orders = [r.entry.tie_order for r in cluster]
        settled = None not in orders and len(set(orders)) == len(orders)
        for row in cluster:
            row.tied, row.settled = True, settled
            if not settled:
                row.rank = cluster[0].position
    for row in rows:
        if row.total is not None and row.rank is None:
            row.rank = row.position
    for row in rows:
        if row.tied and not row.settled and row.rank > matter:
            row.settled = True  # a tie below the places that matter shares its place


def contest_ranking(contest: Contest) -> list[Group]:
    """The admitted entries of every nomination × age category, ranked."""
    criteria = list(contest.criteria_set.criteria.all()) if contest.criteria_set_id else []
    jurors = _jurors(contest)
    values = defaultdict(dict)
    for entry_id, juror_id, criterion_id, value in Score.objects.filter(
        entry__contest=contest, entry__state=EntryState.ADMITTED
    ).values_list("entry_id", "juror_id", "criterion_id", "value"):
        values[(entry_id, juror_id)][criterion_id] = value
    groups: dict[tuple, Group] = {}
    entries = (
        Entry.objects.filter(contest=contest, state=EntryState.ADMITTED)
        .select_related("nomination", "age_category", "organisation")
        .order_by("nomination__position", "nomination_id", "age_category__position", "code")
    )
    for entry in entries:
        key = (entry.nomination_id, entry.age_category_id)
        group = groups.setdefault(key, Group(entry.nomination, entry.age_category))
        total, missing = _total(entry, judges_of(entry, jurors), criteria, values)
        group.rows.append(Row(entry, total, missing))
    matter = places_that_matter(contest)
    for group in groups.values():
        _order(group.rows, matter)
    return list(groups.values())


def unscored(groups: list[Group]) -> list[Row]:
    return [row for group in groups for row in group.rows if row.missing]


def unsettled_ties(groups: list[Group]) -> list[tuple[Group, list[Row]]]:
    found = []
    for group in groups:
        rows = [r for r in group.rows if r.tied and not r.settled]
        if rows:
            found.append((group, rows))
    return found


class RankingError(DomainError):
    """The chair's decision on a tie was refused."""


@transaction.atomic
def tie_settle(*, user: User, contest: Contest, order: list[int]) -> None:
    """The chair orders entries of equal total (``order``: their ids, the first placed
    highest). Only while the contest is judged; every entry of the tie is ordered."""
    from django.core.exceptions import PermissionDenied

    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if not JuryMember.objects.filter(contest=contest, expert=user, is_chair=True).exists():
        raise PermissionDenied("Равенство баллов решает председатель жюри.")
    if contest.state != ContestState.JUDGING:
        raise RankingError("Равенство баллов решается, пока конкурс в состоянии «Оценивание».")
    if len(order) != len(set(order)) or len(order) < 2:
        raise RankingError("Расставьте по порядку все работы с равными баллами.")
    rows = {r.entry.pk: r for g in contest_ranking(contest) for r in g.rows}
    chosen = [rows.get(pk) for pk in order]
    if None in chosen or any(r.total is None for r in chosen):
        raise RankingError("Упорядочить можно только оценённые допущенные работы конкурса.")
    totals = {r.total for r in chosen}
    groups = {(r.entry.nomination_id, r.entry.age_category_id) for r in chosen}
    if len(totals) != 1 or len(groups) != 1:
        raise RankingError("Порядок задаётся только работам одной номинации с равными баллами.")
    tied = {
        pk
        for pk, r in rows.items()
        if r.total in totals and (r.entry.nomination_id, r.entry.age_category_id) in groups
    }
    if tied != set(order):
        raise RankingError(
            "Расставьте по порядку все работы с равными баллами, ни одной не пропуская."
        )
    for place, pk in enumerate(order, start=1):
        Entry.objects.filter(pk=pk).update(tie_order=place)
