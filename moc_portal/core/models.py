from django.db import models


class Heartbeat(models.Model):
    """The last sign of life of a background process: each worker process every few seconds
    (``core.workers``), and ``beat`` when its watchdog runs. Jobs and outbox rows name the
    worker that took them, so a dead one's work is freed as soon as its heartbeat stops."""

    name = models.CharField("процесс", max_length=200, primary_key=True)
    seen_at = models.DateTimeField("последний сигнал")

    class Meta:
        verbose_name = "сигнал фонового процесса"
        verbose_name_plural = "сигналы фоновых процессов"

    def __str__(self):
        return f"{self.name}: {self.seen_at:%d.%m.%Y %H:%M:%S}"
