"""Tasks of the portal as a whole."""

from celery import shared_task

from .workers import BEAT, heartbeat


@shared_task
def beat_heartbeat() -> None:
    """Beat runs this on its schedule: the health page reads when beat last ran."""
    heartbeat(BEAT)
