"""The monthly letter about teachers' courses due (Celery beat, on the 1st; see settings)."""

from celery import shared_task

from . import emails


@shared_task
def teacher_courses_remind() -> int:
    return emails.courses_due_letters_send()
