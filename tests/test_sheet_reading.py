"""Every spreadsheet read is bounded by what the reader builds (issue 29): a sheet wider than
its template, or longer than the row limit, is refused before python-calamine builds its grid,
whatever the file's dimension tag says; the errors a job keeps are capped; every import runs
in the worker."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from moc_portal.core import sheet_import as reading
from moc_portal.core import sheet_reading
from moc_portal.core.uploads import ImportFileError
from plans.models import Plan
from programs import spreadsheets
from programs.models import ChildCount, Settlement, SpreadsheetJob
from tests import raw_xlsx
from tests.helpers import login
from tests.programs.test_imports import program_row, xlsx
from tests.reports.test_territory import child_file

State = SpreadsheetJob.State
HEADER = [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
WIDTH = len(spreadsheets.PROGRAM_COLUMNS)


@pytest.fixture
def calamine_must_not_build(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("лист сверх пределов не должен попасть в python-calamine")

    monkeypatch.setattr(sheet_reading.CalamineWorkbook, "from_filelike", never)


def header_row(*extra: str) -> bytes:
    cells = [raw_xlsx.cell(f"{raw_xlsx.column(n)}1", h) for n, h in enumerate(HEADER, 1)]
    return raw_xlsx.row(1, *cells, *extra)


def test_the_audits_xfd_file_is_refused_before_it_is_built(
    upload, coordinator_a, org_a, calamine_must_not_build
):
    job = upload(coordinator_a, raw_xlsx.wide_file(1000, HEADER))
    assert job.state == State.FAILED
    assert "Лист «Программы» шире шаблона" in job.message
    assert "в колонке XFD (16\u00a0384-й)" in job.message
    assert f"не больше {WIDTH}" in job.message
    assert job.errors == []


def test_a_value_a_million_rows_down_is_refused_with_both_limits(
    upload, coordinator_a, settings, calamine_must_not_build
):
    settings.IMPORT_MAX_ROWS = 60_000
    far = raw_xlsx.row(1_000_000, raw_xlsx.cell("A1000000", "x"))
    job = upload(coordinator_a, raw_xlsx.xlsx([header_row(), far]))
    assert job.state == State.FAILED
    assert "есть значение в строке 1\u00a0000\u00a0000" in job.message
    assert f"не больше 60\u00a0000 строк по {WIDTH} колонок" in job.message
    assert "Разделите файл" in job.message


def test_a_dimension_tag_that_lies_small_does_not_hide_a_wide_sheet(
    upload, coordinator_a, calamine_must_not_build
):
    data = raw_xlsx.xlsx([header_row(raw_xlsx.cell("ZZ1", "x"))], dimension="A1:B2")
    job = upload(coordinator_a, data)
    assert job.state == State.FAILED
    assert "в колонке ZZ" in job.message


def test_a_dimension_tag_that_lies_large_does_not_refuse_a_small_sheet(
    upload, coordinator_a, org_a
):
    book = openpyxl.load_workbook(io.BytesIO(xlsx([program_row(org_a.inn)])))
    header = [c.value for c in book.active[1]]
    values = [c.value for c in book.active[2]]
    rows = [
        raw_xlsx.row(
            r,
            *(
                raw_xlsx.cell(f"{raw_xlsx.column(n)}{r}", v)
                for n, v in enumerate(line, 1)
                if v is not None
            ),
        )
        for r, line in ((1, header), (2, values))
    ]
    job = upload(coordinator_a, raw_xlsx.xlsx(rows, dimension="A1:XFD1048576"))
    assert job.state == State.CHECKED, job.message
    assert job.summary["create"] == 1


def test_cells_without_references_are_counted_where_they_stand(calamine_must_not_build):
    # No «r» on cells or rows: each takes the next place, as calamine places them.
    wide = raw_xlsx.row(None, *(raw_xlsx.cell(None, n) for n in range(WIDTH + 1)))
    with pytest.raises(ImportFileError, match="шире шаблона: есть значение в колонке"):
        reading.read_rows(raw_xlsx.xlsx([wide]), sheet_name="Программы", width=WIDTH)


def test_formatted_but_empty_cells_far_away_do_not_count(upload, coordinator_a):
    # Only cells with a value make calamine's grid larger: a styled cell in XFD does not.
    styled = header_row('<c r="XFD1" s="1"/>', '<c r="XFC1" s="1"></c>')
    extent = sheet_reading.check_extent(
        sheet_reading.check_file(raw_xlsx.xlsx([styled])),
        "Программы",
        sheet_reading.Bounds(rows=10, columns=WIDTH),
    )
    assert (extent.rows, extent.columns) == (1, len(HEADER))


def test_a_long_and_wide_file_is_refused_at_its_first_row(calamine_must_not_build):
    rows = (
        raw_xlsx.row(n, *(f'<c r="{raw_xlsx.column(c)}{n}"><v>{c}</v></c>' for c in range(1, 61)))
        for n in range(1, 601)
    )
    with pytest.raises(ImportFileError, match="в колонке BH \\(60-й\\)"):
        reading.read_rows(raw_xlsx.xlsx(rows), sheet_name="Программы", width=WIDTH)


def test_the_errors_a_job_keeps_are_capped_and_the_rest_counted(
    client, upload, coordinator_a, org_a, monkeypatch
):
    monkeypatch.setattr(reading, "MAX_KEPT_ERRORS", 5)
    rows = [program_row(org_a.inn, name=f"П {n}", **{"Возраст от": "много"}) for n in range(8)]
    job = upload(coordinator_a, xlsx(rows))
    assert job.state == State.CHECKED
    assert job.summary["errors"] == 8
    assert len(job.errors) == 5
    page = client.get(reverse("programs:job", args=[job.pk])).content.decode()
    assert "Показаны первые 5 ошибок из 8" in page
    report = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("programs:job_result", args=[job.pk])).getvalue())
    )
    last = [c.value for c in list(report["Ошибки"].iter_rows())[-1]]
    assert last[0] == "…"
    assert "и ещё 3 ошибки ниже" in last[-1]


def test_a_plan_workbook_wider_than_a_plan_is_refused_in_the_worker(client, staff):
    from tests.plans.test_imports import upload as upload_plan

    login(client, staff)
    head = raw_xlsx.row(
        1, raw_xlsx.cell("A1", "№"), raw_xlsx.cell("B1", "Наименование мероприятия")
    )
    far = raw_xlsx.row(2, raw_xlsx.cell("A2", "1"), raw_xlsx.cell("XFD2", "Мониторинг"))
    page = upload_plan(client, raw_xlsx.xlsx([head, far], sheet="План"), "plan.xlsx")
    html = page.content.decode()
    assert "Лист «План» шире шаблона" in html and "колонке XFD" in html
    assert not Plan.objects.exists()
    job = SpreadsheetJob.objects.get(kind=SpreadsheetJob.Kind.PLAN_IMPORT)
    assert job.state == State.FAILED and job.user == staff


def test_a_plan_file_is_read_by_the_job_not_the_web_request(client, staff, monkeypatch):
    from plans.imports import reading
    from tests.test_uploads import docx_bytes

    read = []
    original = reading.read_document
    monkeypatch.setattr(
        reading, "read_document", lambda data, name: read.append(name) or original(data, name)
    )
    login(client, staff)
    with TestCase.captureOnCommitCallbacks(execute=False) as pending:
        response = client.post(
            reverse("plans:import"),
            {
                "kind": "work",
                "period_label": "2025-2026 учебный год",
                "period_start": "2025-09-01",
                "period_end": "2026-08-31",
                "file": SimpleUploadedFile("plan.docx", docx_bytes()),
            },
        )
    assert response.status_code == 302 and read == []  # the request only queued the job
    job = SpreadsheetJob.objects.get()
    assert job.state == State.QUEUED
    for callback in pending:
        callback()
    job.refresh_from_db()
    assert read == ["plan.docx"] and job.state == State.CHECKED
    assert "Найдены таблицы плана" in job.message
    review = client.get(job.params["next"])
    assert review.status_code == 200 and "Мониторинг" in review.content.decode()


def test_children_counts_are_imported_by_the_worker(
    client, staff, municipality, django_capture_on_commit_callbacks
):
    town = Settlement.objects.create(municipality=municipality, kind="г.", name="Задонск")
    login(client, staff)
    year = timezone.localdate().year
    good = child_file([["г. Задонск", "42624101001", 40, 30, 30, 20]])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('territory:child_counts_import')}?municipality={municipality.pk}",
            {"year": year, "file": SimpleUploadedFile("deti.xlsx", good)},
        )
    job = SpreadsheetJob.objects.get(kind=SpreadsheetJob.Kind.CHILD_COUNT_IMPORT)
    assert response["Location"] == reverse("programs:job", args=[job.pk])
    assert job.state == State.DONE
    page = client.get(response["Location"]).content.decode()
    assert "Численность детей загружена: населённых пунктов — 1." in page
    assert escape(job.params["back"]) in page
    assert ChildCount.objects.filter(settlement=town, year=year).count() == 4

    wide = raw_xlsx.xlsx(
        [raw_xlsx.row(1, raw_xlsx.cell("A1", "Населённый пункт"), raw_xlsx.cell("AA1", "x"))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"{reverse('territory:child_counts_import')}?municipality={municipality.pk}",
            {"year": year - 1, "file": SimpleUploadedFile("deti.xlsx", wide)},
        )
    failed = SpreadsheetJob.objects.filter(kind=SpreadsheetJob.Kind.CHILD_COUNT_IMPORT).latest("pk")
    assert failed.state == State.FAILED and "шире шаблона" in failed.message
    assert not ChildCount.objects.filter(year=year - 1).exists()
    assert Settlement.objects.filter(municipality=municipality).count() == 1
