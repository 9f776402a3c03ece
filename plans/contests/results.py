"""Fixing a contest's results: the step judging → results (``fix_results`` of the
contest's lifecycle), taken by staff of the contest's municipality or, for a regional
contest, the administrator.

It is refused while an admitted entry lacks a juror's scores or a tie in the places that
matter is unsettled (``ranking``). Fixing writes each entry's total, place and placement —
1st the winner, 2nd and 3rd the prize-winners, the rest participants — and, in a municipal
stage, marks the top ``nominees_per_category`` of each nomination × category nominated to
the regional stage; then ``signals.results_fixed`` is sent.
"""

from django.db import transaction
from django.utils import timezone

from moc_portal.users.models import User

from .lifecycle import CONTEST_LIFECYCLE, ContestError
from .models import Contest, ContestLevel, ContestState, Entry, Placement
from .ranking import contest_ranking, unscored, unsettled_ties
from .signals import results_fixed

PLACEMENTS = {1: Placement.WINNER, 2: Placement.SECOND, 3: Placement.THIRD}
LISTED = 10  # entries named in a refusal; the rest counted


class ResultsError(ContestError):
    """Results cannot be fixed yet: the message says what is missing."""


def _listed(items: list[str]) -> str:
    shown = "; ".join(items[:LISTED])
    rest = len(items) - LISTED
    return f"{shown} и ещё {rest}" if rest > 0 else shown


def refusals(groups) -> list[str]:
    """Why the results cannot be fixed yet (empty when they can)."""
    texts = []
    missing = unscored(groups)
    if missing:
        texts.append(
            "Не оценены: "
            + _listed([f"{r.entry.code} ({', '.join(r.missing)})" for r in missing])
            + ". Дождитесь оценок жюри."
        )
    ties = unsettled_ties(groups)
    if ties:
        texts.append(
            "Равенство баллов: "
            + _listed([f"{g.title}: {', '.join(r.entry.code for r in rows)}" for g, rows in ties])
            + " — решение председателя жюри на странице рейтинга."
        )
    return texts


def placement_of(rank: int | None) -> str:
    return PLACEMENTS.get(rank, Placement.PARTICIPANT) if rank else ""


@transaction.atomic
def results_fix(*, user: User, contest: Contest) -> Contest:
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    CONTEST_LIFECYCLE.check(user, contest, "fix_results")
    groups = contest_ranking(contest)
    texts = refusals(groups)
    if texts:
        raise ResultsError(" ".join(texts))
    nominating = contest.level == ContestLevel.MUNICIPAL_STAGE
    Entry.objects.filter(contest=contest).update(
        total=None, rank=None, placement="", nominated=False
    )
    changed = []
    for group in groups:
        for row in group.rows:
            entry = row.entry
            entry.total, entry.rank = row.total, row.rank
            entry.placement = placement_of(row.rank)
            entry.nominated = nominating and row.rank <= contest.nominees_per_category
            changed.append(entry)
    Entry.objects.bulk_update(changed, ["total", "rank", "placement", "nominated"], batch_size=500)
    contest.state = ContestState.RESULTS
    contest.results_fixed_at = timezone.now()
    contest.save(update_fields=["state", "results_fixed_at"])
    transaction.on_commit(lambda: results_fixed.send(sender=Contest, contest=contest))
    return contest
