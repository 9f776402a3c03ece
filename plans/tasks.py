"""The weekly reminder of plan items due soon or overdue (Celery beat, see settings)."""

from celery import shared_task

from . import services


@shared_task
def plan_reminders_send() -> int:
    return services.plan_reminders_send()
