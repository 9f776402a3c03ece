"""Periodic tasks of the portal (beat). The answer's e-mail, which a service queues, is
``services.hotline_answer_notify_task``."""

from celery import shared_task

from . import services


@shared_task
def hotline_personal_data_purge() -> int:
    """Daily (beat): erase personal data of questions past the retention period."""
    return services.personal_data_purge()
