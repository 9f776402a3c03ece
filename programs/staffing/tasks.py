"""Celery tasks of the teachers' list (found by autodiscovery)."""

from celery import shared_task

from .retention import teachers_personal_data_erase


@shared_task
def teachers_personal_data_purge() -> int:
    """Daily (beat): erase personal data of teachers past ``TEACHER_RETENTION_DAYS``."""
    return teachers_personal_data_erase()
