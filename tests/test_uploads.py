"""Uploads that cannot be read get a message in Russian saying what to do, never a server
error: XML entity bombs, external entities, damaged archives, a file that is not what its
extension says, control characters in cells. Checked by ``moc_portal.core.uploads`` for
the plan import (Word and Excel) and the registry import (Excel)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from openpyxl import Workbook

from moc_portal.core.uploads import ImportFileError, check_office_file
from plans.models import Plan
from programs.models import SpreadsheetJob
from tests.conftest import login

pytestmark = pytest.mark.django_db

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{"&lol{};".format(i - 1 if i > 1 else "") * 10}">'.encode()
        for i in range(1, 10)
    )
    + b"]>"
)
EXTERNAL = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("План работы МОЦ")
    table = document.add_table(rows=2, cols=3)
    rows = [["№", "Наименование мероприятия", "Сроки"], ["1", "Мониторинг", "Май"]]
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cell(text: bytes) -> bytes:
    """An Excel file with a plan row whose title is ``text`` as written in the sheet's XML
    (``a_x0000_b`` is how Excel escapes «a», NUL, «b»)."""
    data = xlsx_bytes([["№", "Наименование мероприятия"], ["1", "MARK"]])
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry).replace(b"MARK", text))
    return buffer.getvalue()


def with_prolog(data: bytes, part: str, prolog: bytes) -> bytes:
    """The same Office file with ``prolog`` put before the root element of one XML part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == part:
                declared = content.find(b"?>") + 2 if content.startswith(b"<?xml") else 0
                content = prolog + content[content.index(b"<", declared) :]
            target.writestr(entry, content)
    return buffer.getvalue()


def upload_plan(client, data, name="plan.docx"):
    from tests.plans.test_imports import upload

    return upload(client, data, name)


@pytest.mark.parametrize(
    "make, name, message",
    [
        (lambda: with_prolog(docx_bytes(), "word/document.xml", BOMB), "p.docx", "DTD"),
        (lambda: with_prolog(docx_bytes(), "word/document.xml", EXTERNAL), "p.docx", "DTD"),
        (lambda: docx_bytes()[: len(docx_bytes()) // 2], "p.docx", "Это не документ Word"),
        (lambda: xlsx_bytes([["№", "Наименование"]]), "p.docx", "Это не документ Word"),
        (lambda: docx_bytes(), "p.xlsx", "Это не документ Word"),
        (lambda: with_cell(b"a_x0000_b"), "p.xlsx", "служебные символы"),
        (lambda: with_cell(b"a&#0;b"), "p.xlsx", "Это не документ Word"),
    ],
    ids=[
        "entity bomb",
        "external entity",
        "truncated",
        "xlsx named docx",
        "docx named xlsx",
        "NUL in a cell",
        "XML that is not well-formed",
    ],
)
def test_a_plan_file_that_cannot_be_read_says_what_to_do(client, staff, make, name, message):
    login(client, staff)
    response = upload_plan(client, make(), name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_an_entity_bomb_in_a_registry_import_fails_the_job_with_the_reason(
    client, coordinator_a, org_a, django_capture_on_commit_callbacks
):
    data = with_prolog(xlsx_bytes([["Наименование"], ["Шахматы"]]), "xl/workbook.xml", BOMB)
    login(client, coordinator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("programs:import_new") + "?kind=programs",
            {"file": SimpleUploadedFile("programmy.xlsx", data)},
        )
    job = SpreadsheetJob.objects.get()
    assert job.state == SpreadsheetJob.State.FAILED
    assert "DTD" in job.message


def test_an_ordinary_file_passes_the_check():
    check_office_file(docx_bytes(), wrong_format="нет", old_format="нет", extension="docx")
    check_office_file(xlsx_bytes([["a"]]), wrong_format="нет", old_format="нет", extension="xlsx")
    with pytest.raises(ImportFileError):
        check_office_file(docx_bytes(), wrong_format="нет", old_format="нет", extension="xlsx")
