"""Periodic tasks of the portal (beat). The answer's e-mail, which a service queues, is
``services.hotline.hotline_answer_notify_task``: importing ``hotline`` here registers it when a
worker starts."""

from celery import shared_task

from .services import hotline


@shared_task
def hotline_personal_data_purge() -> int:
    """Daily (beat): erase personal data of questions past the retention period."""
    return hotline.personal_data_purge()
