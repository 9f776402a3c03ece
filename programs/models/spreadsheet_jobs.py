"""Uploads and large exports run in the background, and what each found."""

from django.conf import settings
from django.db import models


class SpreadsheetJob(models.Model):
    """One upload or large export: its file, where it has got to, and what it found.

    An import is checked first (a preview of what it would create, update or leave, and every
    error with row and column), and written only when the person confirms; both steps run as
    Celery tasks and report progress here.
    """

    class Kind(models.TextChoices):
        PROGRAM_IMPORT = "program_import", "Загрузка программ"
        ORGANISATION_IMPORT = "organisation_import", "Загрузка организаций"
        PROGRAM_EXPORT = "program_export", "Выгрузка программ"
        CHILD_COUNT_IMPORT = "child_count_import", "Загрузка численности детей"
        PLAN_IMPORT = "plan_import", "Загрузка плана из файла"

    class State(models.TextChoices):
        QUEUED = "queued", "В очереди"
        CHECKING = "checking", "Проверка файла"
        CHECKED = "checked", "Проверено"
        CONFIRMED = "confirmed", "Подтверждено, ждёт записи"
        WRITING = "writing", "Запись"
        DONE = "done", "Готово"
        FAILED = "failed", "Ошибка"
        CANCELLED = "cancelled", "Отменено"

    kind = models.CharField("вид", max_length=30, choices=Kind.choices)
    state = models.CharField(
        "состояние", max_length=20, choices=State.choices, default=State.QUEUED
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="кто", on_delete=models.CASCADE, related_name="+"
    )
    source = models.FileField("загруженный файл", upload_to="spreadsheets/in/%Y/%m/", blank=True)
    source_name = models.CharField("имя файла", max_length=255, blank=True)
    publish = models.BooleanField("сразу опубликовать новые программы", default=False)
    params = models.JSONField("параметры", default=dict, blank=True)
    total_rows = models.PositiveIntegerField("строк", default=0)
    processed_rows = models.PositiveIntegerField("обработано", default=0)
    summary = models.JSONField("итог", default=dict, blank=True)
    preview = models.JSONField("предпросмотр", default=list, blank=True)
    errors = models.JSONField("ошибки", default=list, blank=True)
    message = models.TextField("сообщение", blank=True)
    result = models.FileField("результат", upload_to="spreadsheets/out/%Y/%m/", blank=True)
    # Who works on it now (core.workers) and how many times a worker has taken it: a job whose
    # worker died is taken again, up to MAX_ATTEMPTS, then fails with the reason.
    worker = models.CharField("обработчик", max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    created_at = models.DateTimeField("создано", auto_now_add=True)
    finished_at = models.DateTimeField("завершено", null=True, blank=True)

    class Meta:
        verbose_name = "загрузка или выгрузка"
        verbose_name_plural = "загрузки и выгрузки"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} от {self.created_at:%d.%m.%Y %H:%M}"

    @property
    def for_another_page(self) -> bool:
        """A file read for a page outside the registry (a plan, children counts): its page
        says what came of it and leads back, with no registry preview."""
        return self.kind in (self.Kind.CHILD_COUNT_IMPORT, self.Kind.PLAN_IMPORT)

    @property
    def percent(self) -> int:
        if self.state in (self.State.DONE, self.State.CHECKED):
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def running(self) -> bool:
        return self.state in (
            self.State.QUEUED,
            self.State.CHECKING,
            self.State.CONFIRMED,
            self.State.WRITING,
        )
