"""The contests' work in the background: the diplomas' PDF."""

from celery import shared_task

from .diplomas import diplomas_build


@shared_task(name="plans.contests.tasks.contest_diplomas_build")
def contest_diplomas_build(contest_id: int) -> str:
    """One PDF of every diploma and certificate of the contest, into the storage."""
    return diplomas_build(contest_id)
