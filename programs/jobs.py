"""Background jobs of the registry's spreadsheets: every state a ``SpreadsheetJob`` goes
through is set here.

An import is queued (``import_queue``), checked (``import_check``: queued → checking →
checked or failed), confirmed by its person (``confirm``: checked → confirmed), and written
(``import_apply``: confirmed → writing → done or failed). A large export is queued
(``export_queue``) and written (``export_write``: queued → writing → done). Tasks call these
with a job's id and are safe to run twice: a job already past a step is left as it is.
"""

import io
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from moc_portal.core import spreadsheets as sheets
from moc_portal.core.text import dated_filename
from moc_portal.core.uploads import ImportFileError

from . import exports
from .imports.organisation_rows import organisation_import_apply, organisation_import_preview
from .imports.program_rows import program_import_apply, program_import_preview
from .imports.reading import ImportPreview, read_rows, sheet_names
from .models import SpreadsheetJob
from .spreadsheets import GROUPS_SHEET

State = SpreadsheetJob.State


def import_queue(*, user, kind: str, upload, publish: bool) -> SpreadsheetJob:
    """A new import job for the uploaded file; its check runs after the commit."""
    from .tasks import spreadsheet_job_check

    job = SpreadsheetJob(kind=kind, user=user, source_name=upload.name[:255], publish=publish)
    job.source.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    transaction.on_commit(lambda: spreadsheet_job_check.delay(job.pk))
    return job


def export_queue(*, user, query: str) -> SpreadsheetJob:
    """A new export job of the registry with a list's filters; it is written after the commit."""
    from .tasks import spreadsheet_job_export

    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_EXPORT, user=user, params={"query": query}
    )
    transaction.on_commit(lambda: spreadsheet_job_export.delay(job.pk))
    return job


KINDS = {
    SpreadsheetJob.Kind.PROGRAM_IMPORT: ("Программы", program_import_preview),
    SpreadsheetJob.Kind.ORGANISATION_IMPORT: ("Организации", organisation_import_preview),
}


def _preview(job: SpreadsheetJob) -> tuple[ImportPreview, list, list]:
    sheet, planner = KINDS[job.kind]
    job.source.open("rb")
    try:
        data = job.source.read()
    finally:
        job.source.close()
    options = {}
    if job.kind == SpreadsheetJob.Kind.PROGRAM_IMPORT:
        groups = read_rows(data, sheet_name=GROUPS_SHEET, optional=True)
        if groups is not None and sheet not in sheet_names(data):
            raise ImportFileError(
                f"В файле есть лист «{GROUPS_SHEET}», но нет листа «{sheet}»: группы "
                "загружаются вместе со своими программами. Добавьте лист «Программы» (его "
                "строки — программы, чьи группы на листе «Группы») или скачайте шаблон заново."
            )
        # An empty «Группы» sheet (an export of programmes without groups) changes nothing.
        options = {"publish": job.publish, "groups": groups if groups and groups[1] else None}
    header, rows = read_rows(data, sheet_name=sheet)
    SpreadsheetJob.objects.filter(pk=job.pk).update(total_rows=len(rows), processed_rows=0)
    return planner(job.user, header, rows, progress=_progress(job), **options), header, rows


def _progress(job: SpreadsheetJob):
    """Records how many rows are done, for the job's page to show."""

    def progress(done: int) -> None:
        SpreadsheetJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return progress


def import_check(job_id: int) -> str:
    """Queued → checking → checked (the preview, the errors and their report) or failed."""
    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    if job.state not in (State.QUEUED, State.CHECKING):
        return job.state  # already checked: running twice changes nothing
    _set_state(job, State.CHECKING)
    try:
        preview, header, rows = _preview(job)
    except ImportFileError as error:
        return _finish(job, State.FAILED, message=str(error)).state
    job.summary = preview.summary()
    job.preview = preview.preview
    job.errors = [e.as_dict() for e in preview.errors]
    if preview.errors:
        _attach_error_report(job, header, rows, preview.errors)
    return _finish(job, State.CHECKED).state


def _attach_error_report(job: SpreadsheetJob, header, rows, errors) -> None:
    """The rows with errors, as they were, plus a column saying what is wrong with each."""
    by_row: dict[int, list[str]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    names = _unique_names([*header, "Ошибки"])
    width = len(names) - 1

    def line(values, reasons):
        cells = (list(values) + [None] * width)[:width]
        return dict(zip(names, [*cells, "; ".join(reasons)], strict=True))

    report = [line(values, by_row[number]) for number, values in rows if number in by_row]
    if 1 in by_row:  # the header itself
        report.insert(0, line(["(заголовок)"], by_row[1]))
    buffer = io.BytesIO()
    sheets.write_sheet(
        report,
        buffer,
        sheet="Ошибки",
        columns=[sheets.Column(header=name, source=name) for name in names],
    )
    job.result.save(f"oshibki-{job.pk}.xlsx", ContentFile(buffer.getvalue()), save=False)


def _unique_names(names) -> list[str]:
    result = []
    for index, name in enumerate(names, start=1):
        name = str(name or f"Колонка {index}")
        while name in result:
            name += " (2)"
        result.append(name)
    return result


def confirm(job: SpreadsheetJob) -> bool:
    """The person confirms a checked, error-free import; it is written in the background.

    Moves the job to «confirmed» at once, so the page shows progress from that moment and a
    second click cannot queue the file twice.
    """
    from .tasks import spreadsheet_job_apply

    confirmed = (
        SpreadsheetJob.objects.filter(pk=job.pk, state=State.CHECKED)
        .exclude(summary__errors__gt=0)
        .update(state=State.CONFIRMED)
    )
    if confirmed:
        transaction.on_commit(lambda: spreadsheet_job_apply.delay(job.pk))
    return bool(confirmed)


def import_apply(job_id: int) -> str:
    """Confirmed → writing → done or failed: the file is checked again (the registry may have
    changed since) and written whole, or nothing."""
    with transaction.atomic():
        job = SpreadsheetJob.objects.select_for_update().get(pk=job_id)
        if job.state != State.CONFIRMED:
            return job.state  # written once already, or never confirmed: nothing to do
        SpreadsheetJob.objects.filter(pk=job_id).update(state=State.WRITING)
    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    _set_state(job, State.WRITING)
    preview = None
    try:
        preview, _, _ = _preview(job)
        if job.kind == SpreadsheetJob.Kind.PROGRAM_IMPORT:
            job.summary = program_import_apply(job.user, preview, publish=job.publish)
        else:
            job.summary = organisation_import_apply(job.user, preview)
    except ImportFileError as error:
        job.errors = [e.as_dict() for e in preview.errors] if preview else []
        return _finish(job, State.FAILED, message=str(error)).state
    return _finish(job, State.DONE).state


def export_write(job_id: int) -> str:
    """Queued → writing (with progress) → done: the registry with the list's filters."""
    job = SpreadsheetJob.objects.select_related("user").get(pk=job_id)
    if job.state == State.DONE:
        return job.state
    queryset = exports.program_export_queryset(job.user, QueryDict(job.params.get("query", "")))
    total = queryset.count()
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        state=State.WRITING, total_rows=total, processed_rows=0
    )
    buffer = io.BytesIO()
    exports.write_program_export(queryset, buffer, progress=_progress(job))
    job.result.save(dated_filename("programmy", "xlsx"), ContentFile(buffer.getvalue()), save=False)
    job.state = State.DONE
    job.total_rows = job.processed_rows = total
    job.summary = {"rows": total}
    job.finished_at = timezone.now()
    job.save(
        update_fields=["result", "state", "total_rows", "processed_rows", "summary", "finished_at"]
    )
    return job.state


def _set_state(job: SpreadsheetJob, state) -> None:
    job.state = state
    SpreadsheetJob.objects.filter(pk=job.pk).update(state=state, processed_rows=0, message="")


def _finish(job: SpreadsheetJob, state, *, message: str = "") -> SpreadsheetJob:
    job.state = state
    job.message = message
    job.finished_at = timezone.now()
    job.processed_rows = job.total_rows = SpreadsheetJob.objects.get(pk=job.pk).total_rows
    job.save(
        update_fields=[
            "state",
            "message",
            "finished_at",
            "summary",
            "preview",
            "errors",
            "processed_rows",
            "total_rows",
            "result",
        ]
    )
    return job
