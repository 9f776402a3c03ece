"""Celery tasks of the registry: each takes ids, calls a service, and is safe to run twice."""

from celery import shared_task

from . import centres, jobs, opendata, services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def program_transition_notify(transition_id: int) -> int:
    return services.transition_notify(transition_id=transition_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def coordinator_invitation_send(user_id: int, organisation_id: int, new_account: bool) -> None:
    services.coordinator_invitation_send(
        user_id=user_id, organisation_id=organisation_id, new_account=new_account
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def coordinator_confirmation_send(user_id: int, organisation_id: int, token: str) -> None:
    services.coordinator_confirmation_send(
        user_id=user_id, organisation_id=organisation_id, token=token
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def staff_invitation_send(user_id: int) -> None:
    centres.staff_invitation_send(user_id=user_id)


@shared_task
def spreadsheet_job_check(job_id: int) -> str:
    return jobs.import_check(job_id)


@shared_task
def spreadsheet_job_apply(job_id: int) -> str:
    return jobs.import_apply(job_id)


@shared_task
def spreadsheet_job_export(job_id: int) -> str:
    return jobs.export_write(job_id)


@shared_task
def spreadsheet_jobs_watchdog() -> int:
    """Beat: jobs of a dead worker are taken again or failed (``jobs.release_dead``)."""
    return jobs.release_dead()


@shared_task
def open_data_build() -> int:
    """The catalogue's open data set, rebuilt every night."""
    return opendata.build()["rows"]
