"""The exported documents as a person opens them: each docx and xlsx converted to PDF by
LibreOffice (headless), then read back with pdfplumber — page size and orientation, the
table's columns as laid out, every row whole and present, the head row on every page.

Measured on this machine: converting the ten documents takes about 15 s (one LibreOffice
start per batch; each xdist worker gets a profile of its own so two conversions never share
one)."""

import io
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from django.test import TestCase
from django.urls import reverse

from moc_portal.users.models import User
from plans import documents
from plans.models import Plan, PlanKind
from reports import contests as report_contests
from reports import documents as report_documents
from reports import word_report
from reports.models import YearlyReport
from tests.helpers import IN_CI

A4 = (842, 595)  # points, landscape


@pytest.fixture(scope="session")
def soffice():
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        message = (
            "LibreOffice не установлен: apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui"
        )
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def render(soffice, tmp_path: Path, files: dict[str, bytes]) -> dict[str, pdfplumber.PDF]:
    """{name: the PDF LibreOffice makes of it}, all converted by one LibreOffice run."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    profile = tmp_path.parent / f"lo-profile-{worker}"
    sources = []
    for name, data in files.items():
        source = tmp_path / name
        source.write_bytes(data)
        sources.append(str(source))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "pdf"),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return {name: pdfplumber.open(tmp_path / "pdf" / f"{Path(name).stem}.pdf") for name in files}


def written(writer, document) -> bytes:
    buffer = io.BytesIO()
    writer(document, buffer)
    return buffer.getvalue()


def tables_by_page(pdf) -> list[list[list[str]]]:
    """The ruled tables of each page as rows of cell texts (the approval blocks have no rules:
    they are not here)."""
    return [
        [
            [" ".join((cell or "").split()) for cell in row]
            for table in page.find_tables()
            for row in table.extract()
        ]
        for page in pdf.pages
    ]


def words(text: str) -> list[str]:
    """The words of a text, however the page broke its lines («экспертно-\nаналитический»)."""
    return re.findall(r"\w+", text)


def check_plan_pdf(pdf, document: documents.PlanDocument, *, orientation=A4) -> None:
    for page in pdf.pages:
        assert (round(page.width), round(page.height)) == orientation
    heads = [part.headings for part in document.parts]
    items = [row.cells[:2] for part in document.parts for row in part.rows if not row.section]
    seen = []
    for page, rows in zip(pdf.pages, tables_by_page(pdf), strict=True):
        if not rows:
            continue
        # The head row opens the table on every page it reaches.
        assert rows[0] in heads, (page.page_number, rows[0])
        for row in rows[1:]:
            if row in heads:
                continue  # the next plan's table starts on the same page
            # A row starts with its number or its section: a row cut by the page break would
            # leave its continuation with an empty «№» cell.
            assert row[0], (page.page_number, row)
            if any(row[1:]):  # not a section across the row
                seen.append([row[0], words(row[1])])
        table = page.find_tables()[0]
        widths = [cell[2] - cell[0] for cell in table.rows[0].cells if cell]
        assert widths[0] * 4 < widths[1], widths  # «№» narrow, the title wide
    # Every item once, in order, its title whole: nothing lost between pages, nothing clipped
    # by a row too low for its text.
    assert seen == [[number, words(title)] for number, title in items]


@pytest.fixture
def seed_documents(demo):
    plans = {
        (plan.municipality.name, plan.kind): plan
        for plan in Plan.objects.select_related("municipality").filter(bound_to__isnull=True)
    }
    return {
        "seed-000": documents.plan_document(plans[("Город Оренбург", PlanKind.WORK)]),
        "seed-003": documents.plan_document(plans[("Город Орск", PlanKind.ROADMAP)]),
        "seed-004": documents.plan_document(plans[("Город Екатеринбург", PlanKind.NETWORK)]),
        "report-003": documents.plan_document(plans[("Город Орск", PlanKind.ROADMAP)], report=True),
    }


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_plans_print_right_in_libreoffice(soffice, tmp_path, seed_documents, fmt):
    writer = documents.write_docx if fmt == "docx" else documents.write_xlsx
    files = {f"{name}.{fmt}": written(writer, doc) for name, doc in seed_documents.items()}
    pdfs = render(soffice, tmp_path, files)
    for name, document in seed_documents.items():
        pdf = pdfs[f"{name}.{fmt}"]
        check_plan_pdf(pdf, document)
        if fmt == "docx":
            footer = [page.extract_text().splitlines()[-1].strip() for page in pdf.pages]
            assert footer == [str(n) for n in range(1, len(pdf.pages) + 1)]  # page numbers


def test_the_yearly_report_prints_on_a4_portrait(soffice, tmp_path, client, demo):
    staff = User.objects.get(username="moc")
    plan = Plan.objects.get(municipality=demo, period_start=date(2022, 9, 1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.force_login(staff)
        client.post(
            reverse("reports:list"),
            {"academic_year": "2022/2023", "as_of": "2023-08-31", "plan": plan.pk},
        )
    report = YearlyReport.objects.filter(municipality=demo).latest("pk")
    pdfs = render(
        soffice,
        tmp_path,
        {
            "yearly-word.docx": written(word_report.write_docx, report),
            "yearly-excel.xlsx": written(report_documents.write_xlsx, report),
        },
    )
    pdf = pdfs["yearly-word.docx"]
    assert {(round(page.width), round(page.height)) for page in pdf.pages} == {(595, 842)}
    items = [
        [row["number"], words(row["result"])]
        for row in report.data["plan"]["rows"]
        if "number" in row
    ]
    seen = []
    for page in pdf.pages:
        for table in page.find_tables():
            rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
            if rows[0] == report_contests.HEAD:
                continue  # the contests section's own table, after the plan's
            assert rows[0] == report_documents.PLAN_HEAD
            assert all(row[0] for row in rows[1:])
            seen += [[row[0], words(row[3])] for row in rows[1:] if any(row[1:])]
    assert seen == items
    book = pdfs["yearly-excel.xlsx"]
    sheet = [page for page in book.pages if "Выполнение плана" in (page.extract_text() or "")]
    assert {(round(page.width), round(page.height)) for page in sheet} == {A4}
    # The execution table's pages (the other sheets have boxed tables of their own).
    seen = [
        [row[0], words(row[3])]
        for page in sheet
        for table in page.find_tables()
        for row in ([" ".join((c or "").split()) for c in r] for r in table.extract())
        if len(row) == len(report_documents.PLAN_HEAD)
        and row[0]
        and row[0] != "№ пп"
        and any(row[1:])
    ]
    assert seen == items  # the results whole: the rows are as high as their text
