from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=60,
    retry_kwargs={"max_retries": 8},
)
def hotline_answer_notify(question_id: int) -> bool:
    """Send the answer to the asker; safe to run twice (a sent answer is not sent again)."""
    return services.question_notify(question_id)


@shared_task
def hotline_personal_data_purge() -> int:
    """Daily (beat): erase personal data of questions past the retention period."""
    return services.personal_data_purge()
