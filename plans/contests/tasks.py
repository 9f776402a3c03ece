"""The contests' work in the background: the diplomas' PDF."""

from celery import shared_task
from django.db import transaction

from .diplomas import diplomas_build, diplomas_state, mark_building
from .judging import check_runs_contest
from .models import Contest, ContestState
from .results import ResultsError


@shared_task(name="plans.contests.tasks.contest_diplomas_build")
def contest_diplomas_build(contest_id: int) -> str:
    """One PDF of every diploma and certificate of the contest, into the storage."""
    return diplomas_build(contest_id)


def diplomas_start(*, user, contest: Contest) -> bool:
    """Queue the build of the contest's set (after the results are fixed); False when it is
    ready or being built already."""
    check_runs_contest(user, contest, "Дипломы формируют сотрудники МОЦ, которые ведут конкурс.")
    if contest.state != ContestState.RESULTS:
        raise ResultsError("Дипломы формируются после того, как итоги зафиксированы.")
    if diplomas_state(contest) or not mark_building(contest):
        return False
    transaction.on_commit(lambda: contest_diplomas_build.delay(contest.pk))
    return True
