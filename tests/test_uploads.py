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
from tests.helpers import login

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


# A DTD hidden behind what comes before it: a comment or processing instruction that looks
# like an element, in any part of the package (issue 29).
DTD_BEHIND_COMMENT = b'<?xml version="1.0"?><!-- <a> --><!DOCTYPE x [<!ENTITY e "e">]>'
DTD_BEHIND_PI = b'<?xml version="1.0"?><?pi <b?>\n<!DOCTYPE x [<!ENTITY e "e">]>'
DTD_IN_UTF16 = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]>'.encode(
    "utf-16"
)


def with_part(data: bytes, part: str, content: bytes) -> bytes:
    """The same Office file with one more (or a replaced) part."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            if entry.filename != part:
                target.writestr(entry, source.read(entry))
        target.writestr(part, content)
    return buffer.getvalue()


@pytest.mark.parametrize("prolog", [DTD_BEHIND_COMMENT, DTD_BEHIND_PI], ids=["comment", "pi"])
@pytest.mark.parametrize(
    "kind, part",
    [
        ("docx", "word/document.xml"),
        ("docx", "word/styles.xml"),
        ("docx", "[Content_Types].xml"),
        ("docx", "_rels/.rels"),
        ("xlsx", "xl/workbook.xml"),
        ("xlsx", "xl/worksheets/sheet1.xml"),
        ("xlsx", "docProps/core.xml"),
    ],
)
def test_a_dtd_after_a_comment_in_any_part_is_refused(client, staff, prolog, kind, part):
    data = docx_bytes() if kind == "docx" else xlsx_bytes([["№", "Наименование мероприятия"]])
    crafted = with_prolog(data, part, prolog)
    with pytest.raises(ImportFileError, match="DTD"):
        check_office_file(crafted, wrong_format="нет", old_format="нет", extension=kind)
    login(client, staff)
    response = upload_plan(client, crafted, f"plan.{kind}")
    assert response.status_code == 200
    assert "объявления DTD" in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    "part, content",
    [
        ("word/extra.bin", b"\n" + DTD_BEHIND_COMMENT + b"<x/>"),  # XML under another name
        ("customXml/item1.xml", DTD_IN_UTF16 + "<x/>".encode("utf-16-le")),
        ("customXml/item2.xml", b'<?xml version="1.0"?><!-- ' + b"-" * 70_000),  # no end
        ("customXml/item3.xml", b" " * 70_000 + DTD_BEHIND_COMMENT + b"<x/>"),
    ],
    ids=["xml named otherwise", "utf-16", "a comment past any prolog", "blanks past it"],
)
def test_a_dtd_in_a_part_no_reader_opens_is_refused(part, content):
    crafted = with_part(docx_bytes(), part, content)
    with pytest.raises(ImportFileError, match="DTD"):
        check_office_file(crafted, wrong_format="нет", old_format="нет", extension="docx")


def test_comments_and_instructions_before_the_root_without_a_dtd_pass():
    prolog = b'<?xml version="1.0"?>\n<!-- <a> --><?mso-application progid="Word"?>\n'
    crafted = with_prolog(docx_bytes(), "word/document.xml", prolog)
    check_office_file(crafted, wrong_format="нет", old_format="нет", extension="docx")
    picture = with_part(docx_bytes(), "word/media/image1.png", b"\x89PNG\r\n\x1a\n<!DOCTYPE")
    check_office_file(picture, wrong_format="нет", old_format="нет", extension="docx")


def test_a_word_part_that_is_not_well_formed_is_a_damaged_file(client, staff):
    broken = with_prolog(docx_bytes(), "word/document.xml", b'<?xml version="1.0"?><a></b>')
    login(client, staff)
    response = upload_plan(client, broken, "plan.docx")
    assert response.status_code == 200
    assert "Это не документ Word" in response.content.decode()
    assert not Plan.objects.exists()
