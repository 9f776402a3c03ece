from django.db import models

from moc_portal.core.scopes import ManagedQuerySet


class SyncOutboxEntry(models.Model):
    """One organisation or programme on its way to the Navigator, and what it last got there.

    A row per object (``kind`` + ``uuid``, the Navigator's own key): a change re-arms the row
    instead of adding one, so a thousand edits before the next send are one request. The row
    stays after a successful send as the object's sync record: the hash of what the Navigator
    holds, when it got it, and its id and URL there.
    """

    class Kind(models.TextChoices):
        # Sorted by value, organisations come first: a programme needs its organisation there.
        ORGANISATION = "organisation", "организация"
        PROGRAM = "program", "программа"

    class State(models.TextChoices):
        PENDING = "pending", "ожидает отправки"
        IN_FLIGHT = "in_flight", "отправляется"
        DONE = "done", "передана"
        FAILED = "failed", "ошибка"

    class ErrorKind(models.TextChoices):
        NONE = "", "—"
        RECOVERABLE = "recoverable", "временная: будет повтор"
        PERMANENT = "permanent", "постоянная: нужно исправить данные"

    kind = models.CharField("вид", max_length=20, choices=Kind.choices)
    uuid = models.UUIDField("идентификатор для обмена")
    object_id = models.PositiveIntegerField("id на портале", null=True, blank=True)
    municipality_id = models.PositiveIntegerField("муниципалитет", null=True, blank=True)
    title = models.CharField("наименование", max_length=500, blank=True)
    state = models.CharField(
        "состояние", max_length=20, choices=State.choices, default=State.PENDING
    )
    # Bumped by every change; a send that started before the change does not close the row.
    generation = models.PositiveIntegerField("версия изменений", default=1)
    claimed_generation = models.PositiveIntegerField(null=True, blank=True)
    claimed_at = models.DateTimeField("взята в отправку", null=True, blank=True)
    # The process sending it (core.workers): once its heartbeat stops, the row is freed.
    claimed_by = models.CharField("отправляет", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField("неудачных попыток", default=0)
    not_before = models.DateTimeField("не раньше", null=True, blank=True)
    error_kind = models.CharField(
        "ошибка", max_length=20, choices=ErrorKind.choices, blank=True, default=""
    )
    last_error = models.TextField("последняя ошибка", blank=True)
    field_errors = models.JSONField("ошибки полей", default=list, blank=True)
    # What the Navigator holds: hash of the content (see CONTRACT.md), when it arrived.
    sent_hash = models.CharField(max_length=64, blank=True)
    # Which version of the source was sent (the published version's ``changed_at`` and the
    # mapping's version): an unchanged programme is not even armed again.
    sent_source = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField("передана", null=True, blank=True)
    withdrawn = models.BooleanField("снята с публикации", default=False)
    navigator_id = models.CharField("id в Навигаторе", max_length=64, blank=True)
    navigator_url = models.URLField("страница в Навигаторе", blank=True)
    enqueued_at = models.DateTimeField("поставлена в очередь", null=True, blank=True)

    objects = ManagedQuerySet.as_manager()

    class Meta:
        verbose_name = "запись очереди Навигатора"
        verbose_name_plural = "очередь передачи в Навигатор"
        constraints = [
            models.UniqueConstraint(fields=["kind", "uuid"], name="navigator_outbox_one_per_uuid")
        ]
        indexes = [
            # The claim's walk: pending rows, organisations first, oldest first.
            models.Index(fields=["state", "kind", "id"], name="navigator_outbox_due"),
            models.Index(fields=["kind", "object_id"], name="navigator_outbox_object"),
            models.Index(fields=["municipality_id", "state"], name="navigator_outbox_place"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.title or self.uuid}"


class SyncState(models.Model):
    """The push as a whole (one row): paused by a configuration error, or told to wait."""

    paused_reason = models.TextField("причина остановки", blank=True)
    paused_at = models.DateTimeField("остановлена", null=True, blank=True)
    # The token the Navigator refused; a new NAVIGATOR_TOKEN lifts the pause by itself.
    paused_token = models.CharField(max_length=64, blank=True)
    # Nothing goes before this moment: the Navigator asked to wait (429) or is unreachable.
    resume_at = models.DateTimeField("ждать до", null=True, blank=True)
    wait_reason = models.TextField("почему ждём", blank=True)
    # Whole requests failed in a row (unreachable, 5xx, time-out): the push backs off as one.
    consecutive_failures = models.PositiveIntegerField("неудач подряд", default=0)
    # One drain at a time: the process draining now and until when its lease holds.
    drain_owner = models.CharField("передаёт", max_length=200, blank=True)
    drain_until = models.DateTimeField(null=True, blank=True)
    last_run_at = models.DateTimeField("последний обмен", null=True, blank=True)
    reconciled_at = models.DateTimeField("последняя сверка", null=True, blank=True)
    reconciliation = models.TextField("итог сверки", blank=True)

    class Meta:
        verbose_name = "состояние обмена с Навигатором"
        verbose_name_plural = "состояние обмена с Навигатором"

    def __str__(self):
        return "Обмен с Навигатором" + (": остановлен" if self.paused_reason else "")

    @classmethod
    def load(cls) -> "SyncState":
        state, _ = cls.objects.get_or_create(pk=1)
        return state
