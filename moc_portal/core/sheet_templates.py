"""Import templates: the title, the head and an example row, drop-down lists of the allowed
values, and instructions. A few rows, with range-based drop-down lists, which only openpyxl
writes here; their size makes its speed irrelevant."""

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .sheet_layout import (
    PrintTitle,
    column_widths,
    head_row,
    is_landscape,
    print_setup,
    title_row,
    wrap_rows,
)
from .spreadsheets import LIST_SEPARATOR, NO, YES, Column, save_workbook

# An import template: the title in row 1, the heads in row 2, the example in row 3.
TEMPLATE_HEAD = 2


def write_template(
    target,
    *,
    columns,
    sheet: str,
    example: dict,
    reference_lists: dict,
    title: PrintTitle,
    more_sheets=(),
) -> None:
    """An import template: headers, an example row, drop-down lists, and instructions.

    ``reference_lists`` adds lists that depend on the person (their organisations,
    the profiles): {header: [values]}. ``more_sheets`` are further data sheets of the same
    file, [(name, columns, example, lines of instructions)], filled the same way.
    """
    book = Workbook()
    book.remove(book.active)
    data_sheets = [(sheet, columns, example, []), *more_sheets]
    for name, *_ in data_sheets:
        book.create_sheet(name)
    references = book.create_sheet("Справочники")
    instructions = book.create_sheet("Инструкция")
    ref_column = 0
    for index, (name, sheet_columns, sheet_example, _) in enumerate(data_sheets):
        importable = [c for c in sheet_columns if c.importable]
        _template_header(
            book[name], importable, sheet_example, title.of_sheet(name, first=index == 0)
        )
        ref_column = _template_lists(
            book[name], references, importable, reference_lists, ref_column
        )
    _template_references(references, title)
    _template_instructions(instructions, data_sheets, reference_lists, title)
    save_workbook(book, target)


def _listed_values(column: Column, reference_lists: dict) -> list:
    return reference_lists.get(column.header) or column.reference_values


def _template_header(data, importable: list[Column], example: dict, title: str) -> None:
    """The title, the bold headers at the columns' widths, the example under them, the head
    frozen, printed as every sheet is."""
    widths = column_widths(importable)
    title_row(data, title, widths)
    head_row(data, [c.header for c in importable], widths, row=TEMPLATE_HEAD)
    for index, column in enumerate(importable, start=1):
        data.column_dimensions[get_column_letter(index)].width = widths[index - 1]
        data.cell(row=TEMPLATE_HEAD + 1, column=index, value=example.get(column.header))
    wrap_rows(data, widths, first=TEMPLATE_HEAD + 1)
    data.freeze_panes = f"A{TEMPLATE_HEAD + 1}"
    print_setup(data, head_rows=(1, TEMPLATE_HEAD), landscape=is_landscape(widths))


def _template_lists(
    data, references, importable: list[Column], reference_lists: dict, ref_column: int
) -> int:
    """Each column with a list of values gets the list in a column of «Справочники» (its
    header in row 2, under the title) and a drop-down over its data rows. Returns the last
    column of «Справочники» taken."""
    first = TEMPLATE_HEAD + 1
    for index, column in enumerate(importable, start=1):
        values = _listed_values(column, reference_lists)
        if not values:
            continue
        ref_column += 1
        letter = get_column_letter(ref_column)
        references.cell(row=TEMPLATE_HEAD, column=ref_column, value=column.header)
        for row, value in enumerate(values, start=first):
            references.cell(row=row, column=ref_column, value=value)
        references.column_dimensions[letter].width = max(column.width, 20)
        last = first + len(values) - 1
        rule = _list_rule(column, f"=Справочники!${letter}${first}:${letter}${last}")
        target_letter = get_column_letter(index)
        rule.add(f"{target_letter}{first}:{target_letter}10000")
        data.add_data_validation(rule)
    return ref_column


def _template_references(references, title: PrintTitle) -> None:
    """«Справочники» printed as a sheet of lists: its title, heads, wrapped values."""
    widths = [
        references.column_dimensions[get_column_letter(n)].width or 20
        for n in range(1, references.max_column + 1)
    ]
    heads = [
        references.cell(row=TEMPLATE_HEAD, column=n).value
        for n in range(1, references.max_column + 1)
    ]
    title_row(references, title.of_sheet("Справочники", first=False), widths or [20])
    head_row(references, heads, widths, row=TEMPLATE_HEAD)
    wrap_rows(references, widths, first=TEMPLATE_HEAD + 1)
    references.freeze_panes = f"A{TEMPLATE_HEAD + 1}"
    print_setup(references, head_rows=(1, TEMPLATE_HEAD), landscape=is_landscape(widths))


def _list_rule(column: Column, values_range: str) -> DataValidation:
    several = column.kind == "choices"
    return DataValidation(
        type="list",
        formula1=values_range,
        allow_blank=not column.required,
        showErrorMessage=True,
        # Several values go in one cell «a; b»: the list only suggests, it does not forbid.
        errorStyle="information" if several else "stop",
        errorTitle="Значение не из списка",
        error=(
            f"Несколько значений пишите через «{LIST_SEPARATOR.strip()}»."
            if several
            else f"Выберите значение из списка «{column.header}»."
        ),
    )


TEMPLATE_RULES = [
    "Как заполнить",
    "1. Одна строка — одна запись. Первая строка листа — его название, вторая — заголовки: "
    "не меняйте их.",
    "2. Строка 3 — пример: замените её своими данными или удалите.",
    "3. Колонку «ID портала» оставьте пустой для новых записей; при выгрузке из портала она "
    "заполнена, и по ней повторная загрузка обновит ту же запись.",
    "4. Значения справочников выбирайте из выпадающих списков; допустимые значения — "
    "на листе «Справочники» и ниже.",
    f"5. Несколько значений в одной ячейке разделяйте точкой с запятой: «{LIST_SEPARATOR}».",
    f"6. Да/нет пишите словами «{YES}» или «{NO}». Формулы и объединённые ячейки не допускаются.",
]


# The width of «Инструкция»'s one column: a portrait page's.
INSTRUCTIONS_WIDTH = 95


def _template_instructions(
    instructions, data_sheets: list, reference_lists: dict, title: PrintTitle
) -> None:
    """The general rules, then each data sheet's own lines and one line per column, under
    the title, each line wrapped on a portrait page."""
    lines = list(TEMPLATE_RULES)
    for name, sheet_columns, _, extra in data_sheets:
        lines += ["", f"Лист «{name}»", *extra]
        lines += [
            _column_instruction(column, reference_lists)
            for column in sheet_columns
            if column.importable
        ]
    headings = {TEMPLATE_RULES[0], *(f"Лист «{name}»" for name, _, _, _ in data_sheets)}
    title_row(instructions, title.of_sheet("Инструкция", first=False), [INSTRUCTIONS_WIDTH])
    for row, line in enumerate(lines, start=2):
        cell = instructions.cell(row=row, column=1, value=line)
        if line in headings:
            cell.font = Font(bold=True)
    instructions.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    wrap_rows(instructions, [INSTRUCTIONS_WIDTH], first=2)
    print_setup(instructions, head_rows=(1, 1), landscape=False)


def _column_instruction(column: Column, reference_lists: dict) -> str:
    values = _listed_values(column, reference_lists)
    mark = (
        "обязательная"
        if column.required
        else f"обязательная, {column.required_when}"
        if column.required_when
        else "необязательная"
    )
    allowed = f" Допустимо: {LIST_SEPARATOR.join(values)}." if values else ""
    note = f" {column.note}." if column.note else ""
    return f"«{column.header}» — {mark}.{note}{allowed}"
