"""The nightly erasure of children's personal data of contests past the retention (beat)."""

from celery import shared_task

from . import retention


@shared_task(name="plans.contests.tasks_retention.contest_personal_data_erase")
def contest_personal_data_erase() -> int:
    """Daily (beat): erase children's personal data of contests fixed long enough ago."""
    return retention.erase_due()
