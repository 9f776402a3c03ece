"""The programme registry export, in the request or, when large, in a Celery task."""

import io

from django.core.files.base import ContentFile
from django.http import QueryDict
from django.utils import timezone

from moc_portal.core import spreadsheets as sheets

from . import selectors, spreadsheets
from .models import SpreadsheetJob

PROGRESS_EVERY = 2000


def program_export_queryset(user, filters):
    return selectors.program_list(user=user, filters=filters).order_by("name", "pk")


def write_program_export(queryset, target, *, progress=None) -> None:
    rows = sheets.export_rows(queryset, spreadsheets.PROGRAM_COLUMNS)
    if progress:
        rows = _counting(rows, progress)
    sheets.write_sheet(rows, target, sheet="Программы", columns=spreadsheets.PROGRAM_COLUMNS)


def _counting(rows, progress):
    for index, row in enumerate(rows, start=1):
        if index % PROGRESS_EVERY == 0:
            progress(index)
        yield row


def program_export_job(job: SpreadsheetJob) -> SpreadsheetJob:
    filters = QueryDict(job.params.get("query", ""))
    queryset = program_export_queryset(job.user, filters)
    total = queryset.count()
    SpreadsheetJob.objects.filter(pk=job.pk).update(
        state=SpreadsheetJob.State.WRITING, total_rows=total, processed_rows=0
    )

    def progress(done):
        SpreadsheetJob.objects.filter(pk=job.pk).update(processed_rows=done)

    buffer = io.BytesIO()
    write_program_export(queryset, buffer, progress=progress)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    job.result.save(f"programmy-{stamp}.xlsx", ContentFile(buffer.getvalue()), save=False)
    job.state = SpreadsheetJob.State.DONE
    job.total_rows = job.processed_rows = total
    job.summary = {"rows": total}
    job.finished_at = timezone.now()
    job.save(
        update_fields=["result", "state", "total_rows", "processed_rows", "summary", "finished_at"]
    )
    return job
