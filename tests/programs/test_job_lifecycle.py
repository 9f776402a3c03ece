"""Every spreadsheet job ends (issue 21): done, failed with a Russian reason, or cancelled by its
owner; a job whose worker died is taken again, then failed; files too large for the worker's
memory are refused before they are built."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from moc_portal.core.models import Heartbeat
from moc_portal.core.workers import heartbeat, worker_name
from programs import jobs
from programs.imports import error_report, program_rows
from programs.models import Program, SpreadsheetJob
from tests.helpers import login
from tests.portal import helpers as portal_helpers
from tests.programs.test_imports import program_row, xlsx

State = SpreadsheetJob.State


def test_an_over_long_cell_is_a_row_error_and_the_error_report_is_written(
    client, upload, coordinator_a, org_a
):
    huge = "Очень длинное описание. " * 2000  # 48,000 characters: the reader cuts it
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, **{"Краткое описание": huge})]))
    assert job.state == State.CHECKED, job.message
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Краткое описание")], job.summary
    assert "32\u00a0767 знаков или больше — это предел Excel" in job.errors[0]["message"]
    report = client.get(reverse("programs:job_result", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(report.getvalue()))["Ошибки"]
    # Row 1 is the title, row 2 the head.
    cell = next(c.value for c in sheet[3] if c.value and c.value.startswith("Очень"))
    assert len(cell) == 32_767  # as far as Excel keeps it


def test_an_unexpected_error_fails_the_job_with_a_russian_reason(
    upload, coordinator_a, org_a, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("сбой")

    monkeypatch.setitem(jobs.KINDS, SpreadsheetJob.Kind.PROGRAM_IMPORT, ("Программы", broken))
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)]))
    assert job.state == State.FAILED
    assert "непредвиденной ошибки" in job.message and str(job.pk) in job.message
    assert job.finished_at is not None


def test_an_unexpected_error_while_writing_writes_nothing_and_fails(
    upload, confirm, coordinator_a, org_a, monkeypatch
):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)]))
    assert job.state == State.CHECKED

    def broken(*args, **kwargs):
        Program.objects.create(organisation=org_a, name="Половина записи", age_from=5, age_to=7)
        raise RuntimeError("сбой посреди записи")

    monkeypatch.setattr(jobs, "program_import_apply", broken)
    job = confirm(job)
    assert job.state == State.FAILED
    assert "непредвиденной ошибки" in job.message
    assert not Program.objects.filter(name="Половина записи").exists()


def test_the_owner_cancels_a_checked_import_and_confirming_it_writes_nothing(
    client, upload, confirm, coordinator_a, org_a
):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)]))
    response = client.post(reverse("programs:job_cancel", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.state == State.CANCELLED
    assert "Отменено" in client.get(reverse("programs:job", args=[job.pk])).content.decode()
    assert confirm(job).state == State.CANCELLED
    assert not Program.objects.exists()


def test_a_write_cancelled_while_it_runs_is_rolled_back(coordinator_a, org_a, monkeypatch):
    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_IMPORT, user=coordinator_a, state=State.CONFIRMED
    )
    job.source.save("p.xlsx", io.BytesIO(xlsx([program_row(org_a.inn)])))
    real_apply = program_rows.program_import_apply

    def apply_then_owner_cancels(*args, **kwargs):
        summary = real_apply(*args, **kwargs)
        assert jobs.cancel(user=coordinator_a, job=job)  # another request, at this moment
        return summary

    monkeypatch.setattr(jobs, "program_import_apply", apply_then_owner_cancels)
    assert jobs.import_apply(job.pk) == State.CANCELLED
    assert not Program.objects.exists()


def test_only_the_owner_may_cancel(client, upload, coordinator_a, coordinator_b, org_a):
    job = upload(coordinator_a, xlsx([program_row(org_a.inn)]))
    login(client, coordinator_b)
    assert client.post(reverse("programs:job_cancel", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.state == State.CHECKED


def test_watchdog_gives_a_dead_workers_job_back_then_fails_it(
    coordinator_a, org_a, settings, django_capture_on_commit_callbacks
):
    job = SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_IMPORT,
        user=coordinator_a,
        state=State.CHECKING,
        worker="погибший-сервер:4242",
        attempts=1,
    )
    job.source.save("p.xlsx", io.BytesIO(xlsx([program_row(org_a.inn)])))
    Heartbeat.objects.create(
        name="погибший-сервер:4242", seen_at=timezone.now() - timedelta(minutes=5)
    )
    heartbeat()  # this process is alive: a job it held would be left alone
    SpreadsheetJob.objects.create(
        kind=SpreadsheetJob.Kind.PROGRAM_IMPORT,
        user=coordinator_a,
        state=State.CHECKING,
        worker=worker_name(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.release_dead() == 1
    job.refresh_from_db()
    assert job.state == State.CHECKED  # taken again (in-process here) and finished
    assert job.attempts == 2
    assert SpreadsheetJob.objects.filter(worker=worker_name(), state=State.CHECKING).exists()

    SpreadsheetJob.objects.filter(pk=job.pk).update(
        state=State.WRITING, worker="погибший-сервер:4242", attempts=jobs.MAX_ATTEMPTS
    )
    assert jobs.release_dead() == 1
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "останавливался 3 раза" in job.message


def test_a_file_over_the_row_limit_is_refused_before_it_is_read(
    upload, coordinator_a, org_a, settings, monkeypatch
):
    settings.IMPORT_MAX_ROWS = 10

    def never(*args, **kwargs):
        raise AssertionError("файл сверх лимита не должен читаться")

    monkeypatch.setattr("moc_portal.core.sheet_reading.CalamineWorkbook.from_filelike", never)
    # Two rows over: more than a file with a title line over its head could hold.
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, name=f"П {n}") for n in range(12)]))
    assert job.state == State.FAILED
    assert "больше 10 строк" in job.message and "Разделите файл" in job.message


def test_a_file_one_row_over_the_limit_is_refused_when_its_rows_are_counted(
    upload, coordinator_a, org_a, settings
):
    """One row more than the limit fits the room a title line takes: read, then refused."""
    settings.IMPORT_MAX_ROWS = 10
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, name=f"П {n}") for n in range(11)]))
    assert job.state == State.FAILED
    assert "больше 10 строк" in job.message and "в строке 12" in job.message


def test_a_file_at_the_row_limit_is_read(upload, coordinator_a, org_a, settings):
    settings.IMPORT_MAX_ROWS = 10
    job = upload(coordinator_a, xlsx([program_row(org_a.inn, name=f"П {n}") for n in range(10)]))
    assert job.state == State.CHECKED
    assert job.summary["create"] == 10


def _png(size) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, "PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


def test_a_cover_over_the_pixel_limit_is_refused_before_decoding(
    client, staff, settings, monkeypatch
):
    settings.IMAGE_MAX_PIXELS = 1000
    cover = _png((40, 30))
    monkeypatch.setattr(Image.Image, "load", lambda self: pytest.fail("декодирование"))
    login(client, staff)
    news = portal_helpers.news(staff)
    data = {"title": news.title, "lead": "", "body": "Текст", "cover_alt": "Описание"}
    page = client.post(
        reverse("portal:news_edit", args=[news.pk]), {**data, "cover_upload": cover}
    ).content.decode()
    assert "40 × 30 пикселей — это больше 0.001 млн пикселей" in page


def test_a_programme_image_over_the_pixel_limit_is_refused(
    client, coordinator_a, program_a, settings
):
    settings.IMAGE_MAX_PIXELS = 1000
    login(client, coordinator_a)
    page = client.get(reverse("programs:edit", args=[program_a.pk]))
    from tests.test_lost_updates import form_values

    data = form_values(page)
    response = client.post(
        reverse("programs:edit", args=[program_a.pk]), {**data, "image": _png((50, 50))}
    )
    assert response.status_code == 200
    assert "50 × 50 пикселей" in response.content.decode()


def test_an_error_report_cell_over_excels_limit_is_cut_with_a_mark():
    assert error_report.fits("я" * 40_000) == "я" * 32_766 + "…"
    assert error_report.fits("коротко") == "коротко"
