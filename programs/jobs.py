"""Background jobs of the registry's spreadsheets: every state a ``SpreadsheetJob`` goes
through is set here.

An import is queued (``import_queue``), checked (``import_check``: queued → checking →
checked or failed), confirmed by its person (``confirm``: checked → confirmed), and written
(``import_apply``: confirmed → writing → done or failed). A large export is queued
(``export_queue``) and written (``export_write``: queued → writing → done). Tasks call these
with a job's id and are safe to run twice: a job already past a step is left as it is.

Every job ends: done, failed with the reason in Russian (an unexpected error included), or
cancelled by its owner. A job names the worker process that took it; when that worker is gone
(``core.workers``), ``release_dead`` gives the job back to the queue, and after
``MAX_ATTEMPTS`` takes fails it.
"""

import io
import logging
import uuid
from datetime import timedelta

from celery import shared_task
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from moc_portal.core.sheet_import import ImportPreview, read_rows, sheet_names
from moc_portal.core.text import dated_filename
from moc_portal.core.uploads import ImportFileError
from moc_portal.core.workers import alive, worker_name

from . import exports, spreadsheets
from .imports import child_counts
from .imports.error_report import error_report, error_title
from .imports.organisation_rows import (
    organisation_columns,
    organisation_import_apply,
    organisation_import_preview,
)
from .imports.program_rows import program_import_apply, program_import_preview
from .models import Municipality, SpreadsheetJob

State = SpreadsheetJob.State
logger = logging.getLogger(__name__)
# A worker that died while on the job: the job is taken again, this many times in all.
MAX_ATTEMPTS = 3
# A job left in the queue this long is sent to the workers again (its message may be lost).
REQUEUE_AFTER = timedelta(minutes=5)
# The states a task may still move a job out of; a cancelled job stays as its owner left it.
ACTIVE = (State.QUEUED, State.CHECKING, State.CONFIRMED, State.WRITING)


def _unexpected(job: SpreadsheetJob) -> str:
    return (
        "Задание прервалось из-за непредвиденной ошибки. Загрузите файл ещё раз; если ошибка "
        f"повторится, сообщите администратору портала номер задания: {job.pk}."
    )


def import_queue(
    *, user, kind: str, upload, publish: bool = False, params: dict | None = None
) -> SpreadsheetJob:
    """A new import job for the uploaded file; its check runs after the commit."""
    job = SpreadsheetJob(
        kind=kind,
        user=user,
        source_name=upload.name[:255],
        publish=publish,
        params=params or {},
    )
    extension = "docx" if upload.name.lower().endswith(".docx") else "xlsx"
    job.source.save(f"{uuid.uuid4().hex}.{extension}", upload, save=False)
    job.save()
    transaction.on_commit(lambda: spreadsheet_job_check.delay(job.pk))
    return job


# Imports that read a file in the worker without the registry's preview and confirmation:
# kind -> reader(job, data) returning the state the job ends in and what to tell its owner.
# An app above the registry registers its own at start-up (the plans their plan files).
READERS: dict = {}


def register_reader(kind: str, reader) -> None:
    READERS[kind] = reader


def _child_counts_read(job: SpreadsheetJob, data: bytes) -> tuple[str, str]:
    """The children by age of a municipality's settlements: written whole, or nothing."""
    filled = child_counts.child_counts_import(
        user=job.user,
        municipality=Municipality.objects.get(pk=job.params["municipality"]),
        year=job.params["year"],
        data=data,
    )
    return State.DONE, f"Численность детей загружена: населённых пунктов — {filled}."


register_reader(SpreadsheetJob.Kind.CHILD_COUNT_IMPORT, _child_counts_read)


def export_queue(*, user, query: str) -> SpreadsheetJob:
    """A new export job of the registry with a list's filters; it is written after the commit."""
    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_EXPORT, user=user, params={"query": query}
    )
    transaction.on_commit(lambda: spreadsheet_job_export.delay(job.pk))
    return job


KINDS = {
    SpreadsheetJob.Kind.PROGRAM_IMPORT: (
        "Программы",
        program_import_preview,
        lambda user: spreadsheets.PROGRAM_COLUMNS,
    ),
    SpreadsheetJob.Kind.ORGANISATION_IMPORT: (
        "Организации",
        organisation_import_preview,
        organisation_columns,
    ),
}


def _source(job: SpreadsheetJob) -> bytes:
    job.source.open("rb")
    try:
        return job.source.read()
    finally:
        job.source.close()


def _preview(job: SpreadsheetJob) -> tuple[ImportPreview, list, list]:
    sheet, planner, _ = KINDS[job.kind]
    data = _source(job)
    options = {}
    if job.kind == SpreadsheetJob.Kind.PROGRAM_IMPORT:
        groups = read_rows(
            data,
            sheet_name=spreadsheets.GROUPS_SHEET,
            width=len(spreadsheets.GROUP_COLUMNS),
            optional=True,
        )
        if groups is not None and sheet not in sheet_names(data):
            raise ImportFileError(
                f"В файле есть лист «{spreadsheets.GROUPS_SHEET}», но нет листа «{sheet}»: группы "
                "загружаются вместе со своими программами. Добавьте лист «Программы» (его "
                "строки — программы, чьи группы на листе «Группы») или скачайте шаблон заново."
            )
        # An empty «Группы» sheet (an export of programmes without groups) changes nothing.
        options = {"publish": job.publish, "groups": groups if groups and groups[1] else None}
    # As wide as the widest registry template: a file of the other kind is then told where it
    # goes (``check_header``), not only that it is too wide.
    width = max(len(columns(job.user)) for _, _, columns in KINDS.values())
    header, rows = read_rows(data, sheet_name=sheet, width=width)
    SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=len(rows), processed_rows=0)
    return planner(job.user, header, rows, progress=_progress(job), **options), header, rows


def _progress(job: SpreadsheetJob):
    """Records how many rows are done, for the job's page to show."""

    def progress(done: int) -> None:
        SpreadsheetJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return progress


def _take(job_id: int, source, target) -> SpreadsheetJob | None:
    """This worker takes the job from state ``source`` to ``target``; None when it is not in
    ``source`` (done already, taken by another, cancelled)."""
    with transaction.atomic():
        job = SpreadsheetJob.objects.select_for_update().select_related("user").get(pk=job_id)
        if job.state != source:
            return None
        job.state, job.worker, job.attempts = target, worker_name(), job.attempts + 1
        job.processed_rows, job.message = 0, ""
        job.save(update_fields=["state", "worker", "attempts", "processed_rows", "message"])
    return job


def import_check(job_id: int) -> str:
    """Queued → checking → checked (the preview, the errors and their report) or failed."""
    job = _take(job_id, State.QUEUED, State.CHECKING)
    if job is None:  # already checked, or cancelled: running twice changes nothing
        return SpreadsheetJob.objects.get(pk=job_id).state
    if job.kind in READERS:
        return _read(job)
    try:
        preview, header, rows = _preview(job)
        job.summary = preview.summary()
        job.preview = preview.preview
        job.errors = [e.as_dict() for e in preview.errors]
        if preview.errors:
            title = error_title(job.source_name, job.user)
            report = ContentFile(error_report(header, rows, preview.errors, title=title))
            job.result.save(f"oshibki-{job.pk}.xlsx", report, save=False)
    except ImportFileError as error:
        return _finish(job, State.FAILED, message=str(error)).state
    except Exception:
        logger.exception("Проверка файла, задание %s", job.pk)
        return _finish(job, State.FAILED, message=_unexpected(job)).state
    return _finish(job, State.CHECKED).state


def _read(job: SpreadsheetJob) -> str:
    """Checking → the reader's state (or failed): what it writes is written whole, and not at
    all when the owner cancelled the job meanwhile."""
    try:
        with transaction.atomic():
            state, message = READERS[job.kind](job, _source(job))
            owner_left = SpreadsheetJob.objects.select_for_update().get(pk=job.pk).state
            if owner_left != State.CHECKING:
                transaction.set_rollback(True)
                return owner_left
    except ImportFileError as error:
        return _finish(job, State.FAILED, message=str(error)).state
    except ValidationError as error:
        return _finish(job, State.FAILED, message=" ".join(error.messages)).state
    except Exception:
        logger.exception("Чтение файла, задание %s", job.pk)
        return _finish(job, State.FAILED, message=_unexpected(job)).state
    return _finish(job, state, message=message).state


def confirm(job: SpreadsheetJob) -> bool:
    """The person confirms a checked, error-free import; it is written in the background.

    Moves the job to «confirmed» at once, so the page shows progress from that moment and a
    second click cannot queue the file twice.
    """
    confirmed = (
        SpreadsheetJob.objects.filter(pk=job.pk, state=State.CHECKED, kind__in=KINDS)
        .exclude(summary__errors__gt=0)
        .update(state=State.CONFIRMED)
    )
    if confirmed:
        transaction.on_commit(lambda: spreadsheet_job_apply.delay(job.pk))
    return bool(confirmed)


def import_apply(job_id: int) -> str:
    """Confirmed → writing → done or failed: the file is checked again (the registry may have
    changed since) and written whole, or nothing. A job its owner cancelled while it was being
    written writes nothing."""
    job = _take(job_id, State.CONFIRMED, State.WRITING)
    if job is None:  # written once already, never confirmed, or cancelled: nothing to do
        return SpreadsheetJob.objects.get(pk=job_id).state
    preview = None
    try:
        preview, _, _ = _preview(job)
        with transaction.atomic():
            if job.kind == SpreadsheetJob.Kind.PROGRAM_IMPORT:
                job.summary = program_import_apply(job.user, preview, publish=job.publish)
            else:
                job.summary = organisation_import_apply(job.user, preview)
            owner_left = SpreadsheetJob.objects.select_for_update().get(pk=job.pk).state
            if owner_left != State.WRITING:
                transaction.set_rollback(True)
                return owner_left
    except ImportFileError as error:
        job.errors = [e.as_dict() for e in preview.errors] if preview else []
        return _finish(job, State.FAILED, message=str(error)).state
    except Exception:
        logger.exception("Запись загрузки, задание %s", job.pk)
        return _finish(job, State.FAILED, message=_unexpected(job)).state
    return _finish(job, State.DONE).state


def export_write(job_id: int) -> str:
    """Queued → writing (with progress) → done: the registry with the list's filters."""
    job = _take(job_id, State.QUEUED, State.WRITING)
    if job is None:
        return SpreadsheetJob.objects.get(pk=job_id).state
    try:
        query = QueryDict(job.params.get("query", ""))
        queryset = exports.program_export_queryset(job.user, query)
        total = queryset.count()
        SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=total)
        buffer = io.BytesIO()
        exports.write_program_export(
            queryset, buffer, title=exports.registry_title(job.user), progress=_progress(job)
        )
        name = dated_filename("programmy", "xlsx")
        job.result.save(name, ContentFile(buffer.getvalue()), save=False)
        job.summary = {"rows": total}
    except Exception:
        logger.exception("Выгрузка, задание %s", job.pk)
        return _finish(job, State.FAILED, message=_unexpected(job)).state
    return _finish(job, State.DONE).state


def _finish(job: SpreadsheetJob, state, *, message: str = "") -> SpreadsheetJob:
    """The job's end, unless its owner cancelled it meanwhile (then it stays cancelled)."""
    total = SpreadsheetJob.objects.get(pk=job.pk).total_rows
    finished = SpreadsheetJob.objects.filter(pk=job.pk, state__in=ACTIVE).update(
        state=state,
        message=message,
        finished_at=timezone.now(),
        summary=job.summary,
        preview=job.preview,
        errors=job.errors,
        processed_rows=total,
        total_rows=total,
        result=job.result.name or "",
    )
    if not finished and job.result and job.result.name:
        job.result.delete(save=False)  # the owner cancelled: nothing of it is kept
    job.refresh_from_db()
    return job


def cancel(*, user, job: SpreadsheetJob) -> bool:
    """The owner stops a job that has not ended: a check stops counting, a write writes
    nothing. False when the job has ended already."""
    return bool(
        SpreadsheetJob.objects.filter(
            pk=job.pk, user=user, state__in=[*ACTIVE, State.CHECKED]
        ).update(
            state=State.CANCELLED,
            message="Отменено владельцем задания.",
            finished_at=timezone.now(),
        )
    )


def release_dead() -> int:
    """Beat's watchdog: jobs whose worker is gone go back to the queue (or fail after
    ``MAX_ATTEMPTS``); queued jobs nobody took for long are sent again. Returns jobs freed."""
    again = {
        State.CHECKING: (State.QUEUED, spreadsheet_job_check),
        State.WRITING: (State.CONFIRMED, spreadsheet_job_apply),
    }
    taken = SpreadsheetJob.objects.filter(state__in=[State.CHECKING, State.WRITING])
    living = alive(taken.values_list("worker", flat=True))
    freed = 0
    for job_id in taken.exclude(worker__in=living).values_list("pk", flat=True):
        with transaction.atomic():
            job = SpreadsheetJob.objects.select_for_update().get(pk=job_id)
            if job.state not in again or job.worker in alive([job.worker]):
                continue
            if job.attempts >= MAX_ATTEMPTS:
                job.state, job.finished_at = State.FAILED, timezone.now()
                job.message = (
                    f"Обработчик заданий останавливался {job.attempts} раза, не закончив это "
                    "задание. Разделите файл на части поменьше и загрузите их по очереди; если "
                    f"не поможет, сообщите администратору портала номер задания: {job.pk}."
                )
                job.save(update_fields=["state", "finished_at", "message"])
            else:
                state, task = again[job.state]
                if job.kind == SpreadsheetJob.Kind.PROGRAM_EXPORT:
                    state, task = State.QUEUED, spreadsheet_job_export
                job.state, job.worker = state, ""
                job.save(update_fields=["state", "worker"])
                transaction.on_commit(lambda task=task, pk=job.pk: task.delay(pk))
            freed += 1
    waiting = SpreadsheetJob.objects.filter(
        state__in=[State.QUEUED, State.CONFIRMED], created_at__lt=timezone.now() - REQUEUE_AFTER
    )
    for job in waiting.only("pk", "kind", "state"):
        if job.state == State.CONFIRMED:
            spreadsheet_job_apply.delay(job.pk)
        elif job.kind == SpreadsheetJob.Kind.PROGRAM_EXPORT:
            spreadsheet_job_export.delay(job.pk)
        else:
            spreadsheet_job_check.delay(job.pk)
    return freed


# --- the tasks (their names are the ones beat and queued messages know) ------------------


@shared_task(name="programs.tasks.spreadsheet_job_check")
def spreadsheet_job_check(job_id: int) -> str:
    return import_check(job_id)


@shared_task(name="programs.tasks.spreadsheet_job_apply")
def spreadsheet_job_apply(job_id: int) -> str:
    return import_apply(job_id)


@shared_task(name="programs.tasks.spreadsheet_job_export")
def spreadsheet_job_export(job_id: int) -> str:
    return export_write(job_id)


@shared_task(name="programs.tasks.spreadsheet_jobs_watchdog")
def spreadsheet_jobs_watchdog() -> int:
    """Beat: jobs of a dead worker are taken again or failed (``release_dead``)."""
    return release_dead()
