"""The title row over the portal's sheets («Реестр программ · Задонский район · на …»): an
export and a template open again as imports, the reader finds the head row under the title,
and numbers the rows as the sheet does."""

import io

import openpyxl
import pytest
from django.urls import reverse

from moc_portal.core import sheet_layout
from moc_portal.core.sheet_import import check_header, read_rows
from moc_portal.core.uploads import ImportFileError
from programs import spreadsheets
from tests.helpers import login
from tests.programs.test_imports import HEADER, counts, error_messages, program_row

WIDTH = len(spreadsheets.PROGRAM_COLUMNS)


def titled(rows, *, title="Реестр программ · Задонский район · на 07.12.2026", merge=True):
    """A file as the portal writes it: the title merged across row 1, the head in row 2."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Программы"
    sheet.append([title])
    if merge:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(HEADER)
    for row in rows:
        sheet.append([row.get(h) for h in HEADER])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_head_row_is_found_under_the_title_and_rows_keep_their_numbers(org_a):
    header, body = read_rows(
        titled([program_row(org_a.inn), program_row(org_a.inn, name="Шахматы")]),
        sheet_name="Программы",
        width=WIDTH,
    )
    assert list(header) == HEADER
    assert header.row == 2
    name = HEADER.index("Полное наименование")
    assert [(number, values[name]) for number, values in body] == [
        (3, "Робототехника"),
        (4, "Шахматы"),
    ]
    # A head error names the head's own row, not row 1.
    header.append("Моя колонка")
    assert {e.row for e in check_header(header, spreadsheets.PROGRAM_COLUMNS)} == {2}


def test_a_file_without_a_title_reads_as_before(org_a):
    from tests.programs.test_imports import xlsx

    header, body = read_rows(xlsx([program_row(org_a.inn)]), sheet_name="Программы", width=WIDTH)
    assert header.row == 1 and list(header) == HEADER
    assert [number for number, _ in body] == [2]


def test_a_title_left_unmerged_is_still_a_title(org_a):
    header, body = read_rows(
        titled([program_row(org_a.inn)], merge=False), sheet_name="Программы", width=WIDTH
    )
    assert header.row == 2 and [number for number, _ in body] == [3]


def test_merged_cells_under_the_title_are_refused(org_a):
    data = titled([program_row(org_a.inn)])
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active.merge_cells("B3:C3")
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFileError, match="объединённые ячейки \\(B3:C3\\)"):
        read_rows(buffer.getvalue(), sheet_name="Программы", width=WIDTH)


def test_the_portal_s_export_under_its_title_imports_as_unchanged(
    client, upload, confirm, coordinator_a, org_a
):
    upload_job = upload(coordinator_a, titled([program_row(org_a.inn)]))
    assert counts(upload_job) == {"create": 1, "update": 0, "unchanged": 0, "errors": 0}
    confirm(upload_job)
    login(client, coordinator_a)
    exported = client.get(reverse("programs:export")).content
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["Программы"]
    assert sheet["A1"].value.startswith("Реестр программ · ")
    assert [c.value for c in sheet[2]] == [c.header for c in spreadsheets.PROGRAM_COLUMNS]
    # The print copies stand last, after the sheets the import reads.
    assert openpyxl.load_workbook(io.BytesIO(exported)).sheetnames[2:] == [
        "Программы — для печати",
        "Группы — для печати",
    ]
    again = upload(coordinator_a, exported)
    assert counts(again) == {"create": 0, "update": 0, "unchanged": 1, "errors": 0}


def test_the_template_under_its_title_imports(client, upload, coordinator_a, org_a):
    login(client, coordinator_a)
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("programs:template")).content))
    sheet = book["Программы"]
    assert sheet["A1"].value.startswith("Шаблон загрузки программ · ")
    assert sheet.print_title_rows == "$1:$2"
    header = [c.value for c in sheet[2]]
    sheet.cell(row=3, column=header.index("Полное наименование") + 1, value="Из шаблона")
    buffer = io.BytesIO()
    book.save(buffer)
    job = upload(coordinator_a, buffer.getvalue())
    assert counts(job)["create"] == 1, error_messages(job)


def test_a_title_names_the_municipality_and_the_day(staff, administrator):
    from datetime import date

    title = sheet_layout.PrintTitle("Реестр программ", staff.municipality, date(2026, 12, 7))
    assert str(title) == f"Реестр программ · {staff.municipality.name} · на 07.12.2026"
    assert str(sheet_layout.PrintTitle.of("Реестр программ", administrator, date(2026, 12, 7))) == (
        "Реестр программ · все муниципалитеты · на 07.12.2026"
    )
    assert title.of_sheet("Группы", first=False) == (
        f"Реестр программ, лист «Группы» · {staff.municipality.name} · на 07.12.2026"
    )


def test_the_organisations_export_with_its_print_copy_imports_as_unchanged(
    client, upload, staff, org_a
):
    """The print copy («Для печати») stands after «Организации»: the import reads its sheet
    and changes nothing."""
    login(client, staff)
    exported = client.get(reverse("programs:organisation_export")).content
    assert openpyxl.load_workbook(io.BytesIO(exported)).sheetnames == ["Организации", "Для печати"]
    job = upload(staff, exported, kind="organisations", name="organizacii.xlsx")
    assert counts(job) == {"create": 0, "update": 0, "unchanged": 1, "errors": 0}, job.errors


def test_a_coordinators_file_names_the_municipality_of_their_organisations(coordinator_a, org_a):
    from moc_portal.core.sheet_layout import PrintTitle

    title = str(PrintTitle.of("Реестр программ", coordinator_a))
    assert title.startswith(f"Реестр программ · {org_a.municipality} · на ")
