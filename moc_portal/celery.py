import logging
import os

from celery import Celery, Task
from celery.signals import worker_process_init, worker_ready
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moc_portal.settings.base")

logger = logging.getLogger(__name__)


class QueuedTask(Task):
    """A task whose queuing never breaks the page that queues it: with Redis away the work is
    left where it is kept (an import job, an outbox row, a report in «building») and the
    watchdogs queue it again once Redis is back; staff see that background work waits."""

    def apply_async(self, *args, **kwargs):
        try:
            return super().apply_async(*args, **kwargs)
        except (OperationalError, RedisError, OSError) as error:
            if self.app.conf.task_always_eager:
                raise  # in-process: the task's own error, not the queue's
            logger.warning("Задача %s не поставлена в очередь: %s", self.name, error)
            return None


app = Celery("moc_portal", task_cls=QueuedTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Apps whose periodic tasks sit in a module of their own, beside what they run.
app.autodiscover_tasks(["plans.contests"], related_name="tasks_retention")


@worker_ready.connect
@worker_process_init.connect
def _heartbeat(**kwargs) -> None:
    """Every process that runs tasks says it is alive (the solo pool runs them in the main
    process, prefork in its children)."""
    from moc_portal.core.workers import start_heartbeat

    start_heartbeat()
