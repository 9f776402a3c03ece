"""Excel exports and import templates, read back with openpyxl."""

import io
from datetime import datetime
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from moc_portal.core import sheet_layout
from moc_portal.core import spreadsheets as sheets
from programs import spreadsheets
from programs.choices import Focus, ProgramStatus
from programs.models import Specialisation
from tests.helpers import login, move_to
from tests.programs.factories import ProgramFactory, ProgramGroupFactory


def open_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows_of(sheet):
    """The head row (row 2, under the title) and the rows under it."""
    header = [cell.value for cell in sheet[2]]
    return header, [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in sheet.iter_rows(min_row=3)
        if any(c.value is not None for c in row)
    ]


@pytest.fixture
def programs(org_a, org_b, staff, coordinator_a):
    paid = ProgramFactory(
        organisation=org_a,
        name="Гитара",
        focus=Focus.ARTS,
        funding_budget=False,
        funding_paid=True,
        cost=Decimal("4500.50"),
        ovz_suitable=True,
        ovz_categories=["vision", "hearing"],
    )
    ProgramGroupFactory(program=paid)
    move_to(paid, ProgramStatus.PUBLISHED, staff=staff, coordinator=coordinator_a)
    robotics = ProgramFactory(organisation=org_a, name="Робототехника", focus=Focus.TECHNICAL)
    other = ProgramFactory(organisation=org_b, name="Чужая программа", focus=Focus.TECHNICAL)
    return {"paid": paid, "robotics": robotics, "other": other}


def test_registry_export_is_formatted_as_people_expect(client, staff, programs):
    login(client, staff)
    book = open_xlsx(client.get(reverse("programs:export")))
    sheet = book["Программы"]
    header, rows = rows_of(sheet)
    assert header == [c.header for c in spreadsheets.PROGRAM_COLUMNS]
    assert sheet["A1"].value.startswith("Реестр программ · ")  # the title row
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:")
    assert all(cell.font.b for cell in sheet[2])
    assert sheet.column_dimensions["E"].width > 30  # «Полное наименование»
    guitar = next(r for r in rows if r["Полное наименование"] == "Гитара")
    assert guitar["ID портала"] == programs["paid"].pk
    assert guitar["Стоимость, руб."] == 4500.5
    assert guitar["Возраст от"] == 8
    assert guitar["Платно"] == "да"
    assert guitar["Бесплатно"] == "нет"
    assert guitar["Направленность"] == "Художественная"
    assert guitar["Категории ОВЗ"] == (
        "Нарушения зрения (слепые, слабовидящие); Нарушения слуха (глухие, слабослышащие)"
    )
    assert guitar["Статус"] == "Опубликована"
    assert isinstance(guitar["Изменена"], datetime)
    changed = sheet.cell(row=3, column=header.index("Изменена") + 1)
    assert changed.number_format == sheets.DATETIME_FORMAT
    assert len(rows) == 3


def test_wide_sheets_get_a_print_copy_of_their_key_columns_last(client, staff, programs):
    """The registry's 30 columns print at 2 pt fitted to one page: the file ends with a copy
    of each wide sheet's key columns, the same rows, printed at a readable size."""
    login(client, staff)
    book = open_xlsx(client.get(reverse("programs:export")))
    assert book.sheetnames == [
        "Программы",
        "Группы",
        "Программы — для печати",
        "Группы — для печати",
    ]
    copy = book["Программы — для печати"]
    assert copy["A1"].value.startswith("Реестр программ, лист «Программы — для печати» · ")
    header, rows = rows_of(copy)
    assert header == [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.printed]
    assert "Краткое описание" not in header
    _, data = rows_of(book["Программы"])
    assert rows == [{h: row[h] for h in header} for row in data]
    guitar = next(r for r in rows if r["Полное наименование"] == "Гитара")
    assert guitar["Стоимость, руб."] == 4500.5 and guitar["Статус"] == "Опубликована"
    assert copy.print_title_rows == "$1:$2"
    assert copy.page_setup.orientation == "landscape" and copy.page_setup.paperSize == 9
    # Fitted to one page wide (1, the default, the writer leaves unwritten), as long as it takes.
    assert copy.sheet_properties.pageSetUpPr.fitToPage
    assert copy.page_setup.fitToWidth in (None, 1) and copy.page_setup.fitToHeight == 0
    groups, group_rows = rows_of(book["Группы — для печати"])
    assert groups == [c.header for c in spreadsheets.GROUP_COLUMNS if c.printed]
    assert [r["Программа"] for r in group_rows] == ["Гитара"]


def test_print_copies_print_readably_and_only_where_needed():
    for columns in (
        spreadsheets.PROGRAM_COLUMNS,
        spreadsheets.GROUP_COLUMNS,
        spreadsheets.ORGANISATION_COLUMNS,
        spreadsheets.TRANSITION_COLUMNS,
    ):
        size = sheet_layout.printed_size(sheet_layout.column_widths(columns))
        assert size < sheet_layout.READABLE_SIZE
        copy = sheet_layout.print_columns(columns)
        copy_size = sheet_layout.printed_size(sheet_layout.column_widths(copy))
        assert copy_size >= 8.5, [c.header for c in copy]
        # No column narrower than its heading's or its choices' longest word.
        for column in copy:
            assert column.width >= sheet_layout._least_width(column)
    # A sheet that prints readably as it is has no copy.
    narrow = [sheets.Column("Программа", "name", width=40, printed=True)]
    assert [name for name, _, _ in sheets.with_print_copies([("Лист", [], narrow)])] == ["Лист"]
    # Two wide sheets: each copy named after its sheet, within Excel's 31 letters.
    wide = spreadsheets.PROGRAM_COLUMNS
    long_name = "Программы дополнительного образования"
    names = [
        name
        for name, _, _ in sheets.with_print_copies([(long_name, [], wide), ("Группы", [], wide)])
    ]
    assert names[2:] == ["Программы дополнит — для печати", "Группы — для печати"]
    assert len(names[2]) == 31


def test_organisation_export_has_a_print_copy(client, staff, programs, org_a, org_b):
    login(client, staff)
    book = open_xlsx(client.get(reverse("programs:organisation_export")))
    assert book.sheetnames == ["Организации", "Для печати"]
    header, rows = rows_of(book["Для печати"])
    assert header == ["Краткое наименование", "Тип", "ИНН", "Руководитель", "Адрес", "Телефон"]
    assert {r["ИНН"] for r in rows} == {org_a.inn, org_b.inn}


def test_export_keeps_the_list_filters(client, staff, programs):
    login(client, staff)
    _, rows = rows_of(
        open_xlsx(client.get(reverse("programs:export"), {"focus": "technical"}))["Программы"]
    )
    assert {r["Полное наименование"] for r in rows} == {"Робототехника", "Чужая программа"}
    _, rows = rows_of(
        open_xlsx(client.get(reverse("programs:export"), {"q": "гитар"}))["Программы"]
    )
    assert [r["Полное наименование"] for r in rows] == ["Гитара"]


def test_coordinator_exports_only_own_programmes(client, coordinator_a, programs):
    login(client, coordinator_a)
    _, rows = rows_of(open_xlsx(client.get(reverse("programs:export")))["Программы"])
    assert {r["Полное наименование"] for r in rows} == {"Гитара", "Робототехника"}


def test_empty_export_still_has_its_header(client, coordinator_a, org_a):
    login(client, coordinator_a)
    header, rows = rows_of(open_xlsx(client.get(reverse("programs:export")))["Программы"])
    assert header[:3] == ["ID портала", "Организация", "ИНН организации"]
    assert rows == []


def test_organisation_inventory_export(client, staff, programs, org_a, org_b):
    login(client, staff)
    _, rows = rows_of(open_xlsx(client.get(reverse("programs:organisation_export")))["Организации"])
    by_inn = {r["ИНН"]: r for r in rows}
    assert set(by_inn) == {org_a.inn, org_b.inn}
    assert by_inn[org_a.inn]["Программ опубликовано"] == 1
    assert by_inn[org_a.inn]["Тип"] == "Общеобразовательная организация"


def test_moderation_history_export(client, staff, programs):
    login(client, staff)
    _, rows = rows_of(
        open_xlsx(client.get(reverse("programs:history_export")))["История модерации"]
    )
    assert [(r["Из статуса"], r["В статус"]) for r in rows] == [
        ("На модерации", "Опубликована"),
        ("Черновик", "На модерации"),
    ]
    assert all(isinstance(r["Дата и время"], datetime) for r in rows)
    assert rows[0]["Кто"].startswith("Мещерякова")
    book = open_xlsx(client.get(reverse("programs:history_export")))
    assert book.sheetnames == ["История модерации", "Для печати"]
    _, printed = rows_of(book["Для печати"])
    assert [r["В статус"] for r in printed] == ["Опубликована", "На модерации"]


def test_programme_template_has_dropdowns_example_and_instructions(
    client, coordinator_a, org_a, org_b
):
    Specialisation.objects.create(focus=Focus.TECHNICAL, name="Робототехника")
    login(client, coordinator_a)
    book = open_xlsx(client.get(reverse("programs:template")))
    assert book.sheetnames == ["Программы", "Группы", "Справочники", "Инструкция"]
    sheet = book["Программы"]
    header = [c.value for c in sheet[2]]
    assert header == [c.header for c in spreadsheets.PROGRAM_COLUMNS if c.importable]
    example = dict(zip(header, (c.value for c in sheet[3]), strict=True))
    assert example["Организация"] == f"{org_a.short_name} ({org_a.inn})"
    assert example["Направленность"] == "Техническая"

    validated = {}
    for rule in sheet.data_validations.dataValidation:
        column = str(rule.sqref).split(":")[0].rstrip("0123456789")
        validated[header[openpyxl.utils.column_index_from_string(column) - 1]] = rule.formula1
    single_choice = {
        c.header
        for c in spreadsheets.PROGRAM_COLUMNS
        if c.importable and c.kind in ("choice", "choices", "bool")
    }
    assert single_choice | {"Организация", "Профиль"} <= set(validated)
    references = book["Справочники"]
    label_column = [c.value for c in references[2]].index("Организация") + 1
    labels = [references.cell(row=r, column=label_column).value for r in range(3, 11)]
    # A readable «name (ИНН)», and only a coordinator's own organisations.
    assert f"{org_a.short_name} ({org_a.inn})" in labels
    assert not any(org_b.inn in (label or "") for label in labels)

    text = "\n".join(c.value or "" for c in book["Инструкция"]["A"])
    assert "«Направленность» — обязательная." in text
    assert "Техническая; Естественнонаучная" in text
    # What the card refuses, the instructions say: required when another column says so.
    assert (
        "«Категории ОВЗ» — обязательная, если в «Подходит для детей с ОВЗ» — «да» "
        "(и пустая, если «нет»)." in text
    )
    assert "«Стоимость, руб.» — обязательная, если в «Платно» — «да»." in text


def test_organisation_template(client, staff):
    login(client, staff)
    book = open_xlsx(client.get(reverse("programs:organisation_template")))
    header = [c.value for c in book["Организации"][2]]
    assert header == [c.header for c in spreadsheets.ORGANISATION_COLUMNS if c.importable]
    assert book["Организации"].data_validations.dataValidation


def test_every_importable_column_is_exported():
    """What the portal exports opens again as an import."""
    for columns in (spreadsheets.PROGRAM_COLUMNS, spreadsheets.ORGANISATION_COLUMNS):
        headers = [c.header for c in columns]
        assert len(headers) == len(set(headers))
        assert {c.header for c in columns if c.importable} <= set(headers)


def test_admin_exports_selected_programmes_with_import_export(client, administrator, org_a):
    program = ProgramFactory(organisation=org_a)
    client.force_login(administrator)
    response = client.post(
        "/admin/programs/program/",
        {"action": "export_admin_action", "_selected_action": [program.pk]},
    )
    assert response.status_code == 200
    assert "<title>Экспорт" in response.content.decode()


def test_moderation_queue_exports_what_it_shows(client, staff, programs, coordinator_a):
    from programs import services

    ProgramGroupFactory(program=programs["robotics"])
    services.program_submit(program=programs["robotics"], user=staff)
    login(client, staff)
    page = client.get(reverse("programs:moderation")).content.decode()
    link = page.split('href="/programs/export.xlsx?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert link == "status=on_moderation"
    _, rows = rows_of(open_xlsx(client.get(f"/programs/export.xlsx?{link}"))["Программы"])
    assert [r["Полное наименование"] for r in rows] == ["Робототехника"]
