import os

from celery import Celery
from celery.signals import worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moc_portal.settings.base")

app = Celery("moc_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
@worker_process_init.connect
def _heartbeat(**kwargs) -> None:
    """Every process that runs tasks says it is alive (the solo pool runs them in the main
    process, prefork in its children)."""
    from moc_portal.core.workers import start_heartbeat

    start_heartbeat()
